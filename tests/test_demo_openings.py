"""The demo shows participants real openings: every participant with a login (one for each
participant language) gets at least three openings of at least two fit levels, through the
real fill() and the real index; the ones kept out of the matching get the real reason."""

import pytest
from sqlmodel import Session, select

from portal import db as portal_db
from portal import demo
from portal.matching import service as matching
from portal.matching.index import get_store
from portal.models import Participant, User
from portal.services.participants import no_openings
from search_index import rebuild

from .conftest import login

PARTICIPANT_LANGUAGES = {"ar", "fa", "fr", "ps", "so", "ti", "tr", "uk"}


@pytest.fixture()
def demo_world(app):
    with app.app_context():
        logins = demo.fill(portal_db.session(), progress=lambda _message: None)
        rebuild(get_store(app), app.extensions["portal_engine"])
    return logins


def test_every_demo_participant_with_a_login_has_openings_of_different_fits(app, demo_world):
    with app.test_request_context("/?lang=en"), Session(app.extensions["portal_engine"]) as db:
        people = db.exec(select(Participant).where(Participant.user_id.is_not(None))).all()
        assert {p.preferred_languages for p in people} == PARTICIPANT_LANGUAGES
        for p in people:
            page = matching.openings_for_participant(db, p.id, limit=100)
            levels = {m.fit().level for m in page.items}
            assert page.total >= 3, (p.first_name, page.total)
            assert len(levels) >= 2, (p.first_name, levels)
            assert no_openings.reasons(db, p) == []


@pytest.mark.parametrize(
    ("first_name", "code", "words"),
    [
        ("Said", "incomplete", "The profile is not complete"),
        ("Fatou", "not_endorsed", "Not endorsed"),
        ("Rustam", "endorsement_expired", "The endorsement ended on"),
        ("Selam", "no_consent", "No consent to matching"),
        ("Ivan", "available_late", "after every open vacancy starts"),
    ],
)
def test_demo_participants_kept_out_get_the_real_reason(app, demo_world, first_name, code, words):
    with Session(app.extensions["portal_engine"]) as db:
        p = db.exec(select(Participant).where(Participant.first_name == first_name)).one()
        with app.test_request_context("/?lang=en"):
            assert [r.code for r in no_openings.reasons(db, p)][0] == code
        mentor_email = db.get(User, p.mentor_id).email
    password = next(x.password for x in demo_world if x.email == mentor_email)
    mentor = app.test_client()
    login(mentor, mentor_email, password)
    page = mentor.get(f"/mentor/participants/{p.id}/openings?lang=en").get_data(as_text=True)
    assert 'id="no-openings"' in page and words in page
    cards = mentor.get(f"/mentor/participants/{p.id}/openings/cards?lang=en")
    assert 'id="no-openings"' in cards.get_data(as_text=True)
