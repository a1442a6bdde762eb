"""The participant's openings as plain-language cards: pictograms, Dutch beside, right to
left in Arabic; "I am interested" / "Not for me" recorded, the mentor told in their own
language, hidden openings; owners; propose links; the explanation on the employer's page."""

import html
import re

from sqlmodel import select

from portal.models import Notification, OpeningReaction, Participant
from portal.services.participants import login_codes
from portal.services.vacancies import lifecycle

from .proposal_factory import client_for, post_form, proposals_of, propose, vacancy_data, world


def participant_client(app, db, w):
    with app.app_context():
        code = login_codes.issue_login_code(db, w.mentor, db.get(Participant, w.participant.id))
    person = app.test_client()
    response = post_form(person, "/start", {"code": code, "date_of_birth": "1995-05-04"}, "/start")
    assert response.status_code == 302
    return person


def react(client, w, reaction, reason="", page="/me/openings", query=""):
    prefix = f"v{w.vacancy.id}-"
    data = {f"{prefix}reaction": reaction, f"{prefix}reason": reason}
    url = f"/openings/{w.participant.id}/{w.vacancy.id}/react{query}"
    return post_form(client, url, data, page=page, prefix=prefix)


def reactions(db):
    db.expire_all()
    return list(db.exec(select(OpeningReaction)))


def mentor_notes(db, w):
    db.expire_all()
    query = select(Notification).where(Notification.user_id == w.mentor.id)
    return list(db.exec(query.order_by(Notification.id)))


def test_cards_show_pictograms_and_plain_text_in_the_participants_language(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert w.vacancy.title in page
    for name in ("clock", "shift", "place", "dutch", "licence", "buddy", "met"):
        assert f"pictogram--{name}" in page, name
    assert "<svg" in page and 'aria-hidden="true"' in page
    assert "38 hours a week." in page
    assert "The workplace is close to your home." in page
    assert "The job asks Dutch level A2." in page
    assert "You do not need a driving licence." in page
    assert "A colleague helps you: the Ploegleider." in page
    assert "You work 4 hours a week with this colleague." in page
    assert "This help lasts 3 months." in page
    assert "First you try the job for 2 weeks." in page
    assert "This fits you" in page
    assert "I am interested" in page and "Not for me" in page
    assert 'class="plain-nl"' not in page  # no Dutch column unless asked
    french = html.unescape(person.get("/me/openings?lang=fr").get_data(as_text=True))
    assert "heures par semaine" in french and "Ça m'intéresse" in french


def test_each_pictogram_shape_is_written_once_per_page_and_every_use_finds_it(app, db, make_user):
    """The shapes live in one hidden sprite (portal/pictograms.py); a pictogram whose shape
    is missing would be an empty box. The read-aloud buttons are remembered between requests,
    so the second visit must still carry the speaker's shape."""
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    for _visit in range(2):
        page = person.get("/me/openings?lang=en").get_data(as_text=True)
        used = set(re.findall(r'<use href="#pg-([a-z]+)"/>', page))
        defined = re.findall(r'<symbol id="pg-([a-z]+)"', page)
        assert {"clock", "licence", "buddy"} <= used
        assert sorted(defined) == sorted(used)  # each once, none unused
        assert page.index('class="pictogram-sprite"') > page.index("</footer>")
        if 'class="listen"' in page:
            assert "speaker" in used
    sign_in = app.test_client().get("/login").get_data(as_text=True)
    assert "<symbol" not in sign_in  # a page without pictograms carries no sprite


def test_side_by_side_shows_dutch_too_and_arabic_is_right_to_left(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=ar&side=nl").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert '<div lang="nl" dir="ltr" class="plain-nl">' in page
    assert "38 uur per week." in page  # the Dutch column
    assert "ساعة في الأسبوع" in page  # the Arabic one
    assert "Je hebt geen rijbewijs nodig." in page
    plain = person.get("/me/openings?lang=ar").get_data(as_text=True)
    assert 'class="plain-nl"' not in plain and "38 uur per week." not in plain
    # Dutch beside Dutch makes no sense: the option is not offered.
    dutch = person.get("/me/openings?lang=nl&side=nl").get_data(as_text=True)
    assert 'class="plain-nl"' not in dutch


def test_interested_is_recorded_and_the_mentor_told_in_their_language(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    assert react(person, w, "interested").status_code == 302
    [row] = reactions(db)
    assert (row.participant_id, row.vacancy_id, row.reaction) == (
        w.participant.id,
        w.vacancy.id,
        "interested",
    )
    assert row.by_role == "participant"
    [note] = mentor_notes(db, w)
    assert note.subject == f"Een deelnemer is geïnteresseerd in {w.vacancy.title}"  # nl, no name
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert "You said: I am interested." in page
    mentor = client_for(app, w.mentor)
    listing = mentor.get(f"/mentor/participants/{w.participant.id}/openings?lang=en")
    assert "The participant is interested" in listing.get_data(as_text=True)
    board = mentor.get("/proposals/?lang=en").get_data(as_text=True)
    assert "Interested, not proposed yet" in board
    assert f"/proposals/new?participant_id={w.participant.id}&amp;vacancy_id={w.vacancy.id}" in (
        board
    )
    # The mentor proposes: the proposal carries the participant's interest.
    assert propose(mentor, w, interest_with_mentor="").status_code == 302
    [proposal] = proposals_of(db, w)
    assert proposal.interest_at is not None and not proposal.interest_with_mentor
    board = mentor.get("/proposals/?lang=en").get_data(as_text=True)
    assert f"vacancy_id={w.vacancy.id}" not in board.split("Interested, not proposed yet")[1][:900]
    # the participant's card of that job now says so
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert "Your mentor proposed you for this job." in page


def test_not_for_me_hides_the_opening_until_show_hidden(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    assert react(person, w, "not_for_me", "too_far").status_code == 302
    [row] = reactions(db)
    assert (row.reaction, row.reason) == ("not_for_me", "too_far")
    [note] = mentor_notes(db, w)
    assert "Te ver" in note.body  # the reason, in the mentor's language
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert w.vacancy.title not in page
    assert "Show hidden (1 job)" in page
    shown = person.get("/me/openings?lang=en&hidden=1").get_data(as_text=True)
    assert w.vacancy.title in shown and "You said: not for me." in shown
    assert "Reason: Too far." in shown
    # Changing one's mind shows it again.
    assert react(person, w, "interested", query="?hidden=1").status_code == 302
    assert w.vacancy.title in person.get("/me/openings").get_data(as_text=True)
    assert [r.reaction for r in reactions(db)] == ["interested"]


def test_bad_reaction_or_reason_changes_nothing(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    assert react(person, w, "maybe").status_code == 302
    assert react(person, w, "not_for_me", "made-up").status_code == 302
    assert reactions(db) == [] and mentor_notes(db, w) == []
    url = f"/openings/{w.participant.id}/{w.vacancy.id}/react"
    assert person.post(url, data={f"v{w.vacancy.id}-reaction": "interested"}).status_code == 400
    assert reactions(db) == []


def test_mentor_cards_view_and_reacting_at_the_participants_side(app, db, make_user):
    w = world(app, db, make_user)
    mentor = client_for(app, w.mentor)
    cards = f"/mentor/participants/{w.participant.id}/openings/cards"
    page = mentor.get(cards + "?lang=en&side=nl").get_data(as_text=True)
    assert "pictogram--buddy" in page and 'class="plain-nl"' in page
    assert react(mentor, w, "interested", page=cards).status_code == 302
    [row] = reactions(db)
    assert row.by_role == "mentor" and mentor_notes(db, w) == []  # sitting together


def test_wrong_owner_is_refused_and_nothing_recorded(app, db, make_user):
    w = world(app, db, make_user)
    other = world(app, db, make_user)
    intruder = participant_client(app, db, other)
    # A participant cannot react for another participant.
    assert react(intruder, w, "interested", page="/me/openings").status_code == 403
    # A mentor only for their own participants.
    stranger = client_for(app, other.mentor)
    assert react(stranger, w, "interested", page="/proposals/").status_code == 403
    cards = f"/mentor/participants/{w.participant.id}/openings/cards"
    assert stranger.get(cards).status_code == 403
    assert reactions(db) == []
    # Employers and coordinators have no say at all.
    employer = client_for(app, w.employer)
    assert react(employer, w, "interested", page="/employer/").status_code == 403
    assert reactions(db) == []


def test_propose_links_on_mentor_lists_and_none_on_employer_lists(app, db, make_user):
    w = world(app, db, make_user)
    link = f"/proposals/new?participant_id={w.participant.id}&amp;vacancy_id={w.vacancy.id}"
    mentor = client_for(app, w.mentor)
    openings = mentor.get(f"/mentor/participants/{w.participant.id}/openings?lang=en")
    assert link in openings.get_data(as_text=True)
    candidates = mentor.get(f"/mentor/vacancies/{w.vacancy.id}/candidates?lang=en")
    assert link in candidates.get_data(as_text=True)
    form = mentor.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(rf'<option selected value="{w.vacancy.id}">', form)
    employer = client_for(app, w.employer)
    page = employer.get(f"/employer/vacancies/{w.vacancy.id}/candidates?lang=en")
    text = page.get_data(as_text=True)
    assert "Candidate #" in text and "/proposals/new" not in text


def test_employer_proposal_page_explains_the_match_without_right_to_work(app, db, make_user):
    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    employer = client_for(app, w.employer)
    page = employer.get(f"/proposals/{proposal.id}/employer?lang=en").get_data(as_text=True)
    assert "How the candidate matches this vacancy" in page
    assert "Dutch A2, A2 asked." in page and "Same occupation" in page
    assert "right to work" not in page.lower() and "Allowed to work" not in page
    assert "agreed to be matched" not in page


def test_cards_come_a_dozen_at_a_time_with_show_more(app, db, make_user):
    w = world(app, db, make_user)
    with app.app_context():
        for _number in range(13):  # 14 open vacancies that fit in all
            vacancy, _new = lifecycle.create(db, w.employer, vacancy_data())
            lifecycle.publish(db, w.employer, vacancy)
    person = participant_client(app, db, w)
    first = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert first.count('class="opening-card') == 12
    assert 'href="/me/openings?more=2#card-13"' in first and "Show more jobs" in first
    both = person.get("/me/openings?lang=en&more=2").get_data(as_text=True)
    assert both.count('class="opening-card') == 14 and "Show more jobs" not in both
    assert 'id="card-13"' in both
    # the Dutch side and the reaction forms keep the longer list
    assert "/me/openings?more=2&amp;side=nl" in both
    assert re.search(r'/react\?more=2"', both)
    for nonsense in ("abc", "-3", "0", "99999"):
        page = person.get(f"/me/openings?lang=en&more={nonsense}")
        assert page.status_code == 200
        assert page.get_data(as_text=True).count('class="opening-card') in (12, 14)
    # after a reaction the participant is back in the same, longer list
    response = react(person, w, "interested", query="?more=2")
    assert response.headers["Location"].endswith("/me/openings?more=2")


def card_forms(page: str) -> list[tuple[str, dict]]:
    """(action, fields) of every reaction form on a card page, as a browser would send it."""
    found = []
    for action, body in re.findall(
        r'<form method="post" action="([^"]+/react[^"]*)"[^>]*>(.*?)</form>', page, re.S
    ):
        fields = dict(re.findall(r'<input name="([^"]+)" type="hidden" value="([^"]*)">', body))
        select_name = re.search(r'<select id="[^"]+" name="([^"]+)">', body)
        if select_name:
            fields[select_name.group(1)] = "too_far"
        found.append((action.replace("&amp;", "&"), fields))
    return found


def test_the_card_forms_as_drawn_are_accepted_in_every_language(app, db, make_user):
    """The cards write each reaction form's fields themselves (one reason list per page):
    what the page sends is what the react route reads, and the list is in the page's
    language, also right after the same list was drawn in another language."""
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    french = person.get("/me/openings?lang=fr").get_data(as_text=True)
    dutch = person.get("/me/openings?lang=nl").get_data(as_text=True)
    assert 'value="too_far">Trop loin</option>' in french
    assert 'value="too_far">Te ver</option>' in dutch
    forms = card_forms(dutch)
    assert [fields[f"v{w.vacancy.id}-reaction"] for _a, fields in forms] == [
        "interested",
        "not_for_me",
    ]
    action, fields = forms[1]
    assert f'<label for="v{w.vacancy.id}-reason">' in dutch
    assert person.post(action, data=fields).status_code == 302
    assert [(r.reaction, r.reason) for r in reactions(db)] == [("not_for_me", "too_far")]
    del fields[f"v{w.vacancy.id}-csrf_token"]
    assert person.post(action, data=fields).status_code == 400  # the token is checked


def test_a_card_shows_the_vacancy_as_it_is_after_an_edit(app, db, make_user):
    """The fact blocks are kept per vacancy summary and language: an edit is a new summary."""
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert "38 hours a week." in page and "You work 4 hours a week with this colleague." in page
    assert "The employer helps you learn Dutch at work." not in page
    with app.app_context():
        vacancy = db.get(type(w.vacancy), w.vacancy.id)
        changed = vacancy_data(hours_per_week=36, language_coaching=True)
        changed.commitment.buddy_hours_per_week = 6
        lifecycle.update(db, w.employer, vacancy, changed)
    page = person.get("/me/openings?lang=en").get_data(as_text=True)
    assert "36 hours a week." in page and "38 hours a week." not in page
    assert "The employer helps you learn Dutch at work." in page
    assert "You work 6 hours a week with this colleague." in page
