"""When each aftercare check-in of a hire is due and where it stands.

Milestones come from PORTAL_CHECKIN_MONTHS (default 1, 3, 6, 12 months after the first working
day). A check-in can be recorded from a week before its milestone; it is overdue two weeks
after it. After a recorded leave the later check-ins are closed (nothing more is due)."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from ... import clock
from ...i18n import _l
from ...models import CheckIn, Organisation, Participant, Proposal, Stage, Vacancy
from .. import settings

DUE_WINDOW_DAYS = 7  # a check-in opens a week before its milestone
OVERDUE_AFTER_DAYS = 14  # and is overdue two weeks after it


STATUS_LABELS = {
    "recorded": _l("Recorded"),
    "overdue": _l("Overdue"),
    "due": _l("Due"),
    "upcoming": _l("Later"),
    "closed": _l("Not needed: the job ended"),
}


def milestones() -> tuple[int, ...]:
    return settings.checkin_months()


def status_of(due_on: date, row: CheckIn | None, left_on: date | None, today: date) -> str:
    """recorded | closed | overdue | due | upcoming for one milestone of one hire."""
    if row is not None and row.recorded_at is not None:
        return "recorded"
    if left_on is not None and due_on - timedelta(days=DUE_WINDOW_DAYS) > left_on:
        return "closed"
    if today > due_on + timedelta(days=OVERDUE_AFTER_DAYS):
        return "overdue"
    if today >= due_on - timedelta(days=DUE_WINDOW_DAYS):
        return "due"
    return "upcoming"


def leave_date(rows) -> date | None:
    """The first recorded day out of the job among a hire's check-ins."""
    days = [
        row.left_on or row.held_on
        for row in rows
        if row.recorded_at is not None and row.still_employed is False
    ]
    days = [day for day in days if day is not None]
    return min(days) if days else None


@dataclass
class Slot:
    proposal: Proposal
    vacancy: Vacancy
    participant: Participant
    organisation: Organisation
    month: int
    due_on: date
    row: CheckIn | None
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def hired_rows(db: Session, *conditions):
    query = (
        select(Proposal, Vacancy, Participant, Organisation)
        .join(Vacancy, col(Vacancy.id) == Proposal.vacancy_id)
        .join(Participant, col(Participant.id) == Proposal.participant_id)
        .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
        .where(Proposal.stage == Stage.HIRED, col(Proposal.hire_start).is_not(None))
    )
    for condition in conditions:
        query = query.where(condition)
    return db.exec(query.order_by(col(Proposal.hire_start), col(Proposal.id))).all()


def rows_by_proposal(db: Session, proposal_ids) -> dict[int, dict[int, CheckIn]]:
    rows: dict[int, dict[int, CheckIn]] = {}
    if proposal_ids:
        query = select(CheckIn).where(col(CheckIn.proposal_id).in_(list(proposal_ids)))
        for row in db.exec(query).all():
            rows.setdefault(row.proposal_id, {})[row.month] = row
    return rows


def schedule(db: Session, *conditions, today: date | None = None) -> list[Slot]:
    """Every milestone of every hire matching the conditions, with its status."""
    today = today or clock.today()
    hires = hired_rows(db, *conditions)
    rows = rows_by_proposal(db, [h[0].id for h in hires])
    slots = []
    for proposal, vacancy, participant, organisation in hires:
        own = rows.get(proposal.id, {})
        left_on = leave_date(own.values())
        months = sorted(set(milestones()) | set(own))
        for month in months:
            due_on = proposal.hire_start + relativedelta(months=month)
            row = own.get(month)
            status = status_of(due_on, row, left_on, today)
            slots.append(
                Slot(proposal, vacancy, participant, organisation, month, due_on, row, status)
            )
    return slots
