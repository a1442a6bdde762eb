"""Audit trail: written in the same transaction as the thing it records."""

from sqlmodel import Session

from ..models import AuditEvent
from ..models.base import utcnow

_INSERT = AuditEvent.__table__.insert()


def record(
    db: Session, actor_id: int | None, action: str, subject_type: str, subject_id=None, detail=""
) -> None:
    """One row, inserted at once with a plain INSERT in the session's transaction: every
    view of a participant writes one, and the ORM's unit of work for a single new object
    cost a tenth of a ranked page."""
    row = {
        "at": utcnow(),
        "actor_id": actor_id,
        "action": action,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "detail": detail[:500],
    }
    db.exec(_INSERT, params=row)
