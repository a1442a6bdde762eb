"""A coordinator moves participants to another mentor."""

from sqlmodel import Session, select

from ...i18n import _
from ...models import AccountStatus, Participant, Role, User
from .. import audit
from ..errors import ServiceError
from .records import touched


def mentors(db: Session) -> list[User]:
    query = select(User).where(User.role == Role.MENTOR, User.status == AccountStatus.ACTIVE)
    return list(db.exec(query.order_by(User.display_name)).all())


def reassign(db: Session, coordinator: User, participants, mentor: User | None) -> int:
    if mentor is None or mentor.role != Role.MENTOR or mentor.status != AccountStatus.ACTIVE:
        raise ServiceError(_("Choose an active mentor."), field="mentor_id")
    moved = 0
    for p in participants:
        if p.mentor_id == mentor.id:
            continue
        p.mentor_id = mentor.id
        audit.record(db, coordinator.id, "participant.reassigned", "participant", p.id)
        touched(db, p)
        moved += 1
    db.commit()
    return moved


def reassign_caseload(db: Session, coordinator: User, from_id: int, to_id: int) -> int:
    if from_id == to_id:
        raise ServiceError(_("Choose two different mentors."), field="to_mentor")
    participants = db.exec(select(Participant).where(Participant.mentor_id == from_id)).all()
    mentor = db.get(User, to_id) if to_id is not None else None  # an empty choice: no lookup
    return reassign(db, coordinator, participants, mentor)
