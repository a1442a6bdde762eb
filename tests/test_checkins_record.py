"""Check-ins: the mentor records, the employer adds its view, refusals change nothing,
reminders go out once, a leave lets the mentor reopen the profile in one step."""

from datetime import timedelta

from sqlmodel import func, select

from portal.clock import today
from portal.models import CheckIn, Notification, Participant, Proposal
from portal.services.checkins import schedule

from .checkin_factory import checkin_form, hired
from .participant_factory import matchable, state
from .proposal_factory import client_for, post_form, propose, world


def rows(db):
    db.expire_all()
    return list(db.exec(select(CheckIn).where(CheckIn.recorded_at.is_not(None))))


def test_mentor_records_a_due_check_in_and_the_employer_adds_its_view(app, db, make_user):
    w, proposal = hired(app, db, make_user)
    mentor = client_for(app, w.mentor)
    page = mentor.get("/mentor/?lang=en").get_data(as_text=True)
    assert "Check-ins due" in page and "Samir Noori" in page
    employer = client_for(app, w.employer)
    # The employer's dashboard lists the due check-in too, under a pseudonym
    dashboard = employer.get("/employer/?lang=en").get_data(as_text=True)
    assert "Check-ins due" in dashboard and f"Candidate K{proposal.id:04d}" in dashboard
    assert "Samir" not in dashboard
    other = client_for(app, make_user("employer")).get("/employer/?lang=en")
    assert f"K{proposal.id:04d}" not in other.get_data(as_text=True)
    assert state(app, db, w.participant) == "in_aftercare"
    url = f"/checkins/hire/{proposal.id}/1"
    response = post_form(mentor, url, checkin_form(), page=url)
    assert response.status_code == 302
    [row] = rows(db)
    assert row.still_employed and row.commitment["buddy"] == "kept" and row.month == 1
    assert "No check-in is due." in mentor.get("/mentor/?lang=en").get_data(as_text=True)
    assert "No check-in is due." in employer.get("/employer/?lang=en").get_data(as_text=True)

    url = f"/checkins/hire/{proposal.id}/1/employer"
    response = post_form(employer, url, {"rating": "good", "note": "Top."}, page=url)
    assert response.status_code == 302
    db.expire_all()
    assert db.get(CheckIn, row.id).employer_view_rating == "good"
    # The employer never sees the mentor's notes, nor the name before it was shared.
    page = employer.get(f"/checkins/hire/{proposal.id}?lang=en").get_data(as_text=True)
    assert "Werkt graag in de ploeg." not in page and "Samir" not in page


def test_a_date_in_the_future_is_refused_next_to_the_field(app, db, make_user):
    w, proposal = hired(app, db, make_user)
    mentor = client_for(app, w.mentor)
    url = f"/checkins/hire/{proposal.id}/1"
    tomorrow = (today() + timedelta(days=1)).isoformat()
    page = post_form(mentor, url + "?lang=en", checkin_form(held_on=tomorrow), page=url)
    assert page.status_code == 200
    assert "This date is in the future." in page.get_data(as_text=True)
    assert rows(db) == []


def test_a_leave_needs_its_date_and_reason(app, db, make_user):
    w, proposal = hired(app, db, make_user)
    mentor = client_for(app, w.mentor)
    url = f"/checkins/hire/{proposal.id}/1"
    page = post_form(mentor, url + "?lang=en", checkin_form(still_employed="no"), page=url)
    assert "Give the last working day." in page.get_data(as_text=True)
    assert rows(db) == []


def test_no_check_in_for_someone_never_hired(app, db, make_user):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    propose(mentor, w)
    proposal = db.exec(select(Proposal)).one()
    url = f"/checkins/hire/{proposal.id}/1"
    response = post_form(mentor, url + "?lang=en", checkin_form(), page="/mentor/")
    assert response.status_code == 302
    page = mentor.get("/checkins/?lang=en").get_data(as_text=True)
    assert "was not hired through this proposal" in page
    assert db.exec(select(func.count()).select_from(CheckIn)).one() == 0


def test_other_employer_and_other_mentor_are_refused(app, db, make_user):
    w, proposal = hired(app, db, make_user)
    url = f"/checkins/hire/{proposal.id}/1"
    other_employer = client_for(app, make_user("employer"))
    response = post_form(other_employer, url + "/employer", {"rating": "good"}, page="/employer/")
    assert response.status_code == 403
    assert other_employer.get(f"/checkins/hire/{proposal.id}").status_code == 403
    other_mentor = client_for(app, make_user("mentor"))
    assert post_form(other_mentor, url, checkin_form(), page="/mentor/").status_code == 403
    # The employer cannot record the mentor's check-in, the mentor not the employer's view.
    employer = client_for(app, w.employer)
    assert post_form(employer, url, checkin_form(), page="/employer/").status_code == 403
    assert db.exec(select(func.count()).select_from(CheckIn)).one() == 0


def test_a_check_in_that_is_not_open_yet_is_refused(app, db, make_user):
    w, proposal = hired(app, db, make_user, days_ago=5)
    mentor = client_for(app, w.mentor)
    url = f"/checkins/hire/{proposal.id}/3"
    page = post_form(mentor, url + "?lang=en", checkin_form(), page="/mentor/")
    assert "This check-in opens on" in page.get_data(as_text=True)
    assert rows(db) == []


def test_notify_sends_each_due_reminder_once(app, db, make_user):
    w, proposal = hired(app, db, make_user, days_ago=100)  # 1 month overdue, 3 months due
    runner = app.test_cli_runner()
    first = runner.invoke(args=["checkins", "notify"])
    assert first.exit_code == 0 and first.output.strip().endswith("checkins notified=2")
    second = runner.invoke(args=["checkins", "notify"])
    assert second.output.strip().endswith("checkins notified=0")
    db.expire_all()
    sent = db.exec(select(Notification).where(Notification.kind == "checkin_due")).all()
    assert {n.user_id for n in sent} == {w.mentor.id, w.employer.id}
    assert len(sent) == 4  # two check-ins, each to the mentor and the employer


def test_leaving_then_reopening_in_one_step(app, db, make_user):
    w, proposal = hired(app, db, make_user, days_ago=40)
    assert not matchable(app, db, w.participant)  # in a job: not matched
    mentor = client_for(app, w.mentor)
    url = f"/checkins/hire/{proposal.id}/1"
    leave = checkin_form(
        still_employed="no",
        left_on=(today() - timedelta(days=3)).isoformat(),
        leave_reason="travel",
        wants_help_again="yes",
    )
    assert post_form(mentor, url, leave, page=url).status_code == 302
    assert state(app, db, w.participant) == "left_job"
    assert not matchable(app, db, w.participant)
    reopen = f"/checkins/participants/{w.participant.id}/reopen"
    assert post_form(client_for(app, make_user("mentor")), reopen, {}).status_code == 403
    assert post_form(mentor, reopen, {}, page="/mentor/").status_code == 302
    db.expire_all()
    assert db.get(Participant, w.participant.id).active
    assert matchable(app, db, w.participant)  # the endorsement is still valid: no new one
    assert state(app, db, w.participant) == "endorsed"
    # A second reopen has nothing to reopen.
    post_form(mentor, reopen + "?lang=en", {}, page="/mentor/")
    page = mentor.get(f"/mentor/participants/{w.participant.id}?lang=en").get_data(as_text=True)
    assert "Record first in a check-in that the person left the job." in page


def test_due_status_rules():
    day = today()
    assert schedule.status_of(day + timedelta(days=8), None, None, day) == "upcoming"
    assert schedule.status_of(day + timedelta(days=7), None, None, day) == "due"
    assert schedule.status_of(day - timedelta(days=14), None, None, day) == "due"
    assert schedule.status_of(day - timedelta(days=15), None, None, day) == "overdue"
    assert schedule.status_of(day, None, day - timedelta(days=30), day) == "closed"


def test_a_participants_export_holds_their_check_ins(app, db, make_user):
    w, proposal = hired(app, db, make_user)
    mentor = client_for(app, w.mentor)
    url = f"/checkins/hire/{proposal.id}/1"
    post_form(mentor, url, checkin_form(participant_note="Gaat goed."), page=url)
    exported = mentor.get(f"/mentor/participants/{w.participant.id}/export").get_json()
    [check_in] = [c for c in exported["check_in"] if c["recorded_at"]]
    assert check_in["proposal_id"] == proposal.id
    assert check_in["participant_note"] == "Gaat goed."
