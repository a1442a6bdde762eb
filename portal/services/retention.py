"""Retention: a participant with no activity for PORTAL_RETENTION_MONTHS (24 by default) is
due for erasure. Activity is the latest of: an aftercare check-in held, the end of an
endorsement, a change to the profile or a proposal, a sign-in. Due means that date plus the
period is today or earlier (24 months to the day counts)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, func, select

from .. import clock
from ..models import CheckIn, Endorsement, Participant, Proposal, User
from . import settings
from .participants import privacy


@dataclass(frozen=True)
class Due:
    participant_id: int
    mentor_id: int
    name: str  # for the coordinator's page; the command prints ids only
    last_activity: date


def _day(value) -> date | None:
    """A stored UTC timestamp as the day in Brussels; a date stays a date."""
    if value is None or not hasattr(value, "astimezone"):
        return value
    return value.astimezone(clock.BRUSSELS).date()


def _latest_per_participant(db: Session, query) -> dict[int, date]:
    return {pid: _day(value) for pid, value in db.exec(query) if value is not None}


def last_activity(db: Session) -> dict[int, date]:
    """participant id -> the day of their last activity, in a few grouped queries."""
    sources = [
        select(Endorsement.participant_id, func.max(Endorsement.valid_until)).group_by(
            Endorsement.participant_id
        ),
        select(Proposal.participant_id, func.max(CheckIn.held_on))
        .join(CheckIn, col(CheckIn.proposal_id) == Proposal.id)
        .group_by(Proposal.participant_id),
        select(Proposal.participant_id, func.max(Proposal.updated_at)).group_by(
            Proposal.participant_id
        ),
        select(Participant.id, User.last_login_at).join(User, col(User.id) == Participant.user_id),
    ]
    latest = [_latest_per_participant(db, query) for query in sources]
    result = {}
    for pid, updated_at in db.exec(select(Participant.id, Participant.updated_at)):
        result[pid] = max([_day(updated_at), *(found[pid] for found in latest if pid in found)])
    return result


def due_for_erasure(db: Session, today: date | None = None) -> list[Due]:
    """Everyone whose last activity is the retention period ago or longer, oldest first."""
    today = today or clock.today()
    period = relativedelta(months=settings.retention_months())
    last = {pid: day for pid, day in last_activity(db).items() if day + period <= today}
    people = select(Participant.id, Participant.mentor_id, Participant.first_name,
                    Participant.last_name).where(col(Participant.id).in_(list(last)))  # fmt: skip
    due = [
        Due(pid, mentor_id, f"{first} {family}".strip(), last[pid])
        for pid, mentor_id, first, family in db.exec(people)
    ]
    return sorted(due, key=lambda d: (d.last_activity, d.participant_id))


def erase_due(
    db: Session, due: list[Due], progress: Callable[[int], None] = lambda done: None
) -> int:
    """Erase each listed participant (skipping one already gone); returns how many."""
    erased = 0
    for done, row in enumerate(due, start=1):
        p = db.get(Participant, row.participant_id)
        if p is not None:
            privacy.erase(db, None, p, "retention")
            erased += 1
        progress(done)
    return erased
