"""The skills card: the mentor-endorsed profile in the participant's language with Dutch
beside, printable; the participant, their mentor and (after shared contact) the employer of
that proposal may open it, nobody else; no date of birth, residence status or nationality."""

from datetime import date, timedelta

from sqlmodel import select

from portal.models import AuditEvent, Participant
from portal.services.participants import login_codes, profiles

from .conftest import login
from .participant_factory import make_participant
from .proposal_factory import client_for, post_form, proposals_of, propose, world
from .test_participants_openings import participant_client


def arrange(app, db, make_user, language="ar"):
    """A world whose participant prefers `language`, with a certificate, a licence and a
    support need beside the skill and endorsement of the factory."""
    w = world(app, db, make_user)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        p.preferred_languages = language
        p.right_to_work = "limited"
        p.right_to_work_until = date(2031, 7, 19)
        db.add(p)
        profiles.save_section(db, w.mentor, p, "support", {"needs": ["visual_instructions"]})
        profiles.save_section(
            db, w.mentor, p, "mobility",
            {"home_postcode": "9000", "max_travel_km": 20, "transport": ["bike"],
             "licences": ["B"]},
        )  # fmt: skip
        profiles.add_certificate(db, w.mentor, p, "forklift", date.today() + timedelta(days=400))
        db.commit()
    return w


def forbidden_facts(page: str) -> list[str]:
    canaries = ["1995", "04/05", "05-04", "2031", "limited", "Beperkt", "Limité", "محدود",
                "nationalit", "Nationaliteit"]  # fmt: skip
    return [c for c in canaries if c in page]


def test_participant_prints_own_card_in_arabic_with_dutch_beside(app, db, make_user):
    w = arrange(app, db, make_user)
    person = participant_client(app, db, w)
    home = person.get("/me/?lang=en").get_data(as_text=True)
    assert "/me/card" in home and "My skills card" in home
    page = person.get("/me/card?lang=en").get_data(as_text=True)
    assert "Samir Noori" in page
    assert 'lang="ar" dir="rtl"' in page and 'lang="nl" dir="ltr"' in page
    assert "ما أستطيع فعله" in page and "Wat ik kan" in page  # both columns
    assert "Picks orders alone." in page  # the mentor's evidence on the skill
    assert "Ready: works alone and on time for months." in page
    assert "Test mentor" in page and "Org of mentor" in page
    assert "A2" in page
    assert "Heftruck" in page and "B (auto)" in page  # one certificate list: its Dutch label
    assert "Uitleg met tekeningen" in page
    assert "pictogram--tools" in page and "pictogram--licence" in page
    assert forbidden_facts(page) == []
    css = person.get("/static/portal.css").get_data(as_text=True)
    assert "@media print" in css


def test_mentor_opens_the_card_other_mentors_and_roles_are_refused(app, db, make_user):
    w = arrange(app, db, make_user, language="nl")
    mentor = client_for(app, w.mentor)
    page = mentor.get(f"/mentor/participants/{w.participant.id}/card?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Wat ik kan" in text and 'class="plain-nl"' not in text  # Dutch: no second column
    assert forbidden_facts(text) == []
    other_mentor = client_for(app, make_user("mentor"))
    assert other_mentor.get(f"/mentor/participants/{w.participant.id}/card").status_code == 403
    other_person = make_participant(app, db, w.mentor, first_name="Other")
    with app.app_context():
        code = login_codes.issue_login_code(db, w.mentor, db.get(Participant, other_person.id))
    stranger = app.test_client()
    post_form(stranger, "/start", {"code": code, "date_of_birth": "1995-05-04"}, "/start")
    assert "Samir" not in stranger.get("/me/card").get_data(as_text=True)
    assert stranger.get(f"/mentor/participants/{w.participant.id}/card").status_code == 403
    employer = client_for(app, w.employer)
    assert employer.get(f"/mentor/participants/{w.participant.id}/card").status_code == 403
    assert app.test_client().get("/me/card").status_code == 302


def test_employer_sees_the_card_only_after_contact_was_shared(app, db, make_user):
    w = arrange(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    employer = client_for(app, w.employer)
    url = f"/proposals/{proposal.id}/card?lang=en"
    assert employer.get(url).status_code == 403
    detail = employer.get(f"/proposals/{proposal.id}/employer?lang=en").get_data(as_text=True)
    assert f"/proposals/{proposal.id}/card" not in detail

    person = participant_client(app, db, w)
    assert post_form(person, f"/proposals/{proposal.id}/share", {}, "/me/").status_code == 302
    page = employer.get(url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Samir Noori" in text and "Picks orders alone." in text
    assert forbidden_facts(text) == []
    detail = employer.get(f"/proposals/{proposal.id}/employer?lang=en").get_data(as_text=True)
    assert f"/proposals/{proposal.id}/card" in detail
    db.expire_all()
    actions = db.exec(
        select(AuditEvent.action).where(
            AuditEvent.actor_id == w.employer.id, AuditEvent.detail == "skills card"
        )
    ).all()
    assert actions == ["participant.denied", "participant.viewed"]

    other_employer = make_user("employer")
    other = app.test_client()
    login(other, other_employer.email)
    assert other.get(url).status_code == 403
    assert client_for(app, w.mentor).get(url).status_code == 403  # mentors use their own page
