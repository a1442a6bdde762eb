"""The caseload: one participant's state and to-dos from the facts of every area, combined
here in one visible place: the profile, endorsement and consent (participants), the
proposals, and the hire with its check-ins (aftercare). Each rule list reads top to bottom;
nothing registers itself from elsewhere."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, func, select

from .. import clock
from ..models import (
    OPEN_STAGES,
    Consent,
    Endorsement,
    Participant,
    ParticipantOccupation,
    ParticipantSkill,
    Proposal,
    Stage,
    User,
)
from . import participant_catalogues as cat
from .checkins.schedule import OVERDUE_AFTER_DAYS, leave_date, milestones, schedule
from .participants.consents import SCOPE_MATCHING
from .participants.profiles import missing_sections

SOON_DAYS = 30


@dataclass
class CaseFacts:
    """What the caseload knows of one participant; each area's loader below fills its part."""

    participant: Participant
    missing: list[str]
    endorsement: Endorsement | None
    consent: Consent | None
    on: date
    proposal_stages: set[str] = field(default_factory=set)
    hire_status: str | None = None  # of the latest hire: employed | left | reopened
    aftercare: bool = False  # the latest hire's aftercare period still runs
    checkin_due: bool = False

    @property
    def endorsed(self) -> bool:
        return self.endorsement is not None and self.endorsement.valid_until >= self.on

    @property
    def right_to_work_ok(self) -> bool:
        p = self.participant
        if p.right_to_work is None or p.right_to_work in cat.RIGHT_TO_WORK_BLOCKING:
            return False
        return p.right_to_work != "limited" or (
            p.right_to_work_until is not None and p.right_to_work_until >= self.on
        )

    @property
    def in_job(self) -> bool:
        """Hired and not (yet) reopened for new matches after leaving."""
        return self.hire_status in {"employed", "left"}

    @property
    def hired(self) -> bool:
        return Stage.HIRED in self.proposal_stages

    @property
    def matchable(self) -> bool:
        return (
            self.participant.active
            and not self.in_job
            and not self.missing
            and self.endorsed
            and self.consent is not None
            and self.right_to_work_ok
        )


@dataclass
class Case:
    facts: CaseFacts
    state: str
    todos: list[str]

    @property
    def participant(self) -> Participant:
        return self.facts.participant


def _soon(day: date | None, on: date, days: int = SOON_DAYS) -> bool:
    return day is not None and on <= day <= on + timedelta(days=days)


# (state code, rule) in priority order: the first rule that holds names the state.
STATE_RULES: list[tuple[str, Callable[[CaseFacts], bool]]] = [
    ("in_aftercare", lambda f: f.aftercare),
    ("left_job", lambda f: f.hire_status == "left"),
    ("hired", lambda f: f.hired and f.hire_status == "employed"),
    ("proposed", lambda f: bool(OPEN_STAGES & f.proposal_stages)),
    ("inactive", lambda f: not f.participant.active),
    ("incomplete", lambda f: bool(f.missing)),
    ("endorsement_expired", lambda f: f.endorsement is not None and not f.endorsed),
    ("not_endorsed", lambda f: not f.endorsed),
    ("consent_missing", lambda f: f.consent is None),
    ("endorsed", lambda f: True),
]

TODO_RULES: list[tuple[str, Callable[[CaseFacts], bool]]] = [
    ("checkin_due", lambda f: f.checkin_due),
    ("reopen", lambda f: f.hire_status == "left"),
    ("complete_profile", lambda f: bool(f.missing)),
    ("endorsement_expiring", lambda f: f.endorsed and _soon(f.endorsement.valid_until, f.on)),
    ("renew_endorsement", lambda f: f.endorsement is not None and not f.endorsed),
    ("ask_consent", lambda f: not f.missing and f.consent is None),
    ("placement_ending", lambda f: _soon(f.participant.placement_end, f.on)),
    (
        "right_to_work",
        lambda f: f.participant.right_to_work is not None and not f.right_to_work_ok,
    ),
    (
        "right_to_work_expiring",
        lambda f: (
            f.participant.right_to_work == "limited"
            and _soon(f.participant.right_to_work_until, f.on, 60)
        ),
    ),
]


def _load_proposal_stages(db: Session, facts: list[CaseFacts]) -> None:
    ids = [f.participant.id for f in facts]
    query = select(Proposal.participant_id, Proposal.stage).where(
        col(Proposal.participant_id).in_(ids)
    )
    by_id = {f.participant.id: f for f in facts}
    for participant_id, stage in db.exec(query).all():
        by_id[participant_id].proposal_stages.add(stage)


def _load_aftercare(db: Session, facts: list[CaseFacts]) -> None:
    """Per participant: the latest hire's status (employed | left | reopened), whether the
    aftercare period still runs and whether a check-in is due."""
    by_id = {f.participant.id: f for f in facts}
    slots = schedule(db, col(Proposal.participant_id).in_(list(by_id)))
    latest: dict[int, Proposal] = {}
    for slot in slots:
        current = latest.get(slot.participant.id)
        if current is None or (slot.proposal.hire_start, slot.proposal.id) > (
            current.hire_start,
            current.id,
        ):
            latest[slot.participant.id] = slot.proposal
    for slot in slots:
        f = by_id[slot.participant.id]
        if slot.status in {"due", "overdue"}:
            f.checkin_due = True
    for participant_id, proposal in latest.items():
        f = by_id[participant_id]
        own = [s.row for s in slots if s.proposal.id == proposal.id and s.row is not None]
        if leave_date(own) is None:
            f.hire_status = "employed"
            last = proposal.hire_start + relativedelta(months=max(milestones()))
            f.aftercare = f.on <= last + timedelta(days=OVERDUE_AFTER_DAYS)
        elif any(r.reopened_at for r in own):
            f.hire_status = "reopened"
        else:
            f.hire_status = "left"


# Each area's facts, loaded for many participants at once (no query per row).
FACT_LOADERS: tuple[Callable[[Session, list[CaseFacts]], None], ...] = (
    _load_proposal_stages,
    _load_aftercare,
)


def case_facts(db: Session, participants: list[Participant], on: date | None = None):
    """Facts for many participants in a handful of queries (no query per row)."""
    on = on or clock.today()
    ids = [p.id for p in participants]
    if not ids:
        return []

    def counts(model):
        query = select(model.participant_id, func.count()).where(col(model.participant_id).in_(ids))
        return dict(db.exec(query.group_by(model.participant_id)).all())

    skills, occupations = counts(ParticipantSkill), counts(ParticipantOccupation)
    endorsements: dict[int, Endorsement] = {}
    for row in db.exec(
        select(Endorsement)
        .where(col(Endorsement.participant_id).in_(ids), col(Endorsement.revoked_at).is_(None))
        .order_by(Endorsement.id)
    ).all():
        endorsements[row.participant_id] = row
    consents = {
        row.participant_id: row
        for row in db.exec(
            select(Consent).where(
                col(Consent.participant_id).in_(ids),
                Consent.scope == SCOPE_MATCHING,
                col(Consent.withdrawn_at).is_(None),
            )
        ).all()
    }
    facts = [
        CaseFacts(
            participant=p,
            missing=missing_sections(p, skills.get(p.id, 0), occupations.get(p.id, 0)),
            endorsement=endorsements.get(p.id),
            consent=consents.get(p.id),
            on=on,
        )
        for p in participants
    ]
    for load in FACT_LOADERS:
        load(db, facts)
    return facts


def case_of(facts: CaseFacts) -> Case:
    state = next(code for code, rule in STATE_RULES if rule(facts))
    todos = [code for code, rule in TODO_RULES if rule(facts)]
    return Case(facts=facts, state=state, todos=todos)


def cases(db: Session, participants: list[Participant], on: date | None = None) -> list[Case]:
    return [case_of(facts) for facts in case_facts(db, participants, on)]


def caseload(db: Session, mentor: User) -> list[Case]:
    query = select(Participant).where(Participant.mentor_id == mentor.id)
    participants = db.exec(query.order_by(Participant.first_name, Participant.last_name)).all()
    return cases(db, list(participants))


def is_matchable(db: Session, p: Participant, on: date | None = None) -> bool:
    """Active, complete, endorsed (not expired, not revoked), consenting to matching and
    allowed to work: the only participants matching may ever see."""
    return case_facts(db, [p], on)[0].matchable
