"""Issue 12 finding 8: a new password is checked for strength (zxcvbn, offline), and the
e-mail address or the organisation name is refused."""

import pytest
from sqlmodel import select

from portal.models import User

from .conftest import PASSWORD, post
from .proposal_factory import client_for

FORM = {
    "role": "employer",
    "display_name": "Katrien Maes",
    "organisation_name": "Bakkerij Maes",
    "email": "katrien@bakkerijmaes.example",
}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("aaaaaaaaaa", "too easy to guess"),
        ("password12", "too easy to guess"),
        ("katrien@bakkerijmaes.example", "e-mail address or the name of your organisation"),
        ("Bakkerij Maes 2026!", "e-mail address or the name of your organisation"),
    ],
)
def test_registration_refuses_weak_or_personal_passwords(client, db, password, message):
    data = FORM | {"password": password, "confirm": password}
    answer = post(client, "/register?lang=en", data, token_from="/register")
    assert answer.status_code == 200 and message in answer.get_data(as_text=True)
    assert db.exec(select(User).where(User.email == FORM["email"])).first() is None


def test_a_password_change_refuses_the_email(app, db, make_user):
    user = make_user("mentor", email="mentor.jansen@example.org")
    client = client_for(app, user)
    url = "/account/password?lang=en"
    new = "mentor.jansen@example.org"
    data = {"current_password": PASSWORD, "new_password": new, "confirm": new}
    answer = post(client, url, data, token_from="/account/password")
    assert "Do not use your e-mail address" in answer.get_data(as_text=True)
    strong = "a wholly different phrase"
    data = {"current_password": PASSWORD, "new_password": strong, "confirm": strong}
    assert post(client, url, data, token_from="/account/password").status_code == 302
