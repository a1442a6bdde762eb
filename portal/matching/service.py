"""Matching for the portal: both directions through the search index, one pair straight
from the database, and every decision explained in the reader's language.

Public API (other areas build on these names):
    candidates_for_vacancy(db, vacancy_id, *, mentor_id=None, offset=0, limit=20) -> MatchPage
    openings_for_participant(db, participant_id, *, offset=0, limit=20) -> MatchPage
    evaluate_pair(db, vacancy_id, participant_id) -> Match
    search_vacancies(db, text, *, offset=0, limit=20) -> (total, [vacancy ids])
The rules themselves live in portal.matching.rules (one copy for the index, this module
and the brute-force scorer)."""

from flask import current_app
from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from search_index import open_engine

from .. import clock
from ..i18n import current_language
from ..models import OPEN_STAGES, Proposal, Stage
from . import documents
from . import index_query as index_matching
from .explain import catalogues_read, explain
from .fit import fit_of
from .index import get_store
from .results import Criterion, LazyCriteria, Match, MatchPage
from .rules import day, distance, hard_failures, score

__all__ = [
    "Criterion",
    "Match",
    "MatchPage",
    "candidates_for_vacancy",
    "evaluate_pair",
    "openings_for_participant",
    "search_vacancies",
]
# Criteria an employer never sees (they would tell about residence status or consent).
PRIVATE_CRITERIA = frozenset({"right_to_work", "matchable"})
MAX_LIMIT = 100


def today() -> int:
    return day(clock.today())


def _engine(db: Session):
    return open_engine(get_store(), current_app.extensions["portal_engine"])


def _page(offset: int, limit: int) -> tuple[int, int]:
    return max(int(offset or 0), 0), min(max(int(limit or 0), 1), MAX_LIMIT)


def candidates_for_vacancy(
    db: Session,
    vacancy_id: int,
    *,
    mentor_id: int | None = None,
    offset=0,
    limit=20,
    same_occupation=False,
    engine=None,
) -> MatchPage:
    """Matchable participants for an open vacancy, best first (score, then id);
    `same_occupation` keeps only those interested in the vacancy's occupation."""
    offset, limit = _page(offset, limit)
    engine = engine or _engine(db)
    on = today()
    query = (vacancy_id, on, mentor_id, offset, limit, same_occupation)
    v, total, rows, notes = engine.remembered(
        ("candidates", *query),
        lambda: _ranked(engine, "vacancy", index_matching.match_participants, *query),
    )
    return MatchPage(total, [_match(v, p, -neg, km, on, notes=notes) for neg, _id, p, km in rows])


def _ranked(engine, kind: str, match, object_id: int, on: int, *query) -> tuple:
    """(the facts of the object of `kind`, total, the page's ranked rows by `match`, notes)
    from the index alone: the same until the index changes, so the engine keeps it for the
    next visit of the page. `notes` keeps the explanations written for its rows (_match)."""
    facts = index_matching.indexed_facts(engine, kind, object_id)
    if facts is None:
        return None, 0, [], {}
    return facts, *match(engine, facts, on, *query), {}


def openings_for_participant(
    db: Session, participant_id: int, *, offset=0, limit=20, same_occupation=False, engine=None
) -> MatchPage:
    """Open vacancies for a matchable participant, best first (score, then id)."""
    offset, limit = _page(offset, limit)
    engine = engine or _engine(db)
    on = today()
    query = (participant_id, on, offset, limit, same_occupation)
    p, total, rows, notes = engine.remembered(
        ("openings", *query),
        lambda: _ranked(engine, "participant", index_matching.match_vacancies, *query),
    )
    return MatchPage(total, [_match(v, p, -neg, km, on, notes=notes) for neg, _id, v, km in rows])


def evaluate_pair(db: Session, vacancy_id: int, participant_id: int) -> Match:
    """The rules on one pair as the database has it now (no index): `.passes` is False when
    a hard filter fails, `.criteria` says which and why. (The pages' matches explain
    themselves lazily, on first use of `.criteria`, inside the request.)"""
    v = documents.one_vacancy(db, vacancy_id)
    p = documents.one_participant(db, participant_id)
    if v is None or p is None:
        return Match(vacancy_id, participant_id, 0.0, False, [])
    km = distance(v, p)
    on = today()
    failed = hard_failures(v, p, on, km=float("inf") if km is None else km)
    match = _match(v, p, score(v, p, km or 0.0), km, on, passes=not failed)
    match.criteria = list(match.criteria)  # one pair: explained now, in this request
    return match


def _proposals_in(stages):
    """The participant's proposals in these stages, the newest hire first; built once per
    process below (building a statement costs more than running it on a page's rows)."""
    return (
        select(Proposal)
        .where(
            Proposal.participant_id == bindparam("participant_id"),
            col(Proposal.stage).in_(sorted(stages)),
        )
        .order_by(col(Proposal.hire_start).desc(), col(Proposal.id).desc())
    )


_HIRES = _proposals_in({Stage.HIRED})
_HIRES_AND_OPEN = _proposals_in({Stage.HIRED, *OPEN_STAGES})


def current_job(db: Session, participant_id: int) -> Proposal | None:
    """The hire that keeps a person in a job (hired, not reopened after a leave), or None:
    their openings page shows this job instead of openings."""
    hire = db.exec(_HIRES, params={"participant_id": participant_id}).first()
    return _in_job(db, participant_id, hire)


def job_and_open_proposals(db: Session, participant_id: int) -> tuple:
    """(current_job's answer, vacancy id -> the open proposal for it): what the opening
    cards show, in one statement."""
    rows = db.exec(_HIRES_AND_OPEN, params={"participant_id": participant_id}).all()
    hire = next((row for row in rows if row.stage == Stage.HIRED), None)
    proposed = {row.vacancy_id: row for row in rows if row.stage in OPEN_STAGES}
    return _in_job(db, participant_id, hire), proposed


def _in_job(db: Session, participant_id: int, hire: Proposal | None) -> Proposal | None:
    if hire is None:  # never hired (most people): the full facts are not needed
        return None
    facts = documents.one_participant(db, participant_id)
    return hire if facts is not None and facts.in_job else None


def search_vacancies(db: Session, text: str, *, offset=0, limit=20, engine=None):
    """Free text over open vacancies (title, tasks, skills), typo-tolerant."""
    offset, limit = _page(offset, limit)
    engine = engine or _engine(db)
    return index_matching.search_vacancy_text(engine, text or "", today(), offset, limit)


def _match(v, p, points: float, km, on: int, passes: bool = True, notes=None) -> Match:
    """A match explaining itself on use. `notes` (a dict kept with a remembered page) keeps
    what was written, per language: the explanation is a function of the facts, the day,
    the words and the vocabulary, and a page shown again shows the same rows."""

    def written(kind, build):
        if notes is None:
            return build()
        key = (kind, v.id, p.id, current_language())
        labels = catalogues_read()  # a vocabulary import renames skills: written anew
        found = notes.get(key)
        if found is None or any(a is not b for a, b in zip(found[0], labels, strict=True)):
            found = notes[key] = (labels, build())
        return found[1]

    def criteria(plain: bool):
        return written(("plain", plain), lambda: tuple(explain(v, p, km, on, plain)))

    def fit():
        return written("fit", lambda: fit_of(v, p, km))

    return Match(
        v.id, p.id, round(points, 2), passes, LazyCriteria(criteria), km, fit, participant=p
    )


def for_employer(criteria: list[Criterion]) -> list[Criterion]:
    return [c for c in criteria if c.code not in PRIVATE_CRITERIA]
