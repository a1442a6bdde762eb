"""Public figures for employers: the ready talent, in aggregate, and the headline results.

Privacy: counts only, from codes (occupation group, province, Dutch level, shift); no
nationality, age, residence status, name or anything per person. A figure computed from
fewer than MIN_PEOPLE people is withheld (None; the page reads "fewer than 5"); a rate is
shown only when both its numerator and its denominator count at least MIN_PEOPLE people, so a
withheld count (say, 2 hires) cannot be read back from a rate.

Cache: per process, on the app object, for CACHE_SECONDS. The figures are a handful of
queries over the active participants and the outcome facts; a web worker computing them at
most once an hour costs less than writing a shared cache row from an anonymous GET, and
there is nothing to invalidate across hosts. Cached are codes and counts only (the same in
every language); labels are added when the page is drawn."""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlmodel import Session, col, select

from .. import clock, vocabulary
from ..models import Participant, ParticipantOccupation, PortalSetting, Stage, User, utcnow
from . import caseload, catalogues, outcomes
from .participants import profiles

MIN_PEOPLE = 5
CACHE_SECONDS = 3600
PERIOD_DAYS = 365
OTHER_GROUP = "other"
TALENT_PAGE = "front.talent"  # the coordinator's switch for the ready-talent page


def shown(count: int) -> int | None:
    """The count, or None when it is too small to publish."""
    return count if count >= MIN_PEOPLE else None


def shown_rate(numerator: int, denominator: int) -> float | None:
    if min(numerator, denominator) < MIN_PEOPLE:
        return None
    return numerator / denominator


# --- ready talent ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TalentRow:
    region: str
    group: str
    people: int | None  # None: fewer than MIN_PEOPLE (a person may count in several groups)
    dutch_levels: tuple[str, ...]  # levels at least MIN_PEOPLE of them have
    shifts: tuple[str, ...]  # shifts at least MIN_PEOPLE of them work


@dataclass(frozen=True)
class Talent:
    rows: tuple[TalentRow, ...]
    total: int | None
    started_job: int | None  # people whose first working day fell in the last 12 months


def _group_of(occupation_code: str) -> str:
    occupation = vocabulary.occupation(occupation_code)
    return occupation.group if occupation else OTHER_GROUP


def _groups_of(db: Session, ids: list[int]) -> dict[int, set[str]]:
    groups: dict[int, set[str]] = defaultdict(set)
    query = select(ParticipantOccupation.participant_id, ParticipantOccupation.occupation)
    for participant_id, code in db.exec(
        query.where(col(ParticipantOccupation.participant_id).in_(ids))
    ):
        groups[participant_id].add(_group_of(code))
    return groups


def _row(region: str, group: str, people: list[Participant]) -> TalentRow:
    levels = Counter(p.dutch_level for p in people if p.dutch_level)
    shifts = Counter(code for p in people for code in profiles.shifts_of(p))
    return TalentRow(
        region=region,
        group=group,
        people=shown(len(people)),
        dutch_levels=tuple(
            level.code for level in catalogues.DUTCH_LEVELS if levels[level.code] >= MIN_PEOPLE
        ),
        shifts=tuple(item.code for item in catalogues.SHIFTS if shifts[item.code] >= MIN_PEOPLE),
    )


def ready_people(db: Session, on: date) -> list[Participant]:
    """Endorsed, consenting, active and not in a job: the same rule matching applies."""
    active = list(db.exec(select(Participant).where(Participant.active)).all())
    return [f.participant for f in caseload.case_facts(db, active, on) if f.matchable]


def talent(db: Session, figures: outcomes.Figures, on: date) -> Talent:
    people = ready_people(db, on)
    groups = _groups_of(db, [p.id for p in people])
    cells: dict[tuple[str, str], list[Participant]] = defaultdict(list)
    for p in people:
        region = outcomes.region_of(p.home_postcode)
        for group in groups.get(p.id, ()):
            if region:
                cells[(region, group)].append(p)
    rows = tuple(_row(region, group, cells[(region, group)]) for region, group in sorted(cells))
    return Talent(rows=rows, total=shown(len(people)), started_job=shown(figures.hired))


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    start: date
    end: date
    transition_rate: float | None
    retention: tuple[tuple[int, float | None], ...]  # (months, rate)
    commitments_kept: float | None


def _commitment_people(facts: outcomes.Facts, filters: outcomes.Filters) -> int:
    """How many people the commitment answers of the period's hires are about."""
    hired = {
        p.proposal_id: p.participant_id
        for p in facts.proposals
        if p.stage == Stage.HIRED and filters.in_period(p.hire_start)
    }
    return len(
        {hired[c.proposal_id] for c in facts.checkins if c.commitment and c.proposal_id in hired}
    )


def results(facts: outcomes.Facts, figures: outcomes.Figures) -> Results:
    """The dashboard's headline figures, with small numbers withheld."""
    filters = figures.filters
    answers = sum((c.answers for c in figures.commitments), Counter())
    answered = sum(answers.values())
    kept = None
    if answered and _commitment_people(facts, filters) >= MIN_PEOPLE:
        kept = answers["kept"] / answered
    return Results(
        start=filters.start,
        end=filters.end,
        transition_rate=shown_rate(figures.hired, figures.endorsed or 0),
        retention=tuple((r.months, shown_rate(r.retained, r.cohort)) for r in figures.retention),
        commitments_kept=kept,
    )


# --- cached for the public pages -------------------------------------------------------------


@dataclass(frozen=True)
class PublicFigures:
    talent: Talent
    results: Results


def compute(db: Session, on: date | None = None) -> PublicFigures:
    """One load of the outcome facts, one outcomes.compute for the last 12 months."""
    on = on or clock.today()
    facts = outcomes.load(db)
    filters = outcomes.Filters(start=on - timedelta(days=PERIOD_DAYS), end=on)
    figures = outcomes.compute(facts, filters, on)
    return PublicFigures(talent(db, figures, on), results(facts, figures))


def public_figures(db: Session) -> PublicFigures:
    """The figures of at most an hour ago, computed by this process."""
    cache = current_app.extensions.setdefault("portal_public_figures", {})
    if cache.get("until", 0) < time.monotonic():
        cache["figures"] = compute(db)
        cache["until"] = time.monotonic() + CACHE_SECONDS
    return cache["figures"]


# --- the coordinator's switch ---------------------------------------------------------------


def is_enabled(db: Session, key: str) -> bool:
    row = db.get(PortalSetting, key)
    return True if row is None else row.enabled


def set_enabled(db: Session, coordinator: User, key: str, enabled: bool) -> None:
    row = db.get(PortalSetting, key) or PortalSetting(key=key)
    row.enabled, row.changed_at, row.changed_by_id = enabled, utcnow(), coordinator.id
    db.add(row)
    db.commit()
