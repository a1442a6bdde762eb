"""The notifications a proposal's steps send, and to whom."""

from sqlmodel import Session, select

from ...i18n import _l
from ...models import (
    AccountStatus,
    Organisation,
    Participant,
    Proposal,
    Role,
    Stage,
    User,
    Vacancy,
)
from .. import catalogues, notifications
from ..calendar_files import CANCEL, REQUEST
from . import meeting_invites
from .meetings import hours_text
from .stage_rules import DECLINE_REASONS


def employer_users(db: Session, organisation_id: int) -> list[User]:
    query = select(User).where(
        User.organisation_id == organisation_id,
        User.role == Role.EMPLOYER,
        User.status == AccountStatus.ACTIVE,
    )
    return list(db.exec(query).all())


def _coordinators(db: Session) -> list[User]:
    query = select(User).where(User.role == Role.COORDINATOR, User.status == AccountStatus.ACTIVE)
    return list(db.exec(query).all())


NEW_PROPOSAL = (
    _l("New candidate for %(vacancy)s"),
    _l(
        "A mentor proposes a candidate for your vacancy “%(vacancy)s”. Open the proposal "
        "in the portal to read the motivation and to answer.",
    ),
)
EMPLOYER_INTERESTED = (
    _l("%(organisation)s is interested in a proposal"),  # never a name in a subject
    _l(
        "%(organisation)s is interested in %(name)s for the vacancy “%(vacancy)s”. "
        "The employer will plan an introduction meeting.",
    ),
)
EMPLOYER_DECLINED = (
    _l("%(organisation)s declined a proposal"),
    _l(
        "%(organisation)s declined %(name)s for the vacancy “%(vacancy)s”. Reason: %(reason)s",
    ),
)
MEETING_PLANNED = (
    _l("Introduction meeting for %(vacancy)s"),
    _l(
        "An introduction meeting for the job “%(vacancy)s” at %(organisation)s is planned "
        "on %(date)s %(time)s. Place: %(place)s.",
    ),
)
MEETING_CHANGED = (
    _l("Introduction meeting changed: %(vacancy)s"),
    _l(
        "The introduction meeting for the job “%(vacancy)s” at %(organisation)s has changed. "
        "It is now on %(date)s %(time)s. Place: %(place)s.",
    ),
)
MEETING_CANCELLED = (
    _l("Introduction meeting cancelled: %(vacancy)s"),
    _l(
        "The introduction meeting for the job “%(vacancy)s” at %(organisation)s on "
        "%(date)s %(time)s does not take place.",
    ),
)
HIRED = (
    _l("Hired: %(vacancy)s"),
    _l(
        "%(organisation)s hired a participant proposed by %(mentor)s for the vacancy "
        "“%(vacancy)s”. Start: %(date)s, contract: %(contract)s.",
    ),
)


def notify_new(db: Session, proposal: Proposal, vacancy: Vacancy) -> None:
    notifications.notify(
        db,
        employer_users(db, vacancy.organisation_id),
        "proposal_new",
        NEW_PROPOSAL,
        proposal.id,
        vacancy=vacancy.title,
    )


def notify_step(db, proposal, vacancy, participant, stage) -> None:
    organisation = db.get(Organisation, vacancy.organisation_id)
    mentor = db.get(User, proposal.mentor_id)
    common = {"vacancy": vacancy.title, "organisation": organisation.name}
    if stage == Stage.EMPLOYER_INTERESTED:
        notifications.notify(
            db, [mentor], "proposal_answer", EMPLOYER_INTERESTED, proposal.id,
            name=participant.first_name, **common,
        )  # fmt: skip
    elif stage == Stage.DECLINED:
        notifications.notify(
            db, [mentor], "proposal_answer", EMPLOYER_DECLINED, proposal.id,
            name=participant.first_name, reason=DECLINE_REASONS[proposal.decline_reason],
            **common,
        )  # fmt: skip
    elif stage == Stage.INTRO_MEETING:
        _notify_meeting(db, proposal, vacancy, participant, "meeting_planned", REQUEST)
    elif stage == Stage.HIRED:
        notifications.notify(
            db, _coordinators(db), "hired", HIRED, proposal.id,
            mentor=mentor.display_name, date=proposal.hire_start or "",
            contract=catalogues.label(catalogues.CONTRACT_TYPES, proposal.contract_type),
            **common,
        )  # fmt: skip


MEETING_MESSAGES = {
    "meeting_planned": MEETING_PLANNED,
    "meeting_changed": MEETING_CHANGED,
    "meeting_cancelled": MEETING_CANCELLED,
}


def _notify_meeting(db, proposal, vacancy, participant, kind: str, method: str) -> None:
    """Everyone who hears of the meeting hears of each change; the mentor and the employer
    who planned it also get the calendar entry (see meeting_invites)."""
    people = [*employer_users(db, vacancy.organisation_id), db.get(User, proposal.mentor_id)]
    if participant.user_id:
        people.append(db.get(User, participant.user_id))
    notifications.notify(
        db, people, kind, MEETING_MESSAGES[kind], proposal.id,
        calendar=meeting_invites.attachment(db, proposal, vacancy, method),
        date=proposal.meeting_on or "", time=hours_text(proposal),
        place=proposal.meeting_place, vacancy=vacancy.title,
        organisation=db.get(Organisation, vacancy.organisation_id).name,
    )  # fmt: skip


def notify_meeting_changed(db: Session, proposal: Proposal, vacancy: Vacancy, participant):
    _notify_meeting(db, proposal, vacancy, participant, "meeting_changed", REQUEST)


def notify_meeting_cancelled(db: Session, proposal: Proposal, vacancy: Vacancy):
    participant = db.get(Participant, proposal.participant_id)
    _notify_meeting(db, proposal, vacancy, participant, "meeting_cancelled", CANCEL)
