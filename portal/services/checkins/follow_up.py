"""Who follows which hire's check-ins (the participant's mentor, the employer of the
vacancy's organisation, a coordinator) and the name each of them may see."""

from datetime import date

from sqlmodel import Session, col

from ...i18n import _
from ...models import Participant, Proposal, Role, Stage, User, Vacancy
from ..errors import ForbiddenError, NotFoundError, ServiceError
from ..proposals.visibility import full_name, name_for_employer
from .schedule import Slot, schedule


def scope_of(user: User) -> list:
    if user.role == Role.MENTOR:
        return [Participant.mentor_id == user.id]
    if user.role == Role.EMPLOYER:
        return [Vacancy.organisation_id == user.organisation_id]
    if user.role == Role.COORDINATOR:
        return []
    raise ForbiddenError()


def due_for(db: Session, user: User, today: date | None = None) -> list[Slot]:
    """Due and overdue check-ins this user follows up (overdue first, oldest first)."""
    slots = [
        s for s in schedule(db, *scope_of(user), today=today) if s.status in {"due", "overdue"}
    ]
    return sorted(slots, key=lambda s: (s.status != "overdue", s.due_on))


def name_for(db: Session, viewer: User, proposal: Proposal, participant: Participant) -> str:
    """The participant's name for the mentor and coordinator; for the employer only after
    the participant shared it for this proposal, a pseudonym before."""
    if viewer.role != Role.EMPLOYER:
        return full_name(participant)
    return name_for_employer(db, proposal, participant)


def names_for(db: Session, viewer: User):
    """`name_for` as a function of a slot, for the lists of due check-ins."""
    return lambda slot: name_for(db, viewer, slot.proposal, slot.participant)


def hire_slots(db: Session, user: User, proposal_id: int, today=None) -> list[Slot]:
    """The milestones of one hire, for a user who may see it."""
    proposal, _vacancy, _participant = open_hire(db, user, proposal_id)
    return schedule(db, col(Proposal.id) == proposal.id, today=today)


def open_hire(db: Session, user: User, proposal_id: int):
    """The hired proposal if this user may see its check-ins: the participant's mentor, the
    employer of the vacancy's organisation, a coordinator. Never hired: refused."""
    proposal = db.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFoundError()
    vacancy = db.get(Vacancy, proposal.vacancy_id)
    participant = db.get(Participant, proposal.participant_id)
    allowed = {
        Role.MENTOR: participant.mentor_id == user.id,
        Role.EMPLOYER: vacancy.organisation_id == user.organisation_id
        and proposal.stage == Stage.HIRED,
        Role.COORDINATOR: True,
    }.get(user.role, False)
    if not allowed:
        raise ForbiddenError()
    if proposal.stage != Stage.HIRED or proposal.hire_start is None:
        raise ServiceError(
            _("This participant was not hired through this proposal: there are no check-ins.")
        )
    return proposal, vacancy, participant
