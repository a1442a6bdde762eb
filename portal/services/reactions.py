"""A participant's answer to a matched opening, before any proposal exists.

"I am interested" tells the mentor (in-portal and e-mail, in the mentor's language); the
mentor then proposes, and the proposal carries that interest. "Not for me" (with an optional
reason from a short list) hides the opening from the participant's list and tells the mentor
why. The participant answers in their own account, or the mentor answers with the participant
at their side (then nobody needs telling). One row per (participant, vacancy): the latest
answer."""

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..i18n import _, _l
from ..models import (
    OpeningReaction,
    Organisation,
    Participant,
    Proposal,
    Reaction,
    Role,
    User,
    Vacancy,
    open_pair_key,
    utcnow,
)
from . import notifications
from .errors import ForbiddenError, NotFoundError, ServiceError
from .participants import opening
from .vacancies import lifecycle

REASONS = {
    "too_far": _l("Too far"),
    "hours": _l("The hours"),
    "shift": _l("The shift"),
    "work": _l("The type of work"),
    "not_now": _l("Not now"),
    "other": _l("Another reason"),
}

INTERESTED = (
    _l("A participant is interested in %(vacancy)s"),  # never a name in a subject
    _l(
        "%(name)s says: “I am interested” in the job “%(vacancy)s” at %(organisation)s. "
        "Look at it together and propose %(name)s if it fits.",
    ),
)
NOT_FOR_ME = (
    _l("A participant says not for me: %(vacancy)s"),
    _l(
        "%(name)s says: the job “%(vacancy)s” at %(organisation)s is not for me. "
        "Reason: %(reason)s.",
    ),
)
NO_REASON = _l("no reason given")


def reason_label(code: str) -> str:
    return str(REASONS.get(code, NO_REASON))


def reason_sentence(answer: OpeningReaction) -> str:
    """What follows "not for me" on the openings list and the cards: " Reason: ….", or
    nothing when no reason was given."""
    if not answer.reason:
        return ""
    return " " + _("Reason: %(reason)s.", reason=reason_label(answer.reason))


def participant_for(db: Session, actor: User, participant_id: int) -> Participant:
    """The participant themself, or their own mentor; anyone else: 403, nothing changed."""
    if actor.role not in (Role.PARTICIPANT, Role.MENTOR):
        raise ForbiddenError()
    return opening.open_participant(db, actor, participant_id, view=False)


def react(
    db: Session, actor: User, participant_id: int, vacancy_id: int, reaction: str, reason=""
) -> OpeningReaction:
    participant = participant_for(db, actor, participant_id)
    if reaction not in set(Reaction):
        raise ServiceError(_("Choose “I am interested” or “Not for me”."))
    reason = (reason or "") if reaction == Reaction.NOT_FOR_ME else ""
    if reason and reason not in REASONS:
        raise ServiceError(_("Choose a reason from the list."), field="reason")
    vacancy = db.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFoundError()
    if not lifecycle.is_open(vacancy):
        raise ServiceError(_("This job is not open any more."))
    row = _find(db, participant.id, vacancy.id)
    if row is None:
        row = OpeningReaction(participant_id=participant.id, vacancy_id=vacancy.id, by_role="")
    row.reaction, row.reason = reaction, reason
    row.by_id, row.by_role, row.updated_at = actor.id, actor.role, utcnow()
    db.add(row)
    try:
        db.commit()
    except IntegrityError:  # the same answer sent twice at the same moment: keep the first
        db.rollback()
        row = _find(db, participant.id, vacancy.id)
    if actor.role == Role.PARTICIPANT:
        _tell_mentor(db, participant, vacancy, row)
    return row


def _tell_mentor(db: Session, participant: Participant, vacancy: Vacancy, row) -> None:
    mentor = db.get(User, participant.mentor_id) if participant.mentor_id else None
    organisation = db.get(Organisation, vacancy.organisation_id)
    interested = row.reaction == Reaction.INTERESTED
    notifications.notify(
        db,
        [mentor],
        "opening_interest" if interested else "opening_not_for_me",
        INTERESTED if interested else NOT_FOR_ME,
        name=participant.first_name,
        vacancy=vacancy.title,
        organisation=organisation.name if organisation else "",
        reason=REASONS.get(row.reason, NO_REASON),
        about=participant.id,
    )


def _find(db: Session, participant_id: int, vacancy_id: int) -> OpeningReaction | None:
    query = select(OpeningReaction).where(
        OpeningReaction.participant_id == participant_id,
        OpeningReaction.vacancy_id == vacancy_id,
    )
    return db.exec(query).first()


# Built once: the openings pages ask on every visit.
_OF_PARTICIPANT = select(OpeningReaction).where(
    OpeningReaction.participant_id == bindparam("participant_id")
)


def reactions_of(db: Session, participant_id: int) -> dict[int, OpeningReaction]:
    rows = db.exec(_OF_PARTICIPANT, params={"participant_id": participant_id})
    return {row.vacancy_id: row for row in rows}


def interest_of(db: Session, participant_id: int, vacancy_id: int) -> OpeningReaction | None:
    row = _find(db, participant_id, vacancy_id)
    return row if row is not None and row.reaction == Reaction.INTERESTED else None


def waiting_for_proposal(db: Session, mentor: User) -> list[tuple]:
    """(reaction, participant, vacancy, organisation) for every "I am interested" of the
    mentor's caseload on an open vacancy that has no open proposal yet, newest first."""
    query = (
        select(OpeningReaction, Participant, Vacancy, Organisation)
        .join(Participant, col(Participant.id) == OpeningReaction.participant_id)
        .join(Vacancy, col(Vacancy.id) == OpeningReaction.vacancy_id)
        .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
        .where(
            Participant.mentor_id == mentor.id,
            OpeningReaction.reaction == Reaction.INTERESTED,
        )
        .order_by(col(OpeningReaction.updated_at).desc())
    )
    rows = [r for r in db.exec(query).all() if lifecycle.is_open(r[2])]
    keys = [open_pair_key(v.id, p.id) for _r, p, v, _o in rows]
    taken = set(db.exec(select(Proposal.open_pair).where(col(Proposal.open_pair).in_(keys))))
    return [r for r in rows if open_pair_key(r[2].id, r[1].id) not in taken]
