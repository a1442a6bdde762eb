"""Self-registration of employers and mentors waits for a coordinator's approval."""

from sqlmodel import select

from portal.models import AuditEvent, Organisation, User

from .conftest import PASSWORD, login, post

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
    response = post(client, "/register", FORM, token_from="/register")
    assert response.headers["Location"] == "/pending"
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


def test_duplicate_email_is_refused_and_the_form_keeps_what_was_typed(client, db, make_user):
    make_user("mentor", email=FORM["email"])
    response = post(client, "/register?lang=en", FORM, token_from="/register")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in body
    assert 'value="Katrien Maes"' in body
    assert 'value="Bakkerij Maes"' in body
    assert len(db.exec(select(User)).all()) == 1


def test_bad_fields_get_messages_next_to_them(client, db):
    bad = FORM | {
        "email": "not-an-address",
        "password": "short",
        "confirm": "other",
        "display_name": "x" * 121,
    }
    body = post(client, "/register?lang=en", bad, token_from="/register").get_data(as_text=True)
    assert "This is not a valid e-mail address." in body
    assert "A password needs between 10 and 128 characters." in body
    assert "Use at most 120 characters." in body
    assert 'aria-invalid="true"' in body
    assert db.exec(select(User)).all() == []


def test_participants_and_coordinators_cannot_register_themselves(client, db):
    response = post(
        client, "/register?lang=en", FORM | {"role": "coordinator"}, token_from="/register"
    )
    assert response.status_code == 200
    assert db.exec(select(User)).all() == []


def test_pending_user_cannot_act(client, make_user):
    user = make_user("mentor", status="pending")
    assert login(client, user.email, PASSWORD).headers["Location"] == "/pending"
    assert client.get("/mentor/").headers["Location"] == "/pending"
    assert client.get("/pending").status_code == 200
