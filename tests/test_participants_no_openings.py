"""An empty openings list says the real reason, to the participant (second person) and to
the mentor: no consent, a hard filter every vacancy fails, a start date after every opening."""

from datetime import timedelta

from portal import clock
from portal.models import Participant
from portal.services.participants import profiles

from .proposal_factory import client_for, world
from .test_participants_openings import participant_client


def test_no_consent_is_said_on_both_pages(app, db, make_user):
    w = world(app, db, make_user, consent=False)
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert 'id="no-openings"' in page
    assert "You did not say yes to looking for jobs." in page
    mentor = client_for(app, w.mentor)
    listing = mentor.get(f"/mentor/participants/{w.participant.id}/openings?lang=en")
    assert "No consent to matching" in listing.get_data(as_text=True)


def test_a_hard_filter_every_vacancy_fails_is_named(app, db, make_user):
    w = world(app, db, make_user, licence_category="B")
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert "No job fits you now." in page
    assert "Some jobs ask for a driving licence you do not have." in page
    assert "Some jobs are too far" not in page
    mentor = client_for(app, w.mentor)
    listing = mentor.get(f"/mentor/participants/{w.participant.id}/openings?lang=en")
    assert "Blocking: driving licence." in listing.get_data(as_text=True)


def test_available_after_every_start_says_the_date(app, db, make_user):
    w = world(app, db, make_user)
    later = clock.today() + timedelta(days=90)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        values = {"hours_per_week": 38, "shifts": ["day"], "available_from": later}
        profiles.save_section(db, w.mentor, p, "availability", values)
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert "All jobs now start before that day." in page
    assert str(later.year) in page
