"""Outcomes: does the bridge hold? Every figure is computed here by pure functions over plain
facts (`load` is the only part that queries), so the arithmetic is testable on a hand-made
data set.

Definitions (also shown on the dashboard):
- endorsed: participants with an endorsement given in the period (WISE and the region where
  the participant lives filter it; the employer's sector does not apply).
- proposed: participants proposed in the period. Hires, two figures: agreed = participants
  whose proposal moved to "hired" in the period (the employer recorded the hire); hired (or
  started) = participants whose first working day falls in the period and has come. An
  agreed hire starts days or weeks later. Sector and region (where the job is) filter
  proposals and hires.
- transition rate: hired / endorsed, as counted above.
- median days from endorsement to hire: per hire, from the last endorsement given on or
  before the first working day.
- retention at 3, 6 and 12 months, a cohort figure: only hires whose 3/6/12 months have
  passed (by the reference day) are in the denominator; retained = no leave recorded in a
  check-in before that point (the last working day falls on or after it).
- commitments kept per employer: the answers of the mentors' check-ins, per item.
- declined by reason: proposals declined in the period.
Aggregates only: no names, no contact data, nothing about one person."""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, func, select

from .. import clock
from ..models import (
    CheckIn,
    Endorsement,
    Organisation,
    Participant,
    Proposal,
    ProposalEvent,
    Stage,
    Vacancy,
)
from . import postcodes
from .checkins.recording import COMMITMENT_ANSWERS
from .proposals.stage_rules import DECLINE_REASONS

RETENTION_MONTHS = (3, 6, 12)


@dataclass(frozen=True)
class EndorsementFact:
    participant_id: int
    wise_id: int | None
    home_region: str | None
    given_on: date


@dataclass(frozen=True)
class ProposalFact:
    proposal_id: int
    participant_id: int
    wise_id: int | None
    employer_id: int
    employer_name: str
    sector: str | None
    region: str | None
    created_on: date
    stage: str
    decline_reason: str = ""
    closed_on: date | None = None
    hire_start: date | None = None
    hired_on: date | None = None  # the day the proposal moved to "hired"


@dataclass(frozen=True)
class CheckInFact:
    proposal_id: int
    month: int
    still_employed: bool | None
    left_on: date | None
    held_on: date | None
    commitment: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Facts:
    endorsements: list[EndorsementFact]
    proposals: list[ProposalFact]
    checkins: list[CheckInFact]


@dataclass
class Filters:
    start: date | None = None
    end: date | None = None
    wise_id: int | None = None
    sector: str | None = None
    region: str | None = None
    employer_id: int | None = None  # an employer's own figures

    def in_period(self, day: date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass
class Retention:
    months: int
    cohort: int
    retained: int

    @property
    def rate(self) -> float | None:
        return self.retained / self.cohort if self.cohort else None


@dataclass
class EmployerCommitments:
    employer_id: int
    employer_name: str
    checkins: int
    answers: Counter  # kept / partly / not, over every item
    per_item: dict  # item -> Counter

    @property
    def answered(self) -> int:
        return sum(self.answers.values())

    @property
    def kept_rate(self) -> float | None:
        return self.answers["kept"] / self.answered if self.answered else None


@dataclass
class Figures:
    filters: Filters
    today: date
    endorsed: int | None  # None: not applicable (an employer's own figures)
    proposed: int
    agreed: int  # participants whose hire was agreed (recorded) in the period
    hired: int  # participants who started: first working day in the period, not in the future
    hires: int  # hires (a person hired twice counts twice), the base of the retention
    median_days_to_hire: float | None
    retention: list[Retention]
    commitments: list[EmployerCommitments]
    declined: list[tuple[str, int]]  # (reason code, proposals), in the list's order

    @property
    def transition_rate(self) -> float | None:
        return self.hired / self.endorsed if self.endorsed else None

    @property
    def empty(self) -> bool:
        return not (self.endorsed or self.proposed or self.agreed or self.hired or self.declined)

    def retention_at(self, months: int) -> Retention:
        return next(r for r in self.retention if r.months == months)


# --- pure computation ---------------------------------------------------------------------


def _proposal_matches(p: ProposalFact, f: Filters) -> bool:
    return (
        (f.wise_id is None or p.wise_id == f.wise_id)
        and (f.sector is None or p.sector == f.sector)
        and (f.region is None or p.region == f.region)
        and (f.employer_id is None or p.employer_id == f.employer_id)
    )


def _endorsement_matches(e: EndorsementFact, f: Filters) -> bool:
    return (
        f.in_period(e.given_on)
        and (f.wise_id is None or e.wise_id == f.wise_id)
        and (f.region is None or e.home_region == f.region)
    )


def leave_dates(checkins: list[CheckInFact]) -> dict[int, date]:
    """Per hire (proposal id): the first recorded last working day."""
    leaves: dict[int, date] = {}
    for c in checkins:
        if c.still_employed is False:
            day = c.left_on or c.held_on
            if day is not None and (c.proposal_id not in leaves or day < leaves[c.proposal_id]):
                leaves[c.proposal_id] = day
    return leaves


def retention(hires: list[ProposalFact], leaves: dict[int, date], months: int, today: date):
    """The cohort: hires whose `months` have passed by `today`; retained: still employed
    then (no leave, or the last working day on or after that point)."""
    cohort = retained = 0
    for hire in hires:
        point = hire.hire_start + relativedelta(months=months)
        if point > today:
            continue  # not yet known: outside the denominator
        cohort += 1
        left = leaves.get(hire.proposal_id)
        if left is None or left >= point:
            retained += 1
    return Retention(months, cohort, retained)


def median_days_to_hire(hires: list[ProposalFact], endorsements: list[EndorsementFact]):
    given: dict[int, list[date]] = defaultdict(list)
    for e in endorsements:
        given[e.participant_id].append(e.given_on)
    days = []
    for hire in hires:
        before = [day for day in given.get(hire.participant_id, []) if day <= hire.hire_start]
        if before:
            days.append((hire.hire_start - max(before)).days)
    return float(statistics.median(days)) if days else None


def commitments_per_employer(hires: list[ProposalFact], checkins: list[CheckInFact]):
    employer_of = {h.proposal_id: (h.employer_id, h.employer_name) for h in hires}
    rows: dict[int, EmployerCommitments] = {}
    for c in checkins:
        if c.proposal_id not in employer_of or not c.commitment:
            continue
        employer_id, name = employer_of[c.proposal_id]
        row = rows.setdefault(employer_id, EmployerCommitments(employer_id, name, 0, Counter(), {}))
        row.checkins += 1
        for item, answer in c.commitment.items():
            if answer in COMMITMENT_ANSWERS:
                row.answers[answer] += 1
                row.per_item.setdefault(item, Counter())[answer] += 1
    return sorted(rows.values(), key=lambda r: r.employer_name.lower())


def compute(facts: Facts, filters: Filters, today: date) -> Figures:
    end = filters.end or today
    filters = Filters(**{**filters.__dict__, "end": end})
    proposals = [p for p in facts.proposals if _proposal_matches(p, filters)]
    hires = [
        p
        for p in proposals
        if p.stage == Stage.HIRED
        and p.hire_start is not None
        and p.hire_start <= today
        and filters.in_period(p.hire_start)
    ]
    agreed = {
        p.participant_id
        for p in proposals
        if p.stage == Stage.HIRED and p.hired_on is not None and filters.in_period(p.hired_on)
    }
    endorsed = None
    if filters.employer_id is None:
        endorsed = len(
            {e.participant_id for e in facts.endorsements if _endorsement_matches(e, filters)}
        )
    leaves = leave_dates(facts.checkins)
    declined = Counter(
        p.decline_reason
        for p in proposals
        if p.stage == Stage.DECLINED and filters.in_period(p.closed_on)
    )
    return Figures(
        filters=filters,
        today=today,
        endorsed=endorsed,
        proposed=len({p.participant_id for p in proposals if filters.in_period(p.created_on)}),
        agreed=len(agreed),
        hired=len({h.participant_id for h in hires}),
        hires=len(hires),
        median_days_to_hire=median_days_to_hire(hires, facts.endorsements),
        retention=[retention(hires, leaves, months, today) for months in RETENTION_MONTHS],
        commitments=commitments_per_employer(hires, facts.checkins),
        declined=[
            (code, declined[code])
            for code in [*DECLINE_REASONS, *sorted(set(declined) - set(DECLINE_REASONS))]
            if declined[code]
        ],
    )


# --- loading the facts --------------------------------------------------------------------


def region_of(postcode: str | None) -> str | None:
    """The province (or the Brussels region, which has none) of a Belgian postcode."""
    place = postcodes.lookup(postcode) if postcode else None
    if place is None:
        return None
    return place.province or place.region


@cache
def regions() -> tuple[str, ...]:
    return tuple(sorted({region_of(code) for code in postcodes.all_postcodes()} - {None}))


def load(db: Session) -> Facts:
    """Everything the figures need, in three queries (plus the hire check-ins)."""
    endorsements = [
        EndorsementFact(participant_id, wise_id, region_of(postcode), given_at.date())
        for participant_id, given_at, wise_id, postcode in db.exec(
            select(
                Endorsement.participant_id,
                Endorsement.given_at,
                Participant.organisation_id,
                Participant.home_postcode,
            ).join(Participant, col(Participant.id) == Endorsement.participant_id)
        ).all()
    ]
    proposals = []
    query = (
        select(Proposal, Vacancy.postcode, Organisation, Participant.organisation_id)
        .join(Vacancy, col(Vacancy.id) == Proposal.vacancy_id)
        .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
        .join(Participant, col(Participant.id) == Proposal.participant_id)
    )
    hired_at = dict(
        db.exec(
            select(ProposalEvent.proposal_id, func.max(ProposalEvent.at))
            .where(ProposalEvent.kind == Stage.HIRED)
            .group_by(ProposalEvent.proposal_id)
        ).all()
    )
    for proposal, postcode, organisation, wise_id in db.exec(query).all():
        proposals.append(
            ProposalFact(
                proposal_id=proposal.id,
                participant_id=proposal.participant_id,
                wise_id=wise_id,
                employer_id=organisation.id,
                employer_name=organisation.name,
                sector=organisation.sector,
                region=region_of(postcode or organisation.postcode),
                created_on=proposal.created_at.date(),
                stage=proposal.stage,
                decline_reason=proposal.decline_reason,
                closed_on=proposal.updated_at.date(),
                hire_start=proposal.hire_start,
                hired_on=hired_at[proposal.id].date() if proposal.id in hired_at else None,
            )
        )
    checkins = [
        CheckInFact(
            c.proposal_id, c.month, c.still_employed, c.left_on, c.held_on, dict(c.commitment)
        )
        for c in db.exec(select(CheckIn).where(col(CheckIn.recorded_at).is_not(None))).all()
    ]
    return Facts(endorsements, proposals, checkins)


def figures(db: Session, filters: Filters | None = None, today: date | None = None) -> Figures:
    return compute(load(db), filters or Filters(), today or clock.today())
