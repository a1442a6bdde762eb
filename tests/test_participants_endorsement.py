"""Endorsement and consent decide who can be matched; revoking or withdrawing acts at once."""

from sqlmodel import select

from portal import clock
from portal.models import Consent, Endorsement, Participant
from portal.services.participants import login_codes, profiles

from .conftest import login, post
from .participant_factory import endorse, make_participant, matchable, state


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def test_endorsement_needs_a_complete_profile_and_evidence(app, db, make_user):
    mentor = make_user("mentor")
    client = _client(app, mentor)
    p = make_participant(app, db, mentor)
    url = f"/mentor/participants/{p.id}/endorse?lang=en"
    body = post(
        client, url, {"evidence": "Ready for a job, works hard every day."}, token_from=url
    ).get_data(as_text=True)
    assert "Complete the profile before you endorse." in body
    assert "Ready for a job, works hard every day." in body  # what was typed is kept
    assert state(app, db, p) == "incomplete"

    complete = make_participant(app, db, mentor, complete=True)
    assert state(app, db, complete) == "not_endorsed"
    url = f"/mentor/participants/{complete.id}/endorse?lang=en"
    body = post(client, url, {"evidence": "ok"}, token_from=url).get_data(as_text=True)
    assert "Describe in a few sentences what shows the person is ready." in body
    body = post(
        client,
        url,
        {"evidence": "Works alone and on time, for months.", "valid_until": "2020-01-01"},
        token_from=url,
    ).get_data(as_text=True)
    assert "An endorsement is valid from tomorrow up to one year." in body
    assert db.exec(select(Endorsement)).all() == []
    response = post(
        client,
        url,
        {"evidence": "Works alone and on time, for months.", "strengths": "Calm"},
        token_from=url,
    )
    assert response.status_code == 302
    endorsement = db.exec(select(Endorsement)).one()
    assert (endorsement.valid_until - endorsement.given_at.date()).days in range(178, 186)
    assert state(app, db, complete) == "consent_missing"
    assert not matchable(app, db, complete)


def test_only_endorsed_and_consenting_participants_are_matchable_revoke_acts_at_once(
    app, db, make_user
):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True)
    endorse(app, db, mentor, p)
    assert state(app, db, p) == "endorsed" and matchable(app, db, p)
    client = _client(app, mentor)
    page = f"/mentor/participants/{p.id}"
    post(client, f"{page}/endorsement/revoke", token_from=page)
    assert not matchable(app, db, p)
    assert state(app, db, p) == "not_endorsed"


def test_right_to_work_none_blocks_matching(app, db, make_user):

    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True)
    endorse(app, db, mentor, p)
    with app.app_context():
        profiles.save_section(db, mentor, p, "right_to_work", {"right_to_work": "none"})
    assert not matchable(app, db, p)


def test_expired_endorsement_has_its_own_state(app, db, make_user):
    from datetime import timedelta

    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True)
    endorse(app, db, mentor, p)
    endorsement = db.exec(select(Endorsement)).one()
    endorsement.valid_until = clock.today() - timedelta(days=1)
    db.add(endorsement)
    db.commit()
    assert state(app, db, p) == "endorsement_expired"
    assert not matchable(app, db, p)
    page = _client(app, mentor).get("/mentor/?lang=en").get_data(as_text=True)
    assert "Endorsement expired" in page and "Renew the endorsement" in page


def test_mentor_records_consent_only_with_the_participant_at_the_side(app, db, make_user):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True)
    client = _client(app, mentor)
    url = f"/mentor/participants/{p.id}/consent?lang=en"
    body = post(client, url, {}, token_from=url).get_data(as_text=True)
    assert "Only record consent with the participant at your side." in body
    assert db.exec(select(Consent)).all() == []
    post(client, url, {"present": "y"}, token_from=url)
    consent = db.exec(select(Consent)).one()
    assert (consent.scope, consent.version, consent.with_mentor, consent.given_by_id) == (
        "matching",
        1,
        True,
        mentor.id,
    )
    assert consent.vacancy_id is None and consent.proposal_id is None


def test_participant_gives_and_withdraws_consent_in_their_own_account(app, db, make_user):

    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True)
    with app.app_context():
        code = login_codes.issue_login_code(db, mentor, db.get(Participant, p.id))
    endorse(app, db, mentor, p, consent=False)
    person = app.test_client()
    post(person, "/start", {"code": code, "date_of_birth": "1995-05-04"}, token_from="/start")
    home = person.get("/me/?lang=en").get_data(as_text=True)
    assert "Yes: look for jobs for me" in home
    post(person, "/me/consent", token_from="/me/")
    assert matchable(app, db, p)
    post(person, "/me/consent/withdraw", token_from="/me/")
    assert not matchable(app, db, p)
    post(person, "/me/consent", token_from="/me/")
    rows = db.exec(select(Consent).order_by(Consent.version)).all()
    assert [(c.version, c.withdrawn_at is None, c.with_mentor) for c in rows] == [
        (1, False, False),
        (2, True, False),
    ]
    assert all(c.given_by_id == db.get(Participant, p.id).user_id for c in rows)
