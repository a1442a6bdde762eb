"""Index and database agree after every kind of write: the match pages (through the index)
and evaluate_pair (straight from the database) say the same; pages keep privacy and owners.
Every test runs on both engines behind the interface: Whoosh and the in-memory one."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from portal.matching import service as matching
from portal.matching.index import get_store
from portal.models import Participant, Vacancy
from portal.services.participants import consents, endorsements, privacy, profiles
from search_index import compare

from .conftest import login, post
from .participant_factory import endorse, make_participant
from .test_employers_vacancies import employer, new_vacancy, vacancy_form  # noqa: F401

FITTING = {"licence_category": "", "certificates": [], "certificates_trained": [],
           "shifts": ["day"], "postcode": "9050"}  # fmt: skip


@pytest.fixture(params=["whoosh", "memory"])
def app(app, request):
    """The portal's app on one engine (the store is opened on first use, after this)."""
    app.config["INDEX_ENGINE"] = request.param
    return app


@pytest.fixture()
def pair(app, db, employer, make_user):  # noqa: F811
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, complete=True, phone="0470 12 34 56")
    endorse(app, db, mentor, p)
    vacancy = new_vacancy(employer, db, publish=True, **FITTING)
    return {"vacancy": vacancy, "participant": p, "mentor": mentor, "employer": employer}


def candidates(app, vacancy_id, **kwargs):
    with app.test_request_context("/?lang=en"):
        s = Session(app.extensions["portal_engine"])
        return matching.candidates_for_vacancy(s, vacancy_id, **kwargs)


def openings(app, participant_id):
    with app.test_request_context("/?lang=en"):
        s = Session(app.extensions["portal_engine"])
        return matching.openings_for_participant(s, participant_id)


def ids(page, attr="participant_id"):
    return [getattr(m, attr) for m in page.items]


def agree(app):
    with app.app_context():
        differences = compare(get_store(app), app.extensions["portal_engine"])
        assert all(d.clean for d in differences), differences


def test_created_pair_matches_both_ways_and_evaluate_pair_agrees(app, db, pair):
    v, p = pair["vacancy"], pair["participant"]
    assert ids(candidates(app, v.id)) == [p.id]
    assert ids(openings(app, p.id), "vacancy_id") == [v.id]
    with app.test_request_context("/?lang=en"):
        m = matching.evaluate_pair(db, v.id, p.id)
    assert m.passes
    assert m.score == candidates(app, v.id).items[0].score
    distance = [c for c in m.criteria if c.code == "distance"][0]
    assert distance.status == "met" and "straight-line, within 20 km" in distance.message
    agree(app)


def test_edit_that_breaks_a_filter_removes_the_match(app, db, pair):
    v, p = pair["vacancy"], pair["participant"]
    response = post(
        pair["employer"], f"/employer/vacancies/{v.id}/edit",
        vacancy_form(**(FITTING | {"shifts": ["night"]})),
        token_from=f"/employer/vacancies/{v.id}/edit",
    )  # fmt: skip
    assert response.status_code == 302
    assert candidates(app, v.id).total == 0
    db.expire_all()
    with app.test_request_context("/?lang=en"):
        m = matching.evaluate_pair(db, v.id, p.id)
    assert not m.passes and any(c.code == "shifts" and c.status == "missing" for c in m.criteria)
    agree(app)


def test_unpublish_revoke_withdraw_erase_reach_the_index(app, db, pair, make_user):
    v, p, mentor = pair["vacancy"], pair["participant"], pair["mentor"]
    with app.app_context():
        consents.withdraw_consent(db, mentor, db.get(Participant, p.id))
    assert candidates(app, v.id).total == 0 and openings(app, p.id).total == 0
    with app.app_context():
        consents.give_consent(db, mentor, db.get(Participant, p.id), with_mentor=True)
    assert candidates(app, v.id).total == 1
    with app.app_context():
        endorsements.revoke_endorsement(db, mentor, db.get(Participant, p.id))
    assert candidates(app, v.id).total == 0
    endorse(app, db, mentor, db.get(Participant, p.id), consent=False)
    assert candidates(app, v.id).total == 1
    response = post(
        pair["employer"], f"/employer/vacancies/{v.id}/close", {"outcome": "closed"},
        token_from=f"/employer/vacancies/{v.id}",
    )  # fmt: skip
    assert response.status_code == 302
    assert openings(app, p.id).total == 0
    agree(app)
    coordinator = make_user("coordinator")
    with app.app_context():
        privacy.erase(db, coordinator, db.get(Participant, p.id))
    with app.app_context():
        engine = get_store(app).engine()
        from search_index.sync import sync

        sync(get_store(app), app.extensions["portal_engine"])
        assert engine.digests("participant") == {}
    agree(app)


def test_pending_right_to_work_is_not_matched(app, db, pair):
    v, p, mentor = pair["vacancy"], pair["participant"], pair["mentor"]
    with app.app_context():
        profiles.save_section(db, mentor, db.get(Participant, p.id), "right_to_work",
                         {"right_to_work": "pending"})  # fmt: skip
    assert candidates(app, v.id).total == 0
    with app.app_context():
        until = date.fromordinal(v.start_date.toordinal() - 1)
        profiles.save_section(db, mentor, db.get(Participant, p.id), "right_to_work",
                         {"right_to_work": "limited", "right_to_work_until": until})  # fmt: skip
    assert candidates(app, v.id).total == 0  # ends the day before the start
    with app.app_context():
        until = v.start_date + timedelta(days=1)
        profiles.save_section(db, mentor, db.get(Participant, p.id), "right_to_work",
                         {"right_to_work": "limited", "right_to_work_until": until})  # fmt: skip
    assert candidates(app, v.id).total == 1


def test_employer_page_shows_no_name_contact_or_right_to_work(app, db, pair):
    v = pair["vacancy"]
    page = pair["employer"].get(f"/employer/vacancies/{v.id}/candidates?lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Candidate #" in text and "straight-line" in text
    for secret in ("Samir", "Noori", "0470", "right to work", "Allowed to work", "Endorsed"):
        assert secret not in text


def test_wrong_owner_is_refused(app, db, pair, make_user):
    v, p = pair["vacancy"], pair["participant"]
    other_employer, other_mentor = make_user("employer"), make_user("mentor")
    client = app.test_client()
    login(client, other_employer.email)
    assert client.get(f"/employer/vacancies/{v.id}/candidates").status_code == 403
    client = app.test_client()
    login(client, other_mentor.email)
    assert client.get(f"/mentor/participants/{p.id}/openings").status_code == 403
    page = client.get(f"/mentor/vacancies/{v.id}/candidates?lang=en")
    assert page.status_code == 200 and "Candidate #" not in page.get_data(as_text=True)
    own = app.test_client()
    login(own, pair["mentor"].email)
    text = own.get(f"/mentor/vacancies/{v.id}/candidates?lang=en").get_data(as_text=True)
    assert f"<h2>{p.first_name} {p.last_name}</h2>" in text  # own people by name
    text = own.get(f"/mentor/participants/{p.id}/openings?lang=en").get_data(as_text=True)
    assert v.title in text and "Dutch A2" in text


def test_participant_needs_a_profile_for_own_openings(app, make_user):
    client = app.test_client()
    login(client, make_user("participant").email)
    assert client.get("/me/openings").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["", "   ", "magazijn", "magazjin", 'title:"x" AND (', "*?~^{}[]:\\/" * 20, "a" * 5000,
     "nonexistent_field:value", "NOT OR AND"],
)  # fmt: skip
def test_free_text_search_never_fails(app, db, pair, query):
    client = app.test_client()
    login(client, pair["mentor"].email)
    response = client.get("/mentor/search", query_string={"q": query, "lang": "en"})
    assert response.status_code == 200


def test_free_text_tolerates_a_typo(app, db, pair):
    with app.test_request_context("/?lang=en"):
        s = Session(app.extensions["portal_engine"])
        assert matching.search_vacancies(s, "Magazijnmedewerkr")[1] == [pair["vacancy"].id]
        assert matching.search_vacancies(s, "orderpicken")[1] == [pair["vacancy"].id]
        assert matching.search_vacancies(s, "")[0] == 0


def test_vacancy_not_in_index_gives_an_empty_page(app, db, employer):  # noqa: F811
    draft = new_vacancy(employer, db, publish=False)
    assert candidates(app, draft.id).total == 0
    assert db.get(Vacancy, draft.id) is not None
