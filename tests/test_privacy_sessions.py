"""Issue 12 finding 4: a session ends after 30 idle minutes and after 12 hours in any case
(both configurable); a participant signed in with a card sooner, with a visible prompt."""

import time

from portal.models import Participant
from portal.services.participants import login_codes

from .proposal_factory import client_for, post_form, world


def _age(client, idle_minutes=0, signed_in_hours=0):
    with client.session_transaction() as session:
        session["seen_at"] = time.time() - idle_minutes * 60
        session["signed_in_at"] = time.time() - signed_in_hours * 3600


def test_idle_and_absolute_timeouts_end_the_session(app, make_user):
    employer = client_for(app, make_user("employer"))
    _age(employer, idle_minutes=29, signed_in_hours=11.9)
    assert employer.get("/employer/").status_code == 200
    _age(employer, idle_minutes=31)
    answer = employer.get("/employer/?lang=en", follow_redirects=True)
    assert "/login" in answer.request.path and "signed out" in answer.get_data(as_text=True)
    assert employer.get("/employer/").status_code == 302  # stays signed out

    again = client_for(app, make_user("employer"))
    _age(again, idle_minutes=1, signed_in_hours=12.1)
    assert again.get("/employer/").headers["Location"].startswith("/login")


def test_the_timeouts_are_settings(app, make_user):
    app.config["SESSION_IDLE_MINUTES"] = 5
    employer = client_for(app, make_user("employer"))
    _age(employer, idle_minutes=6)
    assert employer.get("/employer/").headers["Location"].startswith("/login")
    assert app.permanent_session_lifetime.total_seconds() == 12 * 3600


def test_a_card_sign_in_ends_sooner_and_shows_a_sign_out_prompt(app, db, make_user):
    w = world(app, db, make_user)
    with app.app_context():
        code = login_codes.issue_login_code(db, w.mentor, db.get(Participant, w.participant.id))
    person = app.test_client()
    post_form(person, "/start", {"code": code, "date_of_birth": "1995-05-04"}, "/start")
    page = person.get("/me/?lang=en").get_data(as_text=True)
    assert 'id="shared-computer"' in page and "Sign out now" in page
    mentor = client_for(app, w.mentor)
    assert 'id="shared-computer"' not in mentor.get("/mentor/?lang=en").get_data(as_text=True)
    _age(person, idle_minutes=11)
    _age(mentor, idle_minutes=11)
    assert person.get("/me/").headers["Location"].startswith("/login")
    assert mentor.get("/mentor/").status_code == 200


def test_last_seen_moves_once_a_minute_so_most_pages_keep_the_cookie(app, make_user):
    """A page within a minute of the last stamp sends no new cookie (no re-signing per
    request); an older stamp is moved, so idle time still counts from the last minute."""
    employer = client_for(app, make_user("employer"))
    _age(employer, idle_minutes=0.5)
    employer.get("/employer/")  # the first page after signing in adds the CSRF secret
    assert "Set-Cookie" not in employer.get("/employer/").headers
    _age(employer, idle_minutes=2)
    assert "Set-Cookie" in employer.get("/employer/").headers
    with employer.session_transaction() as session:
        assert time.time() - session["seen_at"] < 60


def test_a_new_secret_key_ends_the_sessions_signed_with_the_old_one(app, make_user):
    """The session cookie's serializer is kept between requests (portal.security): it must
    follow a key change, and a key listed in SECRET_KEY_FALLBACKS keeps its sessions."""
    employer = client_for(app, make_user("employer"))
    assert employer.get("/employer/").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key]
    app.config["SECRET_KEY"] = "a new key, rotated"
    assert employer.get("/employer/").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert employer.get("/employer/").headers["Location"].startswith("/login")
