"""Taking back name and contact: for one proposal, or for every proposal at once when the
participant withdraws consent to be matched. Each employer concerned is told that the
candidate withdrew, never why; the pages stop showing the details with the same commit, and
an upcoming meeting's calendar entry is sent again without the name."""

from sqlmodel import Session

from ...i18n import _, _l
from ...models import Participant, Proposal, ProposalEvent, Role, User, Vacancy
from .. import notifications
from ..calendar_files import REQUEST
from ..errors import ForbiddenError, ServiceError
from ..participants import consents
from . import meeting_invites, meetings
from .notices import employer_users
from .visibility import candidate_code, contact_consent, open_for, visible_to_employer

SHARE_WITHDRAWN = (
    _l("A candidate withdrew: %(vacancy)s"),
    _l(
        "Candidate %(code)s no longer shares name and contact with you for the vacancy "
        "“%(vacancy)s”. The portal no longer shows them. Please delete any copy you made.",
    ),
)


def withdraw_share(db: Session, actor: User, proposal_id: int) -> Proposal:
    """The participant themself, or their mentor at their side."""
    proposal, _vacancy, participant = open_for(db, actor, proposal_id)
    if actor.role not in (Role.PARTICIPANT, Role.MENTOR):
        raise ForbiddenError()
    if contact_consent(db, proposal, participant) is None:
        raise ServiceError(_("Name and contact are not shared with this employer."))
    consents.withdraw_consent(  # commits, with the audit line
        db,
        actor,
        participant,
        consents.SCOPE_SHARE_CONTACT,
        vacancy_id=proposal.vacancy_id,
        proposal_id=proposal.id,
    )
    _tell_employers(db, actor, [proposal.id])
    return proposal


def withdraw_matching(db: Session, actor: User, participant: Participant) -> None:
    """Stop being matched; every share of name and contact ends with it."""
    withdrawn = consents.withdraw_consent(db, actor, participant)  # commits
    _tell_employers(db, actor, [c.proposal_id for c in withdrawn if c.proposal_id])


def _tell_employers(db: Session, actor: User, proposal_ids: list[int]) -> None:
    for proposal_id in proposal_ids:
        proposal = db.get(Proposal, proposal_id)
        if proposal is None:
            continue
        db.add(
            ProposalEvent(
                proposal_id=proposal.id,
                kind="share_withdrawn",
                from_stage=proposal.stage,
                by_id=actor.id,
                by_role=actor.role,
                details={},
            )
        )
        vacancy = db.get(Vacancy, proposal.vacancy_id)
        calendar = None
        if meetings.is_upcoming(proposal):  # the employer's calendar may hold the name
            proposal.meeting_sequence += 1
            db.add(proposal)
            calendar = meeting_invites.attachment(db, proposal, vacancy, REQUEST)
        db.commit()
        if visible_to_employer(proposal):
            notifications.notify(  # commits
                db,
                employer_users(db, vacancy.organisation_id),
                "share_withdrawn",
                SHARE_WITHDRAWN,
                proposal.id,
                calendar=calendar,
                vacancy=vacancy.title,
                code=candidate_code(proposal),
            )
