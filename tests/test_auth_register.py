"""Self-registration of employers and mentors waits for a coordinator's approval."""

import re

from sqlmodel import select

from portal.models import AuditEvent, Organisation, User

from .conftest import login, post
from .test_notifications import _mails

FORM = {
    "role": "employer",
    "display_name": "Katrien Maes",
    "organisation_name": "Bakkerij Maes",
    "email": "katrien@bakkerijmaes.example",
    "password": "a long enough password",
    "confirm": "a long enough password",
}


def test_registration_waits_for_approval_then_works(app, db, make_user):
    client = app.test_client()
    response = post(client, "/register?lang=en", FORM, token_from="/register")
    assert "We sent an e-mail" in response.get_data(as_text=True)
    login(client, FORM["email"], FORM["password"])
    assert client.get("/employer/").headers["Location"] == "/pending"
    user = db.exec(select(User).where(User.email == FORM["email"])).one()
    assert user.status == "pending"
    organisation = db.get(Organisation, user.organisation_id)
    assert (organisation.name, organisation.kind, organisation.status) == (
        "Bakkerij Maes",
        "employer",
        "pending",
    )

    coordinator = make_user("coordinator")
    boss = app.test_client()
    login(boss, coordinator.email)
    page = boss.get("/coordinator/").get_data(as_text=True)
    assert "Katrien Maes" in page and "Bakkerij Maes" in page
    response = post(
        boss,
        f"/coordinator/accounts/{user.id}/decision",
        {"decision": "approve"},
        token_from="/coordinator/",
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(User, user.id).status == "active"
    assert db.get(Organisation, organisation.id).status == "active"
    assert (
        db.exec(select(AuditEvent).where(AuditEvent.action == "account.approved")).one().subject_id
        == user.id
    )

    # Approval ends the old session (so it picks up its new rights on a fresh sign-in).
    fresh = app.test_client()
    assert login(fresh, FORM["email"], FORM["password"]).headers["Location"] == "/employer/"


def test_mentor_registers_with_a_wise(client, db):
    post(
        client,
        "/register",
        FORM
        | {
            "role": "mentor",
            "organisation_name": "De Werkplaats vzw",
            "email": "mentor@werkplaats.example",
        },
        token_from="/register",
    )
    user = db.exec(select(User).where(User.email == "mentor@werkplaats.example")).one()
    assert user.role == "mentor"
    assert db.get(Organisation, user.organisation_id).kind == "wise"


def test_refused_registration_cannot_sign_in(app, db, make_user):
    post(app.test_client(), "/register", FORM, token_from="/register")
    user = db.exec(select(User).where(User.email == FORM["email"])).one()
    boss = app.test_client()
    login(boss, make_user("coordinator").email)
    post(
        boss,
        f"/coordinator/accounts/{user.id}/decision",
        {"decision": "refuse"},
        token_from="/coordinator/",
    )
    response = login(
        app.test_client(), FORM["email"], FORM["password"], headers={"Accept-Language": "en"}
    )
    assert "This account is switched off." in response.get_data(as_text=True)


def test_a_decision_is_taken_only_once(app, db, make_user):
    user = make_user("employer", status="pending")
    boss = app.test_client()
    login(boss, make_user("coordinator").email)
    post(
        boss,
        f"/coordinator/accounts/{user.id}/decision",
        {"decision": "approve"},
        token_from="/coordinator/",
    )
    response = post(
        boss,
        f"/coordinator/accounts/{user.id}/decision?lang=en",
        {"decision": "refuse"},
        token_from="/coordinator/",
        follow_redirects=True,
    )
    assert "This account has already been handled." in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(User, user.id).status == "active"


def test_an_existing_address_gets_the_same_answer_and_its_holder_an_email(app, db, make_user):
    """Issue 12 finding 9: no enumeration; the holder learns of the attempt."""
    holder = make_user("mentor", email=FORM["email"])
    fresh = post(app.test_client(), "/register?lang=en", FORM | {"email": "new@x.example"},
                 token_from="/register")  # fmt: skip
    taken = post(app.test_client(), "/register?lang=en", FORM, token_from="/register")
    assert taken.status_code == fresh.status_code == 200
    token = re.compile(r'value="[^"]{40,}"')  # CSRF tokens differ per session
    strip = lambda r: token.sub("", r.get_data(as_text=True))  # noqa: E731
    assert strip(taken) == strip(fresh)
    db.expire_all()
    assert db.exec(select(User).where(User.email == FORM["email"])).one().id == holder.id
    mails = [m for m in _mails(app) if m["To"] == FORM["email"]]
    assert [m["Subject"] for m in mails] == ["Iemand probeerde te registreren met uw adres"]
