"""Coordinators: see every participant, move a caseload, export and erase one person's data."""

import json

from sqlmodel import func, select

from portal.models import (
    AuditEvent,
    Consent,
    Endorsement,
    Participant,
    ParticipantOccupation,
    ParticipantSkill,
    User,
)
from portal.services import caseload
from portal.services.participants import login_codes

from .conftest import login, post
from .participant_factory import endorse, make_participant


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def test_coordinator_moves_a_caseload_to_another_mentor(app, db, make_user):
    leaving, taking = make_user("mentor"), make_user("mentor")
    p = make_participant(app, db, leaving, first_name="Rahel")
    boss = _client(app, make_user("coordinator"))
    page = boss.get("/coordinator/participants?lang=en").get_data(as_text=True)
    assert "Rahel" in page and "Profile incomplete" in page
    response = post(
        boss,
        "/coordinator/participants/reassign",
        {"from_mentor": leaving.id, "to_mentor": taking.id},
        token_from="/coordinator/participants",
    )
    assert response.status_code == 302
    assert _client(app, leaving).get(f"/mentor/participants/{p.id}").status_code == 403
    assert _client(app, taking).get(f"/mentor/participants/{p.id}").status_code == 200
    # Moving to the same mentor is refused with a message.
    body = post(
        boss,
        "/coordinator/participants/reassign?lang=en",
        {"from_mentor": taking.id, "to_mentor": taking.id},
        token_from="/coordinator/participants",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Choose two different mentors." in body


def test_export_is_a_json_download_for_coordinator_and_own_mentor(app, db, make_user):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True)
    endorse(app, db, mentor, p)
    for user in (make_user("coordinator"), mentor):
        prefix = "/coordinator" if user.role == "coordinator" else "/mentor"
        response = _client(app, user).get(f"{prefix}/participants/{p.id}/export")
        assert response.status_code == 200
        assert "attachment" in response.headers["Content-Disposition"]
        data = json.loads(response.get_data(as_text=True))
        assert data["participant"]["first_name"] == "Samir"
        assert data["participant"]["home_postcode"] == "9000"
        assert "login_code_hash" not in data["participant"]
        assert [s["skill"] for s in data["participant_skill"]] == ["order-picking"]
        assert len(data["endorsement"]) == 1 and data["consent"][0]["scope"] == "matching"
    other = make_user("mentor")
    assert _client(app, other).get(f"/mentor/participants/{p.id}/export").status_code == 403
    exports = db.exec(select(AuditEvent).where(AuditEvent.action == "participant.exported"))
    assert len(exports.all()) == 2


def test_erasure_leaves_no_personal_data_and_one_audit_line(app, db, make_user):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True, last_name="Uniekenaam")
    endorse(app, db, mentor, p)
    pid = p.id
    with app.app_context():
        login_codes.issue_login_code(db, mentor, db.get(Participant, pid))
    db.expire_all()
    user_id = db.get(Participant, pid).user_id
    coordinator = make_user("coordinator")
    boss = _client(app, coordinator)
    page = f"/coordinator/participants/{pid}"
    response = post(boss, f"{page}/erase", {}, token_from=page)
    assert db.get(Participant, pid) is not None  # not confirmed: nothing erased
    response = post(boss, f"{page}/erase", {"confirm": "y"}, token_from=page)
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Participant, pid) is None
    for model in (ParticipantSkill, ParticipantOccupation, Endorsement, Consent):
        assert db.exec(select(func.count()).select_from(model)).one() == 0
    user = db.get(User, user_id)
    assert user.status == "disabled" and "Samir" not in user.display_name
    assert user.email.endswith("@erased.invalid")
    erased = db.exec(select(AuditEvent).where(AuditEvent.action == "participant.erased")).one()
    assert (erased.actor_id, erased.subject_id, erased.detail) == (coordinator.id, pid, "")
    for event in db.exec(select(AuditEvent)).all():
        assert "Samir" not in event.detail and "Uniekenaam" not in event.detail
    assert boss.get(page).status_code == 404


def test_demo_has_participants_in_every_state_and_their_logins_work(app, db):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        participants = db.exec(select(Participant)).all()
        states = {case.state for case in caseload.cases(db, list(participants))}
    assert states >= {
        "incomplete",
        "not_endorsed",
        "endorsed",
        "endorsement_expired",
        "consent_missing",
    }
    # The printed e-mail logins still work, and every participant has a sign-in code.
    line = next(x for x in result.stdout.splitlines() if x.startswith("participant "))
    _role, email, password = line.split()
    assert login(app.test_client(), email, password).headers["Location"] == "/me/"
    codes = [x for x in result.stderr.splitlines() if x.startswith("Login code for")]
    # (the demo proposals add participants without their own login)
    assert len(codes) == len([p for p in participants if p.user_id]) == 8
    code_line = codes[0].split()
    code, birth = code_line[4], code_line[-1].rstrip(")")
    response = post(
        app.test_client(), "/start", {"code": code, "date_of_birth": birth}, token_from="/start"
    )
    assert response.headers["Location"] == "/me/"


def test_every_participant_page_of_the_demo_renders_in_every_language(app, db):
    from portal.mentors.forms import SECTION_FORMS

    result = app.test_cli_runner().invoke(args=["demo"])
    logins = {
        line.split()[0] + line.split()[1]: line.split()[2] for line in result.stdout.splitlines()
    }
    # The demo participants with their own login (the demo proposals add a few without).
    participants = db.exec(select(Participant).where(Participant.user_id.is_not(None))).all()
    for p in participants:
        mentor = db.get(User, p.mentor_id)
        client = app.test_client()
        login(client, mentor.email, logins["mentor" + mentor.email])
        base = f"/mentor/participants/{p.id}"
        urls = [base, f"{base}/skills", f"{base}/certificates", f"{base}/endorse"]
        urls += [f"{base}/consent", "/mentor/"]
        urls += [f"{base}/edit/{section}" for section in SECTION_FORMS]
        for lang in ("nl", "fr", "en", "ar"):
            for url in urls:
                assert client.get(f"{url}?lang={lang}").status_code == 200, (url, lang)
        person = app.test_client()
        user = db.get(User, p.user_id)
        login(person, user.email, logins["participant" + user.email])
        for lang in ("fr", "en", "ar"):
            body = person.get(f"/me/?lang={lang}&side=nl").get_data(as_text=True)
            assert 'lang="nl"' in body and "Je mentor is" in body
    boss = app.test_client()
    coordinator = db.exec(select(User).where(User.role == "coordinator")).one()
    login(boss, coordinator.email, logins["coordinator" + coordinator.email])
    assert boss.get("/coordinator/participants?lang=ar").status_code == 200
    assert boss.get(f"/coordinator/participants/{participants[0].id}?lang=ar").status_code == 200
