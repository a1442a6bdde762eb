"""Reminders for due check-ins, each sent only once."""

from datetime import date

from sqlmodel import Session

from ...i18n import _l
from ...models import CheckIn, User, utcnow
from .. import notifications
from ..proposals.notices import employer_users
from .schedule import schedule

CHECKIN_DUE = (
    _l("Check-in due: %(vacancy)s"),
    _l(
        "The check-in %(month)s months after the hire for the job “%(vacancy)s” at "
        "%(organisation)s is due on %(date)s. Record it in the portal under Check-ins.",
    ),
)


def notify_due(db: Session, today: date | None = None) -> int:
    """One reminder per due check-in, to the mentor and the employer; each only once (the
    row remembers it), so running it every day is safe."""
    count = 0
    for slot in schedule(db, today=today):
        if slot.status not in {"due", "overdue"}:
            continue
        row = slot.row or CheckIn(
            proposal_id=slot.proposal.id, month=slot.month, due_on=slot.due_on
        )
        if row.notified_at is not None:
            continue
        row.notified_at = utcnow()
        db.add(row)
        db.commit()
        recipients = [
            db.get(User, slot.participant.mentor_id),
            *employer_users(db, slot.organisation.id),
        ]
        notifications.notify(
            db,
            recipients,
            "checkin_due",
            CHECKIN_DUE,
            slot.proposal.id,
            month=slot.month,
            vacancy=slot.vacancy.title,
            organisation=slot.organisation.name,
            date=slot.due_on,
        )
        count += 1
    return count
