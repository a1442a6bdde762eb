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
from sqlmodel import Session, col, select

from search_index import open_engine

from .. import clock
from .. import db as portal_db
from ..i18n import _, day_text, get_locale, isolate
from ..models import Proposal, Stage
from ..services import catalogues
from ..services import participant_catalogues as pcat
from ..services import vocabulary as vocab
from . import documents
from . import index_query as index_matching
from .fit import fit_of, km_text
from .index import get_store
from .rules import (
    CHECK,
    COACHABLE,
    DUTCH_CODES,
    MET,
    MISSING,
    W_SAME,
    Criterion,
    LazyCriteria,
    Match,
    MatchPage,
    ParticipantFacts,
    VacancyFacts,
    cert_valid,
    day,
    distance,
    from_day,
    hard_failures,
    needs_met,
    occupation_points,
    related_codes,
    score,
)

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
    v = index_matching.indexed_facts(engine, "vacancy", vacancy_id)
    if v is None:
        return MatchPage(0, [])
    total, rows = index_matching.match_participants(
        engine, v, today(), mentor_id, offset, limit, same_occupation
    )
    return MatchPage(total, [_match(v, p, -neg, km) for neg, _id, p, km in rows])


def openings_for_participant(
    db: Session, participant_id: int, *, offset=0, limit=20, same_occupation=False, engine=None
) -> MatchPage:
    """Open vacancies for a matchable participant, best first (score, then id)."""
    offset, limit = _page(offset, limit)
    engine = engine or _engine(db)
    p = index_matching.indexed_facts(engine, "participant", participant_id)
    if p is None:
        return MatchPage(0, [])
    total, rows = index_matching.match_vacancies(engine, p, today(), offset, limit, same_occupation)
    return MatchPage(total, [_match(v, p, -neg, km) for neg, _id, v, km in rows])


def evaluate_pair(db: Session, vacancy_id: int, participant_id: int) -> Match:
    """The rules on one pair as the database has it now (no index): `.passes` is False when
    a hard filter fails, `.criteria` says which and why. (The pages' matches explain
    themselves lazily, on first use of `.criteria`, inside the request.)"""
    v = documents.one_vacancy(db, vacancy_id)
    p = documents.one_participant(db, participant_id)
    if v is None or p is None:
        return Match(vacancy_id, participant_id, 0.0, False, [])
    km = distance(v, p)
    failed = hard_failures(v, p, today(), km=float("inf") if km is None else km)
    match = _match(v, p, score(v, p, km or 0.0), km, passes=not failed)
    match.criteria = list(match.criteria)  # one pair: explained now, in this request
    return match


def current_job(db: Session, participant_id: int) -> Proposal | None:
    """The hire that keeps a person in a job (hired, not reopened after a leave), or None:
    their openings page shows this job instead of openings."""
    query = select(Proposal).where(
        Proposal.participant_id == participant_id, Proposal.stage == Stage.HIRED
    )
    hire = db.exec(query.order_by(col(Proposal.hire_start).desc(), col(Proposal.id).desc())).first()
    if hire is None:  # never hired (most people): the full facts are not needed
        return None
    facts = documents.one_participant(db, participant_id)
    return hire if facts is not None and facts.in_job else None


def search_vacancies(db: Session, text: str, *, offset=0, limit=20, engine=None):
    """Free text over open vacancies (title, tasks, skills), typo-tolerant."""
    offset, limit = _page(offset, limit)
    engine = engine or _engine(db)
    return index_matching.search_vacancy_text(engine, text or "", today(), offset, limit)


def _match(v, p, points: float, km, passes: bool = True) -> Match:
    on = today()
    criteria = LazyCriteria(lambda: explain(v, p, km, on))
    return Match(
        v.id, p.id, round(points, 2), passes, criteria, km, lambda: fit_of(v, p, km), participant=p
    )


# -- explanation -----------------------------------------------------------------------------


def _date(number: int) -> str:
    value = from_day(number)
    return day_text(value) if value else _("no end date")


def _dutch(rank: int) -> str:
    return DUTCH_CODES[rank] if 0 <= rank < len(DUTCH_CODES) else "?"


def _occupation(code: str) -> str:
    return vocab.occupation_label(portal_db.session(), code, get_locale())


def _skill(code: str) -> str | None:
    """The skill's label in the reader's language; None when it is in no list any more."""
    skills = vocab.catalogue(portal_db.session(), "skill")
    return skills.label(code, get_locale()) if skills.find(code) else None


def _certificate(code: str) -> str:
    return catalogues.label(catalogues.CERTIFICATES, code.replace("_", "-"))


def _shift(code: str) -> str:
    return str(pcat.SHIFTS.get(code, code))


def explain(v: VacancyFacts, p: ParticipantFacts, km: float | None, on=None) -> list[Criterion]:
    """Every criterion of the pair: met / coachable / missing, with the deciding values."""
    now = today() if on is None else on
    result: list[Criterion] = []
    add = result.append
    if v.close < now:
        add(Criterion("open", MISSING, _("The vacancy is not open.")))
    if p.endorsed_until >= now:
        add(Criterion("matchable", MET, _("Endorsed and agreed to be matched.")))
    else:
        add(
            Criterion(
                "matchable", MISSING, _("Not endorsed, no consent to matching, or not active.")
            )
        )
    if p.in_job:
        add(Criterion("in_job", MISSING, _("Already in a job: not matched.")))
    if p.rtw_until >= v.start:
        add(Criterion("right_to_work", MET, _("Allowed to work on the start date.")))
    else:
        add(Criterion("right_to_work", MISSING, _("No right to work on the start date.")))
    if not v.licence:
        add(Criterion("licence", MET, _("No driving licence needed.")))
    elif v.licence in p.licences:
        add(Criterion("licence", MET, _("Driving licence %(code)s: yes.", code=v.licence)))
    else:
        add(Criterion("licence", MISSING, _("Driving licence %(code)s: missing.", code=v.licence)))
    for code, trains in v.certs:
        name = _certificate(code)
        if cert_valid(p, code, v.start):
            add(Criterion("certificate", MET, _("%(name)s certificate: valid.", name=name)))
        elif trains:
            message = _("%(name)s certificate: missing, employer trains.", name=name)
            add(Criterion("certificate", COACHABLE, message))
        else:
            add(Criterion("certificate", MISSING, _("%(name)s certificate: missing.", name=name)))
    result.extend(_availability(v, p, km))
    result.extend(_score_parts(v, p))
    return result


def _availability(v: VacancyFacts, p: ParticipantFacts, km) -> list[Criterion]:
    result = []
    asked = ", ".join(_shift(s) for s in v.shifts)
    not_possible = [s for s in v.shifts if s not in p.shifts]
    if not_possible:
        message = _(
            "Shifts %(asked)s: %(missing)s not possible.",
            asked=asked,
            missing=", ".join(_shift(s) for s in not_possible),
        )
        result.append(Criterion("shifts", MISSING, message))
    else:
        result.append(Criterion("shifts", MET, _("Shifts %(asked)s: possible.", asked=asked)))
    values = {"hours": v.hours, "wanted": p.hours}
    if v.hours <= p.hours:
        message = _("%(hours)d hours a week, %(wanted)d wanted.", **values)
        result.append(Criterion("hours", MET, message))
    else:
        message = _("%(hours)d hours a week, more than the %(wanted)d wanted.", **values)
        result.append(Criterion("hours", MISSING, message))
    if km is None:
        result.append(Criterion("distance", MISSING, _("Distance unknown.")))
    elif km <= p.max_km:
        message = _("%(km)s km straight-line, within %(max)d km.", km=km_text(km), max=p.max_km)
        result.append(Criterion("distance", MET, message))
    else:
        message = _("%(km)s km straight-line, more than %(max)d km.", km=km_text(km), max=p.max_km)
        result.append(Criterion("distance", MISSING, message))
    dates = {"available": _date(p.available), "start": _date(v.start)}
    if p.available <= v.start:
        message = _("Available from %(available)s, start on %(start)s.", **dates)
        result.append(Criterion("available", MET, message))
    else:
        message = _("Available only from %(available)s, start on %(start)s.", **dates)
        result.append(Criterion("available", MISSING, message))
    levels = {"level": _dutch(p.dutch), "asked": _dutch(v.dutch)}
    if p.dutch >= v.dutch:
        result.append(Criterion("dutch", MET, _("Dutch %(level)s, %(asked)s asked.", **levels)))
    elif p.dutch >= v.dutch_min:
        message = _("Dutch %(level)s, %(asked)s asked, language coaching offered.", **levels)
        result.append(Criterion("dutch", COACHABLE, message))
    else:
        message = _("Dutch %(level)s, %(asked)s asked: too low.", **levels)
        result.append(Criterion("dutch", MISSING, message))
    return result


def _score_parts(v: VacancyFacts, p: ParticipantFacts) -> list[Criterion]:
    result = []
    name = _occupation(v.occ)
    points = occupation_points(v, p)
    if points >= W_SAME:
        result.append(Criterion("occupation", MET, _("Same occupation: %(name)s.", name=name)))
    elif points > 0:
        related = [o for o in p.occs if v.occ in related_codes(o)]
        message = _(
            "Related occupation: %(name)s, interested in %(own)s.",
            name=name,
            own=", ".join(_occupation(o) for o in related),
        )
        result.append(Criterion("occupation", COACHABLE, message))
    else:
        message = _("Another occupation: %(name)s asked.", name=name)
        result.append(Criterion("occupation", MISSING, message))
    levels = dict(p.skills)
    for must, codes in ((True, v.must), (False, v.nice)):
        for code in codes:
            level = levels.get(code)
            label = _skill(code)
            kind = "skill_must" if must else "skill_nice"
            if label is None:
                result.append(
                    Criterion(
                        kind,
                        CHECK,
                        _("A skill that is no longer in the list: check this yourself."),
                    )
                )
            elif level is None:
                message = (
                    _("%(skill)s (must-have): not observed.", skill=label)
                    if must
                    else _("%(skill)s (nice to have): not observed.", skill=label)
                )
                result.append(Criterion(kind, MISSING, message))
            else:
                message = _(
                    "%(skill)s: observed, %(level)s.",
                    skill=label,
                    level=str(pcat.SKILL_LEVELS.get(level, level)),
                )
                result.append(Criterion(kind, MET if level >= 2 else COACHABLE, message))
    for text in v.other:
        message = _(
            "Typed by the employer, not matched automatically: %(text)s. Check this yourself.",
            text=isolate(text),
        )
        result.append(Criterion("skill_other", CHECK, message))
    if not p.needs:
        result.append(Criterion("support", MET, _("No special support needed.")))
    else:
        met = needs_met(v, p)
        missing = [n for n in p.needs if n not in met]
        names = ", ".join(str(pcat.SUPPORT_NEEDS.get(n, n)) for n in missing)
        if not missing:
            result.append(Criterion("support", MET, _("Every support need is met.")))
        else:
            message = _("Support not promised: %(needs)s.", needs=names)
            result.append(Criterion("support", COACHABLE if met else MISSING, message))
    return result


def for_employer(criteria: list[Criterion]) -> list[Criterion]:
    return [c for c in criteria if c.code not in PRIVATE_CRITERIA]
