"""The whole path through the test client: proposal -> interested -> meeting -> trial ->
hired; what the employer sees before and after the participant's consent; the boards."""

from datetime import timedelta

from sqlmodel import select

from portal import clock
from portal.models import Consent, Participant, Vacancy
from portal.services.participants import login_codes

from .conftest import login
from .participant_factory import state
from .proposal_factory import client_for, events_of, post_form, proposals_of, propose, step, world


def test_whole_path_from_proposal_to_hire_closes_the_vacancy(app, db, make_user):
    w = world(app, db, make_user)
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)

    response = propose(mentor, w)
    assert response.status_code == 302, response.get_data(as_text=True)
    [proposal] = proposals_of(db, w)
    assert proposal.stage == "proposed" and proposal.interest_with_mentor
    assert state(app, db, w.participant) == "proposed"

    inbox = employer.get("/proposals/inbox?lang=en").get_data(as_text=True)
    assert f"Candidate K{proposal.id:04d}" in inbox

    soon = clock.today() + timedelta(days=3)
    assert step(employer, proposal.id, "employer_interested").status_code == 302
    meeting = {"meeting_on": soon.isoformat(), "meeting_time": "10:30", "meeting_place": "Onthaal"}
    assert step(employer, proposal.id, "intro_meeting", meeting).status_code == 302
    trial = {"trial_start": soon.isoformat(), "trial_end": (soon + timedelta(days=14)).isoformat()}
    assert step(employer, proposal.id, "trial", trial).status_code == 302
    hire = {"contract_type": "open-ended", "hire_start": (soon + timedelta(days=20)).isoformat()}
    assert step(employer, proposal.id, "hired", hire).status_code == 302

    [proposal] = proposals_of(db, w)
    assert proposal.stage == "hired" and proposal.open_pair is None
    assert proposal.meeting_place == "Onthaal" and proposal.contract_type == "open-ended"
    kinds = [(e.kind, e.by_role) for e in events_of(db, proposal.id)]
    assert kinds == [
        ("proposed", "mentor"),
        ("interest", "mentor"),
        ("employer_interested", "employer"),
        ("intro_meeting", "employer"),
        ("trial", "employer"),
        ("hired", "employer"),
    ]
    assert events_of(db, proposal.id)[3].details["place"] == "Onthaal"
    assert db.get(Vacancy, w.vacancy.id).status == "filled"
    assert state(app, db, w.participant) == "in_aftercare"  # a fresh hire is in aftercare (issue 7)
    board = mentor.get("/proposals/?lang=en").get_data(as_text=True)
    assert "Samir Noori" in board and "Hired" in board
    dashboard = employer.get("/employer/?lang=en").get_data(as_text=True)
    assert f'/proposals/inbox?vacancy={w.vacancy.id}">1</a>' in dashboard


def test_employer_sees_no_name_or_contact_before_consent_and_does_after(app, db, make_user):
    w = world(app, db, make_user)
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)
    propose(mentor, w)
    [proposal] = proposals_of(db, w)
    page = employer.get(f"/proposals/{proposal.id}/employer?lang=en").get_data(as_text=True)
    assert "Samir" not in page and "Noori" not in page and "samir@example.org" not in page
    assert "unlimited" not in page.lower()  # right to work never shown
    assert "Werkt snel en nauwkeurig" in page  # the mentor's motivation is
    assert "Order picker" in page or "order" in page.lower()
    assert "Samir" not in employer.get("/proposals/inbox").get_data(as_text=True)

    # The participant says yes in their own account.
    with app.app_context():
        code = login_codes.issue_login_code(db, w.mentor, db.get(Participant, w.participant.id))
    person = app.test_client()
    post_form(person, "/start", {"code": code, "date_of_birth": "1995-05-04"}, "/start")
    me = person.get("/me/?lang=en").get_data(as_text=True)
    assert "My proposals" in me and "does not see your name" in me
    assert post_form(person, f"/proposals/{proposal.id}/share", {}, "/me/").status_code == 302
    consent = db.exec(select(Consent).where(Consent.scope == "share_contact")).one()
    assert consent.proposal_id == proposal.id and consent.vacancy_id == w.vacancy.id
    assert consent.with_mentor is False

    page = employer.get(f"/proposals/{proposal.id}/employer?lang=en").get_data(as_text=True)
    assert "Samir Noori" in page and "samir@example.org" in page
    assert "Samir Noori" in employer.get("/proposals/inbox").get_data(as_text=True)

    # Withdrawn by the participant: the name disappears again.
    assert post_form(person, f"/proposals/{proposal.id}/withdraw", {}, "/me/").status_code == 302
    [proposal] = proposals_of(db, w)
    assert proposal.stage == "withdrawn" and proposal.open_pair is None
    page = employer.get(f"/proposals/{proposal.id}/employer?lang=en").get_data(as_text=True)
    assert "Samir" not in page


def test_proposal_waits_for_the_participant_before_the_employer_sees_it(app, db, make_user):
    w = world(app, db, make_user)
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)
    propose(mentor, w, interest_with_mentor="")
    [proposal] = proposals_of(db, w)
    assert proposal.interest_at is None
    assert employer.get(f"/proposals/{proposal.id}/employer").status_code == 403
    assert f"K{proposal.id:04d}" not in employer.get("/proposals/inbox").get_data(as_text=True)
    board = mentor.get("/proposals/?lang=en").get_data(as_text=True)
    assert "The participant says whether they are interested." in board
    # The mentor records it with the participant at their side.
    response = post_form(mentor, f"/proposals/{proposal.id}/interest", {})
    assert response.status_code == 302
    assert proposals_of(db, w)[0].interest_with_mentor
    assert employer.get(f"/proposals/{proposal.id}/employer").status_code == 200


def test_propose_form_is_reachable_from_the_profile_and_the_vacancy(app, db, make_user):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    profile = mentor.get(f"/mentor/participants/{w.participant.id}").get_data(as_text=True)
    assert f"/proposals/new?participant_id={w.participant.id}" in profile
    detail = mentor.get(f"/vacancies/{w.vacancy.id}").get_data(as_text=True)
    assert f"/proposals/new?vacancy_id={w.vacancy.id}" in detail
    form = mentor.get(f"/proposals/new?vacancy_id={w.vacancy.id}").get_data(as_text=True)
    assert f'<option selected value="{w.vacancy.id}">' in form


def test_demo_has_proposals_at_every_stage_and_each_role_sees_them(app, db):
    from portal.models import Proposal

    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    stages = set(db.exec(select(Proposal.stage)).all())
    assert stages == {
        "proposed", "employer_interested", "declined", "intro_meeting", "trial", "hired",
        "not_hired", "withdrawn",
    }  # fmt: skip
    logins = {line.split()[1]: line.split()[2] for line in result.stdout.splitlines() if line}
    for email, url, text in [
        ("logistiek@vandamme.example", "/proposals/inbox?lang=en", "Trial"),
        ("els.verbeke@werkplaats.example", "/proposals/?lang=en", "Yonas"),
        ("amina.diallo@deelnemer.example", "/me/?lang=en", "You meet the employer on"),
        # Written in the coordinator's language (the default, Dutch) when it happened.
        ("coordinatie@brugportaal.example", "/notifications/?lang=en", "Aangeworven"),
    ]:
        client = app.test_client()
        login(client, email, logins[email])
        page = client.get(url)
        assert page.status_code == 200 and text in page.get_data(as_text=True), (email, url)
