"""Who may open a participant: their mentor, themself, a coordinator; every view and every
refusal is written to the audit log."""

from sqlalchemy import bindparam
from sqlmodel import Session, select

from ...models import Participant, Role, User
from .. import audit
from ..errors import ForbiddenError, NotFoundError


def may_open(user: User, participant: Participant) -> bool:
    if user.role == Role.COORDINATOR:
        return True
    if user.role == Role.MENTOR:
        return participant.mentor_id == user.id
    if user.role == Role.PARTICIPANT:
        return participant.user_id == user.id
    return False


def open_participant(db: Session, user: User, participant_id: int, view: bool = True):
    """The participant if this user may see them; a view is written to the audit log, a
    refusal too (403, nothing shown)."""
    participant = db.get(Participant, participant_id)
    if participant is None and user.role == Role.COORDINATOR:
        raise NotFoundError()
    if participant is None or not may_open(user, participant):
        audit.record(db, user.id, "participant.denied", "participant", participant_id, user.role)
        db.commit()
        raise ForbiddenError()
    if view:
        audit.record(db, user.id, "participant.viewed", "participant", participant.id, user.role)
        db.commit()
    return participant


_OF_USER = select(Participant).where(Participant.user_id == bindparam("user_id"))  # built once


def own_participant(db: Session, user: User) -> Participant | None:
    return db.exec(_OF_USER, params={"user_id": user.id}).first()
