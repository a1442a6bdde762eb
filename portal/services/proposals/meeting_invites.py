"""The introduction meeting in the calendars of the mentor and of the employer who planned
it: an invitation (METHOD:REQUEST) with the mail that announces the meeting, the same entry
with a higher SEQUENCE when the meeting changes, METHOD:CANCEL when it is called off, and a
file to download from the proposal page. One UID per proposal's meeting, so every calendar
program updates the entry it has instead of adding a second one.

Summary and description are in the reader's language. The participant is named only once
they shared name and contact for this proposal, else by the pseudonym the employer sees:
calendar entries are copied to phones and cloud services, out of the portal's reach."""

from collections.abc import Callable

from sqlmodel import Session, col, select

from ...config import RTL_LANGUAGES
from ...i18n import _, isolate
from ...models import (
    AccountStatus,
    Organisation,
    Participant,
    Proposal,
    ProposalEvent,
    Role,
    Stage,
    User,
    Vacancy,
)
from .. import settings
from ..calendar_files import PUBLISH, CalendarEvent, CalendarFile, Person, calendar_file
from ..errors import ForbiddenError, NotFoundError
from .meetings import start_and_end
from .visibility import candidate_code, name_for_employer, open_for

Attachment = Callable[[User, str], CalendarFile | None]


def meeting_uid(proposal: Proposal) -> str:
    domain = settings.mail()["SMTP_FROM"].rpartition("@")[2] or "brugportaal"
    return f"intro-meeting-{proposal.id}@{domain}"


def organizer(db: Session, proposal: Proposal) -> User | None:
    """The employer who first planned the meeting: the organizer stays the same when a
    colleague changes it, as calendar programs expect."""
    query = select(ProposalEvent.by_id).where(
        ProposalEvent.proposal_id == proposal.id, ProposalEvent.kind == Stage.INTRO_MEETING
    )
    by_id = db.exec(query.order_by(col(ProposalEvent.id))).first()
    return db.get(User, by_id) if by_id else None


def invitees(db: Session, proposal: Proposal) -> list[User]:
    """Who gets the calendar entry: the employer who planned it and the mentor."""
    people = [organizer(db, proposal), db.get(User, proposal.mentor_id)]
    return [u for u in people if u is not None and u.status == AccountStatus.ACTIVE]


def _event(db: Session, proposal: Proposal, vacancy: Vacancy, language: str) -> CalendarEvent:
    """The meeting in the current locale (`language` is that locale's code)."""
    participant = db.get(Participant, proposal.participant_id)
    organisation = db.get(Organisation, vacancy.organisation_id)
    mentor = db.get(User, proposal.mentor_id)
    boss = organizer(db, proposal) or mentor
    values = {
        "vacancy": vacancy.title,
        "organisation": organisation.name,
        "candidate": name_for_employer(db, proposal, participant),
        "mentor": mentor.display_name,
    }
    if language in RTL_LANGUAGES:
        values = {key: isolate(value) for key, value in values.items()}
    start, end = start_and_end(proposal)
    return CalendarEvent(
        uid=meeting_uid(proposal),
        sequence=proposal.meeting_sequence,
        start=start,
        end=end,
        summary=_("Introduction meeting: %(vacancy)s", vacancy=values["vacancy"]),
        description=_(
            "Introduction meeting with %(candidate)s for the job “%(vacancy)s” at "
            "%(organisation)s. Mentor: %(mentor)s. The meeting is planned in the bridge "
            "portal: changes come from there.",
            **values,
        ),
        location=proposal.meeting_place,
        language=language,
        organizer=Person(boss.display_name, boss.email),
        attendees=tuple(Person(u.display_name, u.email) for u in invitees(db, proposal)),
    )


def attachment(db: Session, proposal: Proposal, vacancy: Vacancy, method: str) -> Attachment:
    """For `notifications.notify`: the calendar file of each invitee, in their language."""
    invited = {u.id for u in invitees(db, proposal)}

    def for_user(user: User, language: str) -> CalendarFile | None:
        if user.id not in invited:
            return None
        return calendar_file(_event(db, proposal, vacancy, language), method)

    return for_user


def download(db: Session, user: User, proposal_id: int, language: str) -> tuple[str, bytes]:
    """The planned meeting as a file (METHOD:PUBLISH) for the employer or the mentor of
    this proposal: (file name, content). No name in the file name."""
    if user.role not in (Role.EMPLOYER, Role.MENTOR):
        raise ForbiddenError()
    proposal, vacancy, _participant = open_for(db, user, proposal_id)
    if proposal.stage != Stage.INTRO_MEETING or proposal.meeting_on is None:
        raise NotFoundError()
    file = calendar_file(_event(db, proposal, vacancy, language), PUBLISH)
    return f"intro-meeting-{candidate_code(proposal)}.ics", file.data
