"""Participants sign in with a printed code plus their date of birth, throttled like passwords,
and see their own profile in plain language, with Dutch beside it on request."""

from sqlmodel import select

from portal.models import AuditEvent, Participant, User

from .conftest import login, post
from .participant_factory import make_participant


def _card(app, mentor, p):
    client = app.test_client()
    login(client, mentor.email)
    page = f"/mentor/participants/{p.id}"
    body = post(client, f"{page}/login-card?lang=en", token_from=page).get_data(as_text=True)
    assert "Your sign-in card" in body
    start = body.index('class="login-code">') + len('class="login-code">')
    return body[start : start + 9]


def _start(client, code, birth="1995-05-04"):
    return post(
        client, "/start?lang=en", {"code": code, "date_of_birth": birth}, token_from="/start"
    )


def test_card_code_and_birthday_sign_in_and_a_new_card_replaces_the_old(app, db, make_user):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor)
    code = _card(app, mentor, p)
    db.expire_all()
    fresh = db.get(Participant, p.id)
    user = db.get(User, fresh.user_id)
    assert user.role == "participant" and fresh.login_code_hash != code.replace("-", "")
    response = _start(app.test_client(), code.lower().replace("-", " "))
    assert response.headers["Location"] == "/me/"
    assert _start(app.test_client(), code, "1995-05-05").status_code == 200
    new_code = _card(app, mentor, p)
    assert new_code != code
    body = _start(app.test_client(), code).get_data(as_text=True)
    assert "The code or the date of birth is not correct." in body
    assert _start(app.test_client(), new_code).headers["Location"] == "/me/"
    # No password sign-in for participants.
    assert login(app.test_client(), user.email, "").status_code == 200


def test_wrong_birthdays_lock_the_code_in_words_about_the_card(app, db, make_user):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor)
    code = _card(app, mentor, p)
    for day in range(10, 15):
        _start(app.test_client(), code, f"1995-05-{day}")
    body = _start(app.test_client(), code).get_data(as_text=True)
    assert "You tried this code too often. Wait 15 minutes" in body
    assert "password" not in body.split("<main", 1)[1].split("</main>")[0]
    for _try in range(5):  # an unknown code locks the same way: no hint which codes exist
        body = _start(app.test_client(), "ZZZZ-ZZZZ").get_data(as_text=True)
    assert "ask your mentor for a new card" in body


def test_participant_sees_own_profile_in_plain_language_with_dutch_beside(app, db, make_user):
    mentor = make_user("mentor", display_name="Els Verbeke")
    p = make_participant(app, db, mentor, complete=True)
    code = _card(app, mentor, p)
    client = app.test_client()
    _start(client, code)
    body = client.get("/me/?lang=en").get_data(as_text=True)
    assert "Your mentor is Els Verbeke." in body
    assert "I can do this alone." in body
    assert "Je mentor is Els Verbeke." not in body
    body = client.get("/me/?lang=en&side=nl").get_data(as_text=True)
    assert "Your mentor is Els Verbeke." in body and 'lang="nl"' in body
    assert "Je mentor is Els Verbeke." in body and "Dit kan ik alleen." in body
    nl = client.get("/me/?lang=nl").get_data(as_text=True)
    assert "Els Verbeke" in nl
    views = db.exec(select(AuditEvent).where(AuditEvent.action == "participant.viewed")).all()
    db.expire_all()
    own = db.get(Participant, p.id).user_id
    assert [e.detail for e in views if e.actor_id == own] == ["participant"] * 3


def test_participant_cannot_open_mentor_pages_or_other_profiles(app, db, make_user):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor)
    other = make_participant(app, db, mentor, first_name="Other")
    code = _card(app, mentor, p)
    client = app.test_client()
    _start(client, code)
    assert client.get(f"/mentor/participants/{other.id}").status_code == 403
    assert client.get(f"/coordinator/participants/{other.id}").status_code == 403
    assert "Other" not in client.get("/me/").get_data(as_text=True)
