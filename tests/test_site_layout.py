"""Page furniture every role meets (issue 13): the favicon, ids that occur once, the compact
phone menu, text fields and numbers that keep their direction in Arabic, mirrored charts and
plurals. The browser suite (tests/browser) checks the same pages at phone width."""

import re
from collections import Counter

from portal.services.participants import profiles

from .checkin_factory import hired
from .participant_factory import make_participant
from .proposal_factory import client_for, world

IDS = re.compile(r'\sid="([^"]+)"')


def test_favicon_is_served_and_linked(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/static/favicon.svg")
    assert client.get("/static/favicon.svg").mimetype == "image/svg+xml"
    assert 'rel="icon"' in client.get("/login").get_data(as_text=True)


def test_every_id_occurs_once_with_the_header_forms_and_a_page_form(app, make_user):
    mentor = make_user("mentor")
    client = client_for(app, mentor)
    for url in ("/login", "/mentor/participants/new"):
        page = (client if url != "/login" else app.test_client()).get(url)
        twice = [i for i, n in Counter(IDS.findall(page.get_data(as_text=True))).items() if n > 1]
        assert twice == [], url


def test_phone_menu_folds_the_links_into_details(app, make_user):
    mentor = make_user("mentor", display_name="Els Verbeke")
    body = client_for(app, mentor).get("/mentor/").get_data(as_text=True)
    menu = body[body.index('<details class="menu-compact">') : body.index("</details>")]
    assert "<summary>" in menu and 'href="/proposals/"' in menu and "/logout" in menu
    assert "Els Verbeke" in menu


def test_text_fields_follow_the_direction_of_what_is_typed(app, make_user):
    body = (
        client_for(app, make_user("mentor")).get("/mentor/participants/new").get_data(as_text=True)
    )
    fields = re.findall(r"<(?:textarea|input)[^>]*>", body)
    typed = [f for f in fields if "<textarea" in f or 'type="text"' in f]
    assert typed and all('dir="auto"' in f for f in typed)
    assert not any('dir="auto"' in f for f in fields if 'type="date"' in f)


def test_arabic_profile_keeps_phone_numbers_and_art_60_in_order(app, db, make_user):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, phone="+32 470 12 34 56")
    with app.app_context():
        profiles.save_section(db, mentor, p, "placement", {"placement_kind": "art60"})
    client = client_for(app, mentor)
    body = client.get(f"/mentor/participants/{p.id}?lang=ar").get_data(as_text=True)
    assert '<bdi dir="ltr">+32 470 12 34 56</bdi>' in body
    assert "\u206660§7\u2069" in body


def test_check_ins_count_months_with_plurals(app, db, make_user):
    w, _proposal = hired(app, db, make_user, days_ago=30)
    body = client_for(app, w.mentor).get("/checkins/?lang=nl").get_data(as_text=True)
    assert "1 maand" in body and "1 maanden" not in body and "3 maanden" in body


def test_bar_charts_are_mirrored_in_arabic(app, make_user):
    client = client_for(app, make_user("coordinator"))

    def first_label(lang):
        body = client.get(f"/outcomes/?lang={lang}").get_data(as_text=True)
        return re.search(r'<svg[^>]*class="chart".*?<text x="([\d.]+)"[^>]*text-anchor="(\w+)"',
                         body, re.S).groups()  # fmt: skip

    (x_nl, anchor_nl), (x_ar, anchor_ar) = first_label("nl"), first_label("ar")
    assert (anchor_nl, anchor_ar) == ("end", "start")
    assert float(x_ar) > float(x_nl)


def test_mentor_sees_own_candidates_by_name_the_employer_never(app, db, make_user):
    w = world(app, db, make_user)
    mentor_page = client_for(app, w.mentor).get(f"/mentor/vacancies/{w.vacancy.id}/candidates")
    assert "<h2>Samir Noori</h2>" in mentor_page.get_data(as_text=True)
    employer_page = client_for(app, w.employer).get(
        f"/employer/vacancies/{w.vacancy.id}/candidates"
    )
    body = employer_page.get_data(as_text=True)
    assert "Samir" not in body and "#" in body


def test_dates_read_the_way_of_the_page_language(app, db, make_user):
    from babel.dates import format_date

    w, proposal = hired(app, db, make_user, days_ago=30)
    client = client_for(app, w.mentor)
    for lang in ("nl", "ar"):
        body = client.get(f"/checkins/?lang={lang}").get_data(as_text=True)
        text = re.sub(r"<[^>]+>", " ", body.split("<main", 1)[1])
        assert not re.search(r"\d\d/\d\d/\d{4}|\d{4}-\d\d-\d\d", text)
        assert format_date(proposal.hire_start, "medium", locale=lang) in text


def test_participant_answers_a_proposal_on_the_job_card_and_stays_there(app, db, make_user):
    from .proposal_factory import post_form, proposals_of, propose
    from .test_participants_openings import participant_client

    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w, interest_with_mentor="")
    person = participant_client(app, db, w)
    body = person.get("/me/openings?side=nl&lang=ar").get_data(as_text=True)
    proposal = proposals_of(db, w)[0]
    action = f"/proposals/{proposal.id}/interest?next="
    assert action in body
    answer = post_form(person, f"{action}/me/openings?side%3Dnl", {}, page="/me/openings")
    assert answer.headers["Location"] == "/me/openings?side=nl"
    db.expire_all()
    assert proposals_of(db, w)[0].interest_at is not None
    assert action not in person.get("/me/openings").get_data(as_text=True)
    outside = post_form(person, f"/proposals/{proposal.id}/share?next=//evil.example", {},
                        page="/me/")  # fmt: skip
    assert outside.headers["Location"] == "/me/#proposals"
