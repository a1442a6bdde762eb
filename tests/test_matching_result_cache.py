"""A ranked page is kept by the engine until the index changes (SearchEngine.remembered),
with the explanations written for its rows: those are kept per language and are written
anew after a vocabulary import renames a skill. The kept page never outlives a change."""

from datetime import timedelta

from sqlmodel import Session

from portal import clock
from portal.matching import service
from portal.matching.index import get_store
from portal.matching.rules import day
from portal.models import EscoSkill
from search_index import sync

from .test_employers_vacancies import employer  # noqa: F401
from .test_matching_index import app, pair  # noqa: F401 - both engines, a matching pair
from .test_matching_rules import participant, vacancy


def _page(portal, vacancy_id: int, lang: str):
    bind = portal.extensions["portal_engine"]
    with portal.test_request_context(f"/?lang={lang}"):
        sync(get_store(portal), bind)
        page = service.candidates_for_vacancy(Session(bind), vacancy_id)
        [match] = page.items
        return [c.message for c in match.criteria], match.fit().words


def test_a_page_shown_again_speaks_the_language_of_each_visit(app, pair):  # noqa: F811
    v = pair["vacancy"]
    english, english_fit = _page(app, v.id, "en")
    french, french_fit = _page(app, v.id, "fr")
    assert any("straight-line" in line for line in english)
    assert not any("straight-line" in line for line in french) and french != english
    assert english_fit != french_fit and "km" in english_fit
    assert _page(app, v.id, "en") == (english, english_fit)


def test_a_kept_explanation_is_written_anew_after_a_vocabulary_import(app, db):  # noqa: F811
    """A must-have from an ESCO import: its label as of the import that is current."""
    skill = EscoSkill(code="esco:test-pallets", uri="http://x.test/p", labels={"en": "Old"})
    db.add(skill)
    db.commit()
    on = day(clock.today())
    v = vacancy(must=("esco:test-pallets",), start=on + 10, close=on + 30)
    p = participant(endorsed_until=on + 100, available=on, skills=())
    notes: dict = {}

    def missing_line() -> str:
        with app.test_request_context("/?lang=en"):
            match = service._match(v, p, 1000.0, 3.0, on, notes=notes)
            return next(c.message for c in match.criteria if c.code == "skill_must")

    assert missing_line() == "Old (must-have): not observed."
    assert missing_line() == "Old (must-have): not observed."
    skill.labels = {"en": "Stacking pallets"}
    skill.imported_at = skill.imported_at + timedelta(minutes=1)
    db.add(skill)
    db.commit()
    assert missing_line() == "Stacking pallets (must-have): not observed."
