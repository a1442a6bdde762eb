"""The fit block of the participant's opening card ("This fits you") in plain words: second
person, one sentence a line, none of the mentor's compact wording, and nothing the fact
blocks above it already say (the distance is said once, "close" instead of 0 km)."""

import re

from .proposal_factory import world
from .test_participants_openings import participant_client

JARGON = ("Shifts", "straight-line", "within 20 km", "wanted.", "asked.", "observed", "0.0")


def fit_lines(page: str) -> list[str]:
    """The lines of the fit blocks (their sections carry plain-block--met and so on)."""
    blocks = re.findall(r'plain-block--(?:met|coachable|missing)".*?</section>', page, re.S)
    return [line for block in blocks for line in re.findall(r"<p>(.*?)</p>", block)]


def test_fit_block_speaks_to_the_participant_without_repeating_the_card(app, db, make_user):
    w = world(app, db, make_user, nice_to_have=["forklift"])
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    lines = fit_lines(page)
    assert "You can work at these times." in lines
    assert "You can do this alone: picking orders." in lines or any(
        line.startswith("You can do this alone:") for line in lines
    )
    assert "The employer would also like this:" in " ".join(lines)
    assert "Your Dutch is good enough for this job." in lines
    assert not [line for line in lines if any(word in line for word in JARGON)], lines
    assert not [line for line in lines if "km" in line], lines  # the place block says it
    assert page.count("The workplace is close to your home.") == 1
    assert " km " not in page.split("The workplace")[1].split("</p>")[0]


def test_a_workplace_further_away_is_about_so_many_km(app, db, make_user):
    w = world(app, db, make_user, postcode="9050")
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert re.search(r"The workplace is about [\d.]+ km from your home\.", page)
    dutch = person.get("/me/openings?lang=nl").get_data(as_text=True)
    assert re.search(r"De werkplek is ongeveer [\d,]+ km van je huis\.", dutch)


def test_arabic_fit_block_is_second_person(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    lines = fit_lines(person.get("/me/openings?lang=ar").get_data(as_text=True))
    assert "تستطيع العمل في هذه الأوقات." in lines
    assert any(line.startswith("تستطيع فعل هذا وحدك:") for line in lines)


def test_my_page_dates_follow_the_locale_and_hours_are_plural_aware(app, db, make_user):
    from babel.dates import format_date

    from portal.models import Participant
    from portal.services.participants import profiles

    w = world(app, db, make_user)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        values = {"hours_per_week": 1, "shifts": ["day"], "available_from": p.available_from}
        profiles.save_section(db, w.mentor, p, "availability", values)
        p.placement_end = p.available_from
        db.add(p)
        db.commit()
        end = p.placement_end
    person = participant_client(app, db, w)
    page = person.get("/me/?lang=en").get_data(as_text=True)
    assert f"This job ends on {format_date(end, 'long', locale='en')}." in page
    assert not re.search(r"\d\d/\d\d/\d{4}", page)
    assert "You want to work 1 hour a week." in page


def test_both_answers_to_a_proposal_are_on_the_card_it_is_about(app, db, make_user):
    from sqlmodel import select

    from portal.models import Proposal

    from .proposal_factory import client_for, post_form, propose

    w = world(app, db, make_user)
    assert propose(client_for(app, w.mentor), w, interest_with_mentor="").status_code == 302
    proposal = db.exec(select(Proposal).where(Proposal.vacancy_id == w.vacancy.id)).one()
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    card = page.split(f'id="job-{w.vacancy.id}"')[1].split("</article>")[0]
    assert f"/proposals/{proposal.id}/interest" in card
    assert f"/proposals/{proposal.id}/withdraw" in card and "Stop: not for me" in card
    back = "/me/openings?lang=en#card-1"
    url = f"/proposals/{proposal.id}/withdraw?next=/me/openings?lang%3Den%23card-1"
    response = post_form(person, url, {}, page="/me/openings")
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    db.expire_all()
    assert db.get(Proposal, proposal.id).stage == "withdrawn"
