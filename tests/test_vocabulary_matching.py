"""Issue 11 part B: one vocabulary people and the matcher share. Typed requirements are
resolved or kept and explained, ESCO entries are linked to built-in ones, one certificate
list, every language's labels searchable; bad input never breaks matching."""

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from portal import db as portal_db
from portal.matching import service as matching
from portal.matching.rules import CHECK, MET, MISSING
from portal.models import (
    EscoSkill,
    ParticipantCertificate,
    ParticipantSkill,
    Vacancy,
    VacancySkill,
)
from portal.services import catalogues
from portal.services import participant_catalogues as pcat
from portal.services.participants import profiles

from .conftest import login, post
from .participant_factory import endorse, make_participant
from .test_db_migrations import empty_database  # noqa: F401 (a fixture)
from .test_employers_vacancies import create, new_vacancy

ESCO = Path(__file__).parent / "fixtures" / "esco"
FITTING = {"licence_category": "", "certificates": [], "certificates_trained": [],
           "shifts": ["day"], "postcode": "9050"}  # fmt: skip


def signed_in(app, user):
    client = app.test_client()
    login(client, user.email)
    client.user = user
    return client


@pytest.fixture()
def employer(app, make_user):
    return signed_in(app, make_user("employer"))


@pytest.fixture()
def mentor(app, make_user):
    return signed_in(app, make_user("mentor"))


@pytest.fixture()
def participant(app, db, mentor):
    p = make_participant(app, db, mentor.user, complete=True)
    endorse(app, db, mentor.user, p)
    return p


@pytest.fixture()
def imported(app):
    result = app.test_cli_runner().invoke(args=["vocabulary", "import-esco", str(ESCO)])
    assert result.exit_code == 0, result.output


def explain(app, vacancy, p, lang="en"):
    """(passes, {code: [(status, message)]}) of one pair, straight from the database."""
    with app.test_request_context(f"/?lang={lang}"):
        match = matching.evaluate_pair(Session(app.extensions["portal_engine"]), vacancy.id, p.id)
        found: dict[str, list] = {}
        for c in match.criteria:
            found.setdefault(c.code, []).append((c.status, c.message))
        return match.passes, found


def asking(employer, db, *must_have):
    """A published vacancy the fixture participant fits, with these must-haves only."""
    return new_vacancy(employer, db, publish=True, must_have=list(must_have), **FITTING)


def add_skill(app, db, mentor, p, code, level=2):
    with app.app_context():
        profiles.add_skill(db, mentor.user, p, code, level, "Seen at work.")


# -- defect 3: typed must-haves --------------------------------------------------------------


def test_typed_text_that_names_an_entry_becomes_the_entry(employer, db):
    vacancy = new_vacancy(employer, db, must_have="Heftruck, pallets tellen")
    rows = db.exec(select(VacancySkill).where(VacancySkill.vacancy_id == vacancy.id)).all()
    assert {(r.code, r.must_have, r.free_text) for r in rows} == {
        ("forklift", True, False),
        ("pallets tellen", True, True),
    }


def test_typed_text_is_explained_and_the_employer_is_told(app, db, employer, participant):
    response = create(employer, must_have="order-picking, werken met een weegschaal", **FITTING)
    page = employer.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "not matched automatically" in page and "werken met een weegschaal" in page
    vacancy_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    post(employer, f"/employer/vacancies/{vacancy_id}/publish", token_from="/employer/")
    vacancy = db.get(Vacancy, vacancy_id)
    passes, criteria = explain(app, vacancy, participant)
    assert passes
    [(status, message)] = criteria["skill_other"]
    assert status == CHECK and "werken met een weegschaal" in message
    with app.test_request_context("/?lang=en"):  # the index carries it too
        s = Session(app.extensions["portal_engine"])
        [match] = matching.candidates_for_vacancy(s, vacancy_id).items
        assert any(c.code == "skill_other" and c.status == CHECK for c in match.criteria)


# -- defect 4: ESCO linked to the built-in entries -------------------------------------------


def test_esco_must_have_is_observed_through_the_built_in_skill(
    app, db, employer, mentor, participant, imported
):
    add_skill(app, db, mentor, participant, "forklift", 3)
    vacancy = asking(employer, db, "esco:test-operate-forklift")
    _passes, criteria = explain(app, vacancy, participant)
    assert [status for status, _m in criteria["skill_must"]] == [MET]
    assert "driving a forklift" in criteria["skill_must"][0][1]
    _passes, arabic = explain(app, vacancy, participant, "ar")
    assert "قيادة الرافعة الشوكية" in arabic["skill_must"][0][1]


def test_a_must_have_asked_twice_counts_twice_in_the_openings(
    app, db, employer, mentor, participant, imported
):
    """Two must-haves linked to one skill: the person has two of three, so the opening is in
    band 1 (not 0) and, with more skill points, before the one where they have one of two."""
    add_skill(app, db, mentor, participant, "forklift", 3)
    twice = asking(employer, db, "esco:test-operate-forklift", "forklift", "hand-scanner")
    once = asking(employer, db, "forklift", "hand-scanner")
    with app.test_request_context("/?lang=en"):
        s = Session(app.extensions["portal_engine"])
        every = matching.openings_for_participant(s, participant.id)
        first = matching.openings_for_participant(s, participant.id, limit=1)
    assert [(m.vacancy_id, m.band) for m in every.items] == [(twice.id, 1), (once.id, 1)]
    assert [m.vacancy_id for m in first.items] == [twice.id] and first.total == 2


def test_mentor_records_an_imported_skill_by_typing_it(
    app, db, employer, mentor, participant, imported
):
    url = f"/mentor/participants/{participant.id}/skills"
    form = {"skill": "", "skill_text": "Goederen opslaan", "level": "2", "evidence": "Stores."}
    response = post(mentor, url + "?lang=nl", form, token_from=url)
    assert response.status_code == 302, response.get_data(as_text=True)
    codes = db.exec(
        select(ParticipantSkill.skill).where(ParticipantSkill.participant_id == participant.id)
    ).all()
    assert "esco:test-store-goods" in codes
    vacancy = asking(employer, db, "esco:test-store-goods")
    _passes, criteria = explain(app, vacancy, participant, "fr")  # no French label: Dutch
    [(status, message)] = criteria["skill_must"]
    assert status == MET and "goederen opslaan" in message and "esco:" not in message
    page = mentor.get(url + "?lang=en").get_data(as_text=True)
    assert "store goods" in page and "esco:test" not in page  # in the reader's language


def test_unknown_typed_skill_is_refused_for_a_participant(app, db, mentor, participant):
    url = f"/mentor/participants/{participant.id}/skills"
    form = {"skill": "", "skill_text": "kernfysica", "level": "2", "evidence": "x"}
    response = post(mentor, url + "?lang=en", form, token_from=url)
    assert response.status_code == 200
    assert "not in the list" in response.get_data(as_text=True)


# -- defect 5: one certificate list ------------------------------------------------------------


def test_vacancies_and_participants_share_one_certificate_list():
    assert set(pcat.CERTIFICATES) == set(catalogues.codes(catalogues.CERTIFICATES))


def test_participant_records_what_a_vacancy_can_ask(app, db, employer, mentor, participant):
    url = f"/mentor/participants/{participant.id}/certificates"
    form = {"certificate": "aerial-platform", "expires_on": ""}
    assert post(mentor, url, form, token_from=url).status_code == 302
    vacancy = new_vacancy(employer, db, publish=True,
                          **FITTING | {"certificates": ["aerial-platform", "welding"]})  # fmt: skip
    passes, criteria = explain(app, vacancy, participant)
    assert not passes  # welding is missing, the aerial platform is there
    statuses = sorted(status for status, _m in criteria["certificate"])
    assert statuses == [MET, MISSING]
    rows = db.exec(select(ParticipantCertificate.certificate)).all()
    assert "aerial-platform" in rows


# -- defect 6: free text in every language ---------------------------------------------------


@pytest.mark.parametrize("query", ["الرافعة الشوكية", "chariot élévateur", "heftruck"])
def test_free_text_search_finds_labels_in_every_language(app, db, employer, query):
    vacancy = new_vacancy(employer, db, publish=True, must_have=["forklift"])
    with app.test_request_context("/?lang=ar"):
        s = Session(app.extensions["portal_engine"])
        assert matching.search_vacancies(s, query)[1] == [vacancy.id]


# -- bad input -------------------------------------------------------------------------------


def test_vacancy_with_only_typed_must_haves_still_matches(app, db, employer, mentor, participant):
    typed = {"must_have": "pallets stapelen, kisten", "nice_to_have": ""}
    vacancy = new_vacancy(employer, db, publish=True, **typed, **FITTING)
    passes, criteria = explain(app, vacancy, participant)
    assert passes and [s for s, _m in criteria["skill_other"]] == [CHECK, CHECK]
    page = employer.get(f"/employer/vacancies/{vacancy.id}/candidates?lang=ar")
    assert page.status_code == 200


def test_participant_without_skills_still_matches(app, db, employer, mentor, participant):
    with app.app_context():
        for row in profiles.skills_of(db, participant):
            profiles.remove_row(db, mentor.user, participant, ParticipantSkill, row.id)
    vacancy = new_vacancy(employer, db, publish=True, **FITTING)
    _passes, criteria = explain(app, vacancy, participant)  # (a profile needs a skill)
    assert {s for s, _m in criteria["skill_must"]} == {MISSING} and criteria["matchable"]
    assert mentor.get(f"/mentor/vacancies/{vacancy.id}/candidates").status_code == 200


def test_removed_entry_is_explained_not_a_500(app, db, employer, mentor, participant, imported):
    vacancy = asking(employer, db, "esco:test-store-goods")
    with app.app_context():
        db.delete(db.exec(select(EscoSkill).where(EscoSkill.code == "esco:test-store-goods")).one())
        db.commit()
    passes, criteria = explain(app, vacancy, participant, "nl")
    assert passes and [s for s, _m in criteria["skill_must"]] == [CHECK]
    assert mentor.get(f"/mentor/vacancies/{vacancy.id}/candidates").status_code == 200
    assert employer.get(f"/employer/vacancies/{vacancy.id}/edit").status_code == 200


# -- type-ahead --------------------------------------------------------------------------------


def test_type_ahead_answers_in_any_language(app, employer, imported):
    def codes(q, lang="en"):
        response = employer.get("/lookup/vocabulary/skill", query_string={"q": q, "lang": lang})
        assert response.status_code == 200
        return [(i["code"], i["label"]) for i in response.get_json()["items"]]

    assert codes("heftr", "nl")[0] == ("forklift", "met een heftruck rijden")
    assert codes("الرافعة", "ar")[0][0] == "forklift"
    assert ("esco:test-store-goods", "goederen opslaan") in codes("opslaan", "ar")
    assert codes("") == [] and codes("x" * 5000) == []
    assert employer.get("/lookup/vocabulary/nothing?q=a").status_code == 404


def test_type_ahead_is_for_signed_in_roles_only(app, make_user):
    anonymous = app.test_client()
    assert anonymous.get("/lookup/vocabulary/skill?q=hef").status_code == 302
    participant = app.test_client()
    login(participant, make_user("participant").email)
    assert participant.get("/lookup/vocabulary/skill?q=hef").status_code == 403


# -- the migration to one certificate list ------------------------------------------------------


def test_migration_rewrites_participant_certificates_to_the_one_list(empty_database):  # noqa: F811
    """Old participant spellings become the list's codes; a double (both spellings) is one."""
    portal_db.upgrade(empty_database, "0009")
    engine = portal_db.make_engine(empty_database)
    rows = [(1, "vca_basic"), (1, "vca-basic"), (2, "cleaning_machine"), (2, "forklift")]
    with engine.begin() as connection:  # rows without their participant: no foreign keys
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA foreign_keys=OFF"))
        else:
            connection.execute(text("SET session_replication_role = replica"))
        for participant_id, code in rows:
            connection.execute(
                text(
                    "INSERT INTO participant_certificate (participant_id, certificate) "
                    "VALUES (:p, :c)"
                ),  # fmt: skip
                {"p": participant_id, "c": code},
            )
    portal_db.upgrade(empty_database)
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT participant_id, certificate FROM participant_certificate")
        ).all()
    engine.dispose()
    assert sorted(found) == [(1, "vca-basic"), (2, "cleaning-machine"), (2, "forklift")]
    assert {code for _p, code in found} <= set(pcat.CERTIFICATES)
