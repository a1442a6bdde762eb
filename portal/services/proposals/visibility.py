"""Who may open a proposal, and when the employer may see the participant's name and contact:
the employer sees a proposal only once the participant said "interested", and the name and
contact only after the participant's share_contact consent for that proposal."""

from sqlmodel import Session

from ...i18n import _
from ...models import Participant, Proposal, Role, Stage, User, Vacancy
from ..errors import ForbiddenError, NotFoundError
from ..participants import consents


def _get(db: Session, proposal_id: int) -> tuple[Proposal, Vacancy, Participant]:
    proposal = db.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFoundError()
    return (
        proposal,
        db.get(Vacancy, proposal.vacancy_id),
        db.get(Participant, proposal.participant_id),
    )


def visible_to_employer(proposal: Proposal) -> bool:
    return proposal.interest_at is not None


def open_for(db: Session, user: User, proposal_id: int) -> tuple[Proposal, Vacancy, Participant]:
    """The proposal if this user may see it: the employer of the vacancy's organisation (once
    the participant said interested), the participant's mentor, the participant, a
    coordinator. Anyone else: 403, nothing shown."""
    proposal, vacancy, participant = _get(db, proposal_id)
    allowed = {
        Role.EMPLOYER: vacancy.organisation_id == user.organisation_id
        and visible_to_employer(proposal),
        Role.MENTOR: participant.mentor_id == user.id,
        Role.PARTICIPANT: participant.user_id == user.id,
        Role.COORDINATOR: True,
    }.get(user.role, False)
    if not allowed:
        raise ForbiddenError()
    return proposal, vacancy, participant


def contact_consent(db: Session, proposal: Proposal, participant: Participant):
    return consents.current_consent(
        db,
        participant,
        consents.SCOPE_SHARE_CONTACT,
        vacancy_id=proposal.vacancy_id,
        proposal_id=proposal.id,
    )


def contact_visible(db: Session, proposal: Proposal, participant: Participant) -> bool:
    return (
        proposal.stage != Stage.WITHDRAWN and contact_consent(db, proposal, participant) is not None
    )


def candidate_code(proposal: Proposal) -> str:
    return f"K{proposal.id:04d}"


def full_name(participant: Participant) -> str:
    return f"{participant.first_name} {participant.last_name}".strip()


def name_for_employer(db: Session, proposal: Proposal, participant: Participant) -> str:
    """The name once the participant shared it for this proposal; the pseudonym before."""
    if contact_visible(db, proposal, participant):
        return full_name(participant)
    return _("Candidate %(code)s", code=candidate_code(proposal))
