"""Issue 16: the introduction meeting as a calendar invitation for the mentor and the
employer who planned it, in Brussels time (with a VTIMEZONE) across daylight saving; an
update keeps the UID and raises SEQUENCE; a meeting called off sends METHOD:CANCEL; the
participant is named only after they shared name and contact."""

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from portal import clock
from portal.models import Proposal
from portal.services.calendar_files import CalendarEvent, Person, calendar_file

from .conftest import post
from .mail_files import calendar_part, mails_to, plain_text
from .proposal_factory import client_for, interested_employer, post_form, step


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


NEXT_YEAR = clock.today().year + 1
# Summer time starts on the last Sunday of March and ends on the last Sunday of October.
AFTER_SPRING_CHANGE = _last_sunday(NEXT_YEAR, 3) + timedelta(days=1)  # e.g. 2027-03-29
AUTUMN_CHANGE_DAY = _last_sunday(NEXT_YEAR, 10)  # e.g. 2027-10-31


def _meeting(day: date, time="10:00", place="Dok Noord 3, Gent", minutes="60") -> dict:
    return {
        "meeting_on": day.isoformat(),
        "meeting_time": time,
        "meeting_place": place,
        "meeting_minutes": minutes,
    }


def _invitations(app, address) -> list[Calendar]:
    """The calendar entries mailed to this address, oldest first."""
    parts = [calendar_part(m) for m in mails_to(app, address)]
    return [Calendar.from_ical(p.get_content()) for p in parts if p is not None]


@pytest.mark.parametrize(
    ("day", "offset"), [(date(2027, 3, 29), 2), (date(2027, 10, 31), 1)]
)  # the day after summer time starts; the day it ends
def test_calendar_file_keeps_brussels_wall_time_with_its_own_vtimezone(day, offset):
    start = datetime.combine(day, time(10, 0), tzinfo=clock.BRUSSELS)
    event = CalendarEvent(
        "intro-meeting-1@example.org", 2, start, start + timedelta(hours=1), "Gesprek",
        "Met K0001", "Dok 4", "nl", Person("Ann", "ann@example.org"),
        (Person("Bob", "bob@example.org"),),
    )  # fmt: skip
    parsed = Calendar.from_ical(calendar_file(event, "REQUEST").data)
    [zone], [vevent] = parsed.timezones, parsed.events
    assert vevent.start == start and vevent.start.utcoffset() == timedelta(hours=offset)
    assert b"DTSTART;TZID=Europe/Brussels:" in vevent.to_ical()
    assert vevent.start.replace(tzinfo=zone.to_tz()).utcoffset() == timedelta(hours=offset)
    assert (vevent["UID"], vevent["SEQUENCE"]) == ("intro-meeting-1@example.org", 2)


def test_invitation_in_brussels_time_and_update_across_daylight_saving(app, db, make_user):
    meeting = _meeting(AFTER_SPRING_CHANGE, minutes="90")
    w, proposal, employer = interested_employer(app, db, make_user, meeting)

    [mentor_mail] = [m for m in mails_to(app, w.mentor.email) if calendar_part(m)]
    part = calendar_part(mentor_mail)
    assert part.get_param("method") == "REQUEST"
    assert mentor_mail["X-Portal-Participant"] == str(w.participant.id)  # erasure finds it
    [invite] = _invitations(app, w.mentor.email)
    assert invite["METHOD"] == "REQUEST"
    [zone] = invite.timezones
    assert zone["TZID"] == "Europe/Brussels"
    [event] = invite.events
    assert (event.start.hour, event.start.minute) == (10, 0)
    assert event.start.utcoffset() == timedelta(hours=2)  # summer time, one day old
    assert event.end - event.start == timedelta(minutes=90)
    # The VTIMEZONE alone (for programs without a time-zone database) says the same.
    local = event.start.replace(tzinfo=zone.to_tz())
    assert local.utcoffset() == timedelta(hours=2)
    assert str(event["LOCATION"]) == "Dok Noord 3, Gent"
    assert str(event["ORGANIZER"]) == f"mailto:{w.employer.email}"
    attendees = {str(a) for a in event["ATTENDEE"]}
    assert f"mailto:{w.mentor.email}" in attendees
    assert event["SEQUENCE"] == 0
    assert "Kennismakingsgesprek" in str(event["SUMMARY"])  # the mentor reads Dutch
    [employer_invite] = _invitations(app, w.employer.email)
    assert "Entretien" in str(employer_invite.events[0]["SUMMARY"])  # the employer French
    assert employer_invite.events[0]["UID"] == event["UID"]

    # The meeting moves to the day summer time ends: the same entry, a newer version.
    autumn = _meeting(AUTUMN_CHANGE_DAY, place="Poort 3")
    assert step(employer, proposal.id, "intro_meeting", autumn).status_code == 302
    first, update = _invitations(app, w.mentor.email)
    [moved] = update.events
    assert moved["UID"] == event["UID"] and moved["SEQUENCE"] == 1
    assert update["METHOD"] == "REQUEST"
    assert (moved.start.hour, moved.start.utcoffset()) == (10, timedelta(hours=1))
    assert moved.start.replace(tzinfo=update.timezones[0].to_tz()).utcoffset() == timedelta(hours=1)
    assert str(moved["LOCATION"]) == "Poort 3"
    [changed] = [m for m in mails_to(app, w.mentor.email) if "gewijzigd" in m["Subject"]]
    assert "Poort 3" in plain_text(changed)
    db.expire_all()
    assert db.get(Proposal, proposal.id).meeting_sequence == 1
    assert db.get(Proposal, proposal.id).stage == "intro_meeting"


@pytest.mark.parametrize("closing", ["not_hired", "withdrawn"])
def test_a_meeting_called_off_sends_a_cancel_with_the_same_uid(app, db, make_user, closing):
    w, proposal, employer = interested_employer(app, db, make_user, _meeting(AFTER_SPRING_CHANGE))
    if closing == "not_hired":
        step(employer, proposal.id, "not_hired", {"reason": "position"})
    else:
        mentor = client_for(app, w.mentor)
        page = f"/proposals/{proposal.id}"
        post_form(mentor, f"/proposals/{proposal.id}/withdraw", {"note": ""}, page)
    for address in (w.mentor.email, w.employer.email):
        request, cancel = _invitations(app, address)
        assert cancel["METHOD"] == "CANCEL"
        [event] = cancel.events
        assert event["UID"] == request.events[0]["UID"]
        assert event["SEQUENCE"] == 1 and event["STATUS"] == "CANCELLED"
        [mail] = [m for m in mails_to(app, address) if calendar_part(m) and "CANCEL" in str(m)]
        assert calendar_part(mail).get_param("method") == "CANCEL"
    db.expire_all()
    assert db.get(Proposal, proposal.id).stage == closing


def test_no_cancel_for_a_meeting_that_already_took_place(app, db, make_user):
    w, proposal, employer = interested_employer(app, db, make_user, _meeting(AFTER_SPRING_CHANGE))
    db.expire_all()
    held = db.get(Proposal, proposal.id)
    held.meeting_on = clock.today() - timedelta(days=1)  # arranged: the meeting was yesterday
    db.add(held)
    db.commit()
    step(employer, proposal.id, "not_hired", {"reason": "fit"})
    assert len(_invitations(app, w.mentor.email)) == 1
    db.expire_all()
    assert db.get(Proposal, proposal.id).meeting_sequence == 0


def test_the_participant_is_named_only_after_sharing(app, db, make_user):
    w, proposal, employer = interested_employer(app, db, make_user, _meeting(AFTER_SPRING_CHANGE))
    [invite] = _invitations(app, w.employer.email)
    text = invite.to_ical().decode()
    assert "Samir" not in text and "Noori" not in text
    assert f"K{proposal.id:04d}" in str(invite.events[0]["DESCRIPTION"])
    before = employer.get(f"/proposals/{proposal.id}/meeting.ics").get_data(as_text=True)
    assert "Samir" not in before

    mentor = client_for(app, w.mentor)
    page = f"/proposals/{proposal.id}"
    post_form(mentor, f"/proposals/{proposal.id}/share", {}, page)
    after = Calendar.from_ical(employer.get(f"/proposals/{proposal.id}/meeting.ics").data)
    assert "Samir Noori" in str(after.events[0]["DESCRIPTION"])
    assert "Samir" not in str(after.events[0]["SUMMARY"])  # never a name in a summary
    # The next update names the participant in every calendar.
    step(employer, proposal.id, "intro_meeting", _meeting(AFTER_SPRING_CHANGE, time="11:00"))
    update = _invitations(app, w.employer.email)[-1]
    assert "Samir Noori" in str(update.events[0]["DESCRIPTION"])
    # Sharing taken back: the employer's calendar entry is replaced by one without the name.
    post_form(mentor, f"/proposals/{proposal.id}/unshare", {}, page)
    unnamed = _invitations(app, w.employer.email)[-1].events[0]
    assert unnamed["SEQUENCE"] == update.events[0]["SEQUENCE"] + 1
    assert "Samir" not in unnamed.to_ical().decode()


def test_download_is_for_the_employer_and_the_mentor_of_the_proposal(app, db, make_user):
    w, proposal, employer = interested_employer(app, db, make_user)
    url = f"/proposals/{proposal.id}/meeting.ics"
    assert employer.get(url).status_code == 404  # nothing planned yet
    step(employer, proposal.id, "intro_meeting", _meeting(AFTER_SPRING_CHANGE))
    mentor = client_for(app, w.mentor)
    for client in (employer, mentor):
        response = client.get(url)
        assert response.status_code == 200
        assert response.mimetype == "text/calendar"
        assert "attachment" in response.headers["Content-Disposition"]
        published = Calendar.from_ical(response.data)
        assert published["METHOD"] == "PUBLISH" and "ATTENDEE" not in published.events[0]
    assert url in employer.get(f"/proposals/{proposal.id}/employer").get_data(as_text=True)
    assert url in mentor.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    # The wrong owner: another organisation's employer, another participant's mentor.
    assert client_for(app, make_user("employer")).get(url).status_code == 403
    assert client_for(app, make_user("mentor")).get(url).status_code == 403
    # The wrong role: a coordinator (sees the proposal, gets no calendar entry).
    assert client_for(app, make_user("coordinator")).get(url).status_code == 403


def test_participant_sees_the_planned_meeting(app, db, make_user):
    from portal.models import Participant
    from portal.services.participants import login_codes

    w, proposal, _employer = interested_employer(app, db, make_user, _meeting(AFTER_SPRING_CHANGE))
    with app.app_context():
        code = login_codes.issue_login_code(db, w.mentor, db.get(Participant, w.participant.id))
    client = app.test_client()
    post(client, "/start", {"code": code, "date_of_birth": "1995-05-04"}, token_from="/start")
    home = client.get("/me/").get_data(as_text=True)
    assert "10:00–11:00" in home and "Dok Noord 3, Gent" in home
    assert client.get(f"/proposals/{proposal.id}/meeting.ics").status_code == 403


def test_bad_meeting_values_are_refused_with_a_clear_message(app, db, make_user):
    w, proposal, employer = interested_employer(app, db, make_user)
    earlier = clock.now() - timedelta(minutes=1)  # today, a minute ago
    cases = [
        (_meeting(earlier.date(), time=earlier.strftime("%H:%M")), "dans le passé"),
        (_meeting(AFTER_SPRING_CHANGE, minutes="5"), "de 15 à 240 minutes"),
        (_meeting(AFTER_SPRING_CHANGE, minutes="600"), "de 15 à 240 minutes"),
        (_meeting(AFTER_SPRING_CHANGE, minutes="une heure"), "nombre entier"),
        (_meeting(AFTER_SPRING_CHANGE, time="25:00"), "heures:minutes"),
    ]
    for values, message in cases:
        response = step(employer, proposal.id, "intro_meeting", values)
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and message in body, message
        assert 'value="Dok Noord 3, Gent"' in body  # what was typed stays
    db.expire_all()
    assert db.get(Proposal, proposal.id).stage == "employer_interested"
    assert not _invitations(app, w.mentor.email)

    step(employer, proposal.id, "intro_meeting", _meeting(AFTER_SPRING_CHANGE))
    same = step(employer, proposal.id, "intro_meeting", _meeting(AFTER_SPRING_CHANGE))
    assert same.status_code == 302  # nothing changed: said, no update sent
    assert "Rien n’a changé" in employer.get(same.location).get_data(as_text=True)
    assert len(_invitations(app, w.mentor.email)) == 1
