"""Data requests: export everything held about one participant, or erase it (the search
index follows through the change feed)."""

import secrets
from datetime import date

from sqlmodel import Session, col, delete, select

from ...models import (
    AccountStatus,
    AlertPair,
    CheckIn,
    Consent,
    Endorsement,
    Notification,
    OpeningReaction,
    Participant,
    ParticipantCertificate,
    ParticipantOccupation,
    ParticipantSkill,
    ParticipantSupportNeed,
    Proposal,
    User,
    utcnow,
)
from .. import audit, notifications
from ..accounts import clear_sign_in_failures
from ..search_feed import record_change
from .records import rows_of

CHILD_TABLES = (
    ParticipantSkill,
    ParticipantOccupation,
    ParticipantCertificate,
    ParticipantSupportNeed,
    Endorsement,
    Consent,
    Proposal,  # its events and notifications go with it (ON DELETE CASCADE)
    OpeningReaction,
    AlertPair,  # the pairs announced about the person
    Notification,  # the match alerts that name the person (to their mentor)
)


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(row, skip=()) -> dict:
    return {k: _plain(v) for k, v in row.model_dump().items() if k not in skip}


def export(db: Session, actor: User, p: Participant) -> dict:
    """Everything the portal holds about one participant, for a data request."""
    children = {
        model.__tablename__: [_row(row, ("participant_id",)) for row in rows_of(db, p, model)]
        for model in CHILD_TABLES
    }
    hires = select(CheckIn).join(Proposal).where(Proposal.participant_id == p.id)
    children[CheckIn.__tablename__] = [_row(row) for row in db.exec(hires.order_by(CheckIn.id))]
    audit.record(db, actor.id, "participant.exported", "participant", p.id, actor.role)
    db.commit()
    return {
        "exported_at": utcnow().isoformat(),
        "participant": _row(p, ("login_code_hash",)),
        **children,
    }


def erase(db: Session, coordinator: User, p: Participant) -> None:
    """Delete every row about the person, anonymise their login and remove the mail files
    about them (the audit log keeps only ids and action names, never personal data)."""
    participant_id = p.id
    addresses = {a for a in (p.email,) if a}
    for model in CHILD_TABLES:
        db.exec(delete(model).where(col(model.participant_id) == participant_id))
    if p.login_code_hash:
        clear_sign_in_failures(db, f"code:{p.login_code_hash[:40]}")
    user = db.get(User, p.user_id) if p.user_id else None
    db.delete(p)
    record_change(db, "participant", participant_id, "delete")
    if user is not None:
        clear_sign_in_failures(db, user.email)
        addresses.add(user.email)
        user.email = f"erased-{user.id}@erased.invalid"
        user.display_name = "—"
        user.password_hash = "!"  # noqa: S105 - matches no password
        user.status = AccountStatus.DISABLED
        user.locale = None
        user.session_token = secrets.token_urlsafe(24)
        db.add(user)
    audit.record(db, coordinator.id, "participant.erased", "participant", participant_id)
    db.commit()
    notifications.erase_mail(participant_id, addresses)
