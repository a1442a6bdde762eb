"""Coordinators find accounts and give temporary passwords."""

from sqlmodel import select

from portal.models import AuditEvent

from .conftest import PASSWORD, login, post


def test_search_accounts_by_name_and_role(client, make_user):
    make_user("mentor", display_name="Els Verbeke")
    make_user("employer", display_name="Els Employer")
    login(client, make_user("coordinator").email)
    page = client.get("/coordinator/users?q=els&role=mentor").get_data(as_text=True)
    assert "Els Verbeke" in page
    assert "Els Employer" not in page


def test_temporary_password_forces_a_new_one(app, db, make_user):
    user = make_user("participant")
    victim_session = app.test_client()
    login(victim_session, user.email)
    boss = app.test_client()
    login(boss, make_user("coordinator").email)
    page = post(
        boss, f"/coordinator/users/{user.id}/reset-password", token_from="/coordinator/users"
    )
    temporary = page.get_data(as_text=True).split("<code>")[1].split("</code>")[0]
    assert victim_session.get("/me/").status_code == 302  # old sessions ended
    assert login(app.test_client(), user.email, PASSWORD).status_code == 200  # old password gone
    fresh = app.test_client()
    assert login(fresh, user.email, temporary).headers["Location"] == "/account/password"
    assert fresh.get("/me/").headers["Location"] == "/account/password"
    post(
        fresh,
        "/account/password",
        {
            "current_password": temporary,
            "new_password": "my own new password",
            "confirm": "my own new password",
        },
        token_from="/account/password",
    )
    assert fresh.get("/me/").status_code == 200
    assert (
        db.exec(select(AuditEvent).where(AuditEvent.action == "password.reset")).one().subject_id
        == user.id
    )


def test_reset_of_an_unknown_account_is_404(client, make_user):
    login(client, make_user("coordinator").email)
    assert (
        post(
            client, "/coordinator/users/99999/reset-password", token_from="/coordinator/users"
        ).status_code
        == 404
    )
