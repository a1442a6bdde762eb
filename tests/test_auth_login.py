"""Signing in and out: landing pages, messages, sessions that end, the account lock."""

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.models import LoginFailure, User

from .conftest import PASSWORD, csrf_token, login, make_app, post

LANDING = {
    "employer": "/employer/",
    "mentor": "/mentor/",
    "participant": "/me/",
    "coordinator": "/coordinator/",
}


@pytest.mark.parametrize("role", sorted(LANDING))
def test_each_role_lands_on_its_own_page(client, make_user, role):
    user = make_user(role, display_name=f"Someone {role}")
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == LANDING[role]
    page = client.get(LANDING[role])
    assert page.status_code == 200
    assert f"Someone {role}" in page.get_data(as_text=True)


def test_email_is_matched_without_case_and_spaces(client, make_user):
    make_user("mentor", email="els@example.org")
    response = login(client, "  ELS@Example.org ")
    assert response.headers["Location"] == "/mentor/"


@pytest.mark.parametrize(
    ("email", "password"),
    [("nobody@example.org", PASSWORD), ("known@example.org", "wrong password!")],
)
def test_unknown_login_and_wrong_password_get_one_clear_message(client, make_user, email, password):
    make_user("employer", email="known@example.org")
    response = login(client, email, password, headers={"Accept-Language": "en"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in body
    assert f'value="{email}"' in body  # what was typed stays


def test_empty_and_too_long_fields_are_explained_in_the_users_language(client):
    response = post(client, "/login?lang=nl", {"email": "", "password": ""})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Vul je e-mailadres in." in body
    response = post(client, "/login?lang=en", {"email": "a" * 300 + "@x.be", "password": "x"})
    assert "This e-mail address is too long." in response.get_data(as_text=True)


def test_logout_ends_a_copied_session(app, make_user):
    user = make_user("mentor")
    browser = app.test_client()
    login(browser, user.email)
    stolen = app.test_client()
    stolen.set_cookie("session", browser.get_cookie("session").value)
    assert stolen.get("/mentor/").status_code == 200

    assert post(browser, "/logout", token_from="/mentor/").status_code == 302
    assert browser.get("/mentor/").status_code == 302
    response = stolen.get("/mentor/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_password_change_keeps_this_session_and_ends_the_others(app, db, make_user):
    user = make_user("employer")
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user.email)
    login(elsewhere, user.email)
    response = post(
        here,
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a new long password",
            "confirm": "a new long password",
        },
        token_from="/account/password",
    )
    assert response.status_code == 302
    assert here.get("/employer/").status_code == 200
    assert elsewhere.get("/employer/").status_code == 302
    assert login(app.test_client(), user.email).status_code == 200  # old password refused
    assert (
        login(app.test_client(), user.email, "a new long password").headers["Location"]
        == "/employer/"
    )


def test_password_change_refuses_a_wrong_current_password(client, make_user):
    user = make_user("employer")
    login(client, user.email)
    response = post(
        client,
        "/account/password?lang=en",
        {
            "current_password": "not it at all",
            "new_password": "a new long password",
            "confirm": "a new long password",
        },
        token_from="/account/password",
    )
    assert "Your current password is not correct." in response.get_data(as_text=True)
    assert login(client.application.test_client(), user.email).status_code == 302


def test_five_failures_lock_the_account_for_fifteen_minutes(app, db, make_user):
    user = make_user("employer", email="target@example.org")
    client = app.test_client()
    for _attempt in range(5):
        login(client, user.email, "wrong password 1")
    response = login(client, user.email, PASSWORD, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "blocked for 15 minutes" in response.get_data(as_text=True)
    # Another account is not affected.
    other = make_user("employer")
    assert login(app.test_client(), other.email).status_code == 302
    # Once the failures are older than 15 minutes the account opens again.
    for failure in db.exec(select(LoginFailure)).all():
        failure.at = failure.at - timedelta(minutes=16)
        db.add(failure)
    db.commit()
    assert login(app.test_client(), user.email).headers["Location"] == "/employer/"


def test_lock_is_shared_between_worker_processes(database_url, tmp_path, make_user):
    """Two app instances on one database stand for two gunicorn workers."""
    user = make_user("mentor", email="shared@example.org")
    worker_a = make_app(database_url, tmp_path / "a")
    worker_b = make_app(database_url, tmp_path / "b")
    for attempt in range(5):
        worker = worker_a if attempt % 2 else worker_b
        login(worker.test_client(), user.email, "wrong password 2")
    for worker in (worker_a, worker_b):
        response = login(worker.test_client(), user.email, PASSWORD)
        assert response.status_code == 200, "a locked account must not sign in on any worker"


def test_successful_login_clears_earlier_failures(client, db, make_user):
    user = make_user("employer")
    for _attempt in range(3):
        login(client, user.email, "wrong password 3")
    assert login(client, user.email).status_code == 302
    assert db.exec(select(LoginFailure).where(LoginFailure.email == user.email)).all() == []


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/coordinator/users", "/coordinator/users"),
        ("https://evil.example/", "/coordinator/"),
        ("//evil.example/", "/coordinator/"),
        ("/\\evil.example", "/coordinator/"),
        ("javascript:alert(1)", "/coordinator/"),
    ],
)
def test_next_only_redirects_within_the_site(client, make_user, next_url, expected):
    user = make_user("coordinator")
    response = post(client, "/login", {"email": user.email, "password": PASSWORD, "next": next_url})
    assert response.headers["Location"] == expected


def test_disabled_account_cannot_sign_in(client, make_user):
    user = make_user("employer", status="disabled")
    response = login(client, user.email, headers={"Accept-Language": "en"})
    assert "This account is switched off." in response.get_data(as_text=True)


def test_password_is_stored_as_argon2id(db, make_user):
    user = make_user("employer")
    stored = db.exec(select(User).where(User.id == user.id)).one()
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


def test_login_page_token_is_required(client, make_user):
    user = make_user("employer")
    csrf_token(client)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/employer/").status_code == 302


def test_a_one_minute_lock_says_minute_in_the_singular(database_url, tmp_path, make_user):
    app = make_app(database_url, tmp_path, LOGIN_LOCK_MINUTES=1)
    user = make_user("employer", email="single@example.org")
    client = app.test_client()
    for _attempt in range(5):
        login(client, user.email, "wrong password 1")
    for language, expected in (
        ("en", "blocked for 1 minute. Try"),
        ("nl", "Aanmelden is 1 minuut geblokkeerd."),
        ("fr", "bloquée pendant 1 minute. Réessayez"),
        ("ar", "لمدة دقيقة واحدة (1)"),
    ):
        response = login(client, user.email, PASSWORD, headers={"Accept-Language": language})
        assert expected in response.get_data(as_text=True), language
    app.extensions["portal_engine"].dispose()


def test_a_latin_name_in_an_arabic_sentence_is_isolated(app, make_user):
    user = make_user("participant", display_name="Samir O.", locale="ar")
    client = app.test_client()
    login(client, user.email)
    page = client.get("/me/").get_data(as_text=True)
    assert 'dir="rtl"' in page and "<bdi>Samir O.</bdi>" in page
