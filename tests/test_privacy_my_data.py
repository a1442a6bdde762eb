"""Issue 12: the participant's "my data" page. Their own mentor and a coordinator open it too
(audited); the export holds everything about them and nothing about anyone else; the page
says who looked at their information."""

import json
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select

from portal import clock
from portal.config import LANGUAGES
from portal.models import AuditEvent, Organisation, Participant, User

from .conftest import login
from .participant_factory import endorse, make_participant
from .proposal_factory import client_for, post_form, proposals_of, propose, step, world
from .test_participants_openings import participant_client

OTHER = ("Zoltanka", "Quibblewick", "zoltanka@example.org")


def _page(client, p, lang="en"):
    return client.get(f"/data/participants/{p.id}?lang={lang}")


def _shared_and_seen(app, db, make_user):
    """A world where the participant shared name and phone for a proposal and the employer
    opened the skills card; another participant of the same mentor is proposed too."""
    w = world(app, db, make_user)
    other = make_participant(app, db, w.mentor, complete=True, first_name=OTHER[0],
                             last_name=OTHER[1], email=OTHER[2])  # fmt: skip
    endorse(app, db, w.mentor, other)
    mentor = client_for(app, w.mentor)
    propose(mentor, w)
    propose(mentor, w, participant_id=other.id)
    [proposal] = proposals_of(db, w)
    person = participant_client(app, db, w)
    assert post_form(person, f"/proposals/{proposal.id}/share", {}, "/me/").status_code == 302
    employer = client_for(app, w.employer)
    assert employer.get(f"/proposals/{proposal.id}/card").status_code == 200
    return w, person, proposal


def test_participant_mentor_and_coordinator_open_it_others_are_refused(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    mine = person.get("/data/mine")
    assert mine.headers["Location"] == f"/data/participants/{w.participant.id}"
    body = _page(person, w.participant).get_data(as_text=True)
    assert "Who looked at your information" in body and 'name="text"' in body
    assert "plain-block" in body and "/data/mine" in body  # the navigation links it
    home = person.get("/me/?lang=en").get_data(as_text=True)
    assert f"/data/participants/{w.participant.id}" in home
    somali = _page(person, w.participant, "so").get_data(as_text=True)
    assert 'class="review-note"' in somali  # the unreviewed-language line
    mentor = client_for(app, w.mentor)
    assert _page(mentor, w.participant).status_code == 200
    for language in LANGUAGES:  # dates and the mentor's visit in every language
        assert _page(person, w.participant, language).status_code == 200, language
    profile = mentor.get(f"/mentor/participants/{w.participant.id}").get_data(as_text=True)
    assert f"/data/participants/{w.participant.id}" in profile
    boss = make_user("coordinator")
    assert _page(client_for(app, boss), w.participant).status_code == 200

    outsider = make_user("mentor")  # a mentor of another WISE
    other_wise = client_for(app, outsider)
    stranger = make_participant(app, db, make_user("mentor"), first_name="Ander")
    for client in (other_wise, client_for(app, w.employer)):
        for url in ("", "/export.json", "/export.html"):
            answer = client.get(f"/data/participants/{w.participant.id}{url}")
            assert answer.status_code == 403
            assert "Samir" not in answer.get_data(as_text=True)
        page = f"/data/participants/{stranger.id}"
        asked = post_form(client, f"/data/participants/{w.participant.id}/requests",
                          {"kind": "correction", "text": "Verander mijn adres."}, page)  # fmt: skip
        assert asked.status_code == 403
    assert person.get(f"/data/participants/{stranger.id}").status_code == 403
    assert "Ander" not in person.get(f"/data/participants/{stranger.id}").get_data(as_text=True)
    db.expire_all()
    viewed = db.exec(select(AuditEvent.actor_id).where(
        AuditEvent.action == "participant.viewed", AuditEvent.subject_id == w.participant.id
    )).all()  # fmt: skip
    assert {w.mentor.id, boss.id} <= set(viewed)
    denied = db.exec(select(AuditEvent.actor_id).where(AuditEvent.action == "participant.denied"))
    assert outsider.id in set(denied.all())


def test_export_holds_the_canary_fields_and_no_other_participant(app, db, make_user):
    w, person, proposal = _shared_and_seen(app, db, make_user)
    employer = client_for(app, w.employer)
    step(employer, proposal.id, "employer_interested")
    meeting = {"meeting_on": (clock.today() + timedelta(days=3)).isoformat(),
               "meeting_time": "10:30", "meeting_place": "Onthaal"}  # fmt: skip
    assert step(employer, proposal.id, "intro_meeting", meeting).status_code == 302
    asked = post_form(person, f"/data/participants/{w.participant.id}/requests",
                      {"kind": "correction", "text": "Mijn telefoon is 0499 11 22 33."},
                      f"/data/participants/{w.participant.id}")  # fmt: skip
    assert asked.status_code == 302
    start = login(app.test_client(), "nobody@example.org")  # an unrelated failed sign-in
    assert start.status_code == 200
    mentor = client_for(app, w.mentor)
    response = person.get(f"/data/participants/{w.participant.id}/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    raw = response.get_data(as_text=True)
    data = json.loads(raw)
    employer_name = db.get(Organisation, w.employer.organisation_id).name
    assert data["participant"]["first_name"] == "Samir"
    assert data["participant"]["email"] == "samir@example.org"
    assert "login_code_hash" not in data["participant"]
    assert data["mentor"]["name"] == w.mentor.display_name
    assert data["participant_skill"][0]["evidence"] == "Picks orders alone."
    assert {(c["scope"], c["version"], c["text_version"]) for c in data["consent"]} >= {
        ("matching", 1, "2026-1"), ("share_contact", 1, "2026-1")
    }  # fmt: skip
    [mine] = data["proposal"]
    assert mine["id"] == proposal.id and mine["employer"] == employer_name
    assert mine["vacancy_title"] == "Magazijnmedewerker"
    assert {"proposed", "share_contact"} <= {e["kind"] for e in mine["events"]}
    assert data["account"]["role"] == "participant"
    assert data["notification"] and all("subject" in n for n in data["notification"])
    assert data["data_request"][0]["text"] == "Mijn telefoon is 0499 11 22 33."
    seen = [a for a in data["audit_event"] if a["action"] == "participant.viewed"]
    assert {"by_role": "employer", "by_organisation": employer_name} in [
        {k: a[k] for k in ("by_role", "by_organisation")} for a in seen
    ]
    assert "login_failure" in data and "check_in" in data
    for canary in (*OTHER, "nobody@example.org"):
        assert canary not in raw
    other_ids = {p.id for p in db.exec(select(Participant)) if p.id != w.participant.id}
    assert all(r["proposal_id"] not in other_ids for r in data["proposal"][0]["events"])

    db.exec(update(User).where(User.id == db.get(Participant, w.participant.id).user_id)
            .values(locale="ar"))  # fmt: skip
    db.commit()
    readable = mentor.get(f"/data/participants/{w.participant.id}/export.html?lang=en")
    assert readable.headers["Content-Disposition"].startswith("attachment;")
    assert readable.headers["Cache-Control"] == "no-store"
    text = readable.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in text  # the participant's language, not the mentor's
    assert "Samir" in text and "Magazijnmedewerker" in text and "بياناتي" in text
    assert not [c for c in OTHER if c in text]

    assert mentor.get(f"/data/participants/{w.participant.id}/export.json").status_code == 200
    db.expire_all()
    downloads = db.exec(select(AuditEvent.actor_id, AuditEvent.detail).where(
        AuditEvent.action == "participant.exported"
    )).all()  # fmt: skip
    assert (w.mentor.id, "mentor json") in downloads


def test_the_page_names_the_employer_who_looked_after_consent(app, db, make_user):
    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    person = participant_client(app, db, w)
    employer = client_for(app, w.employer)
    assert employer.get(f"/proposals/{proposal.id}/card").status_code == 403  # no consent yet
    employer_name = db.get(Organisation, w.employer.organisation_id).name
    before = _page(person, w.participant).get_data(as_text=True)
    assert "Employer" not in before and employer_name not in before
    post_form(person, f"/proposals/{proposal.id}/share", {}, "/me/")
    assert employer.get(f"/proposals/{proposal.id}/card").status_code == 200
    assert employer.get(f"/proposals/{proposal.id}/employer").status_code == 200
    _page(client_for(app, make_user("coordinator")), w.participant)
    _page(client_for(app, w.mentor), w.participant)
    _page(client_for(app, w.mentor), w.participant)
    body = _page(person, w.participant).get_data(as_text=True)
    assert f"Employer \u2068{employer_name}\u2069 looked at your information on" in body
    assert "A coordinator looked at your information on" in body
    wise = db.get(Organisation, w.mentor.organisation_id).name
    assert f"A mentor of \u2068{wise}\u2069 looked at your information on" in body
    assert body.count("looked at your information on") == 3  # one line per role and day
