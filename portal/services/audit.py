"""Audit trail: written in the same transaction as the thing it records."""

from sqlmodel import Session

from ..models import AuditEvent


def record(
    db: Session, actor_id: int | None, action: str, subject_type: str, subject_id=None, detail=""
) -> None:
    db.add(
        AuditEvent(
            actor_id=actor_id,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            detail=detail[:500],
        )
    )
