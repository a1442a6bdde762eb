"""Erasure of everything held about one participant (the search index follows through the
change feed); the export of it lives in data_export."""

import secrets

from sqlmodel import Session, col, delete, select

from ...models import (
    AccountStatus,
    AlertPair,
    Consent,
    DataRequest,
    Endorsement,
    Notification,
    OpeningReaction,
    Participant,
    ParticipantCertificate,
    ParticipantOccupation,
    ParticipantSkill,
    ParticipantSupportNeed,
    Proposal,
    RequestOutcome,
    User,
    utcnow,
)
from .. import audit, notifications
from ..accounts import clear_sign_in_failures
from ..search_feed import record_change

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


def erase(db: Session, coordinator: User | None, p: Participant, why: str = "") -> None:
    """Delete every row about the person, anonymise their login and remove the mail files
    about them (the audit log keeps only ids and action names, never personal data).
    No coordinator: the retention sweep erases (`why` says so in the audit line)."""
    participant_id = p.id
    by_id = coordinator.id if coordinator else None
    addresses = {a for a in (p.email,) if a}
    _unlink_requests(db, by_id, participant_id)
    for model in CHILD_TABLES:
        db.exec(delete(model).where(col(model.participant_id) == participant_id))
    if p.login_code_hash:
        clear_sign_in_failures(db, f"code:{p.login_code_hash[:40]}")
    user = db.get(User, p.user_id) if p.user_id else None
    db.delete(p)
    record_change(db, "participant", participant_id, "delete")
    if user is not None:
        clear_sign_in_failures(db, user.email)
        db.exec(delete(Notification).where(col(Notification.user_id) == user.id))
        addresses.add(user.email)
        user.email = f"erased-{user.id}@erased.invalid"
        user.display_name = "—"
        user.password_hash = "!"  # noqa: S105 - matches no password
        user.status = AccountStatus.DISABLED
        user.locale = None
        user.session_token = secrets.token_urlsafe(24)
        db.add(user)
    audit.record(db, by_id, "participant.erased", "participant", participant_id, why)
    db.commit()
    notifications.erase_mail(participant_id, addresses)


def _unlink_requests(db: Session, by_id: int | None, participant_id: int) -> None:
    """Data requests stay as the record of what was asked and done, without the person:
    their text goes, and an open one is closed as answered by this erasure."""
    rows = db.exec(select(DataRequest).where(DataRequest.participant_id == participant_id))
    for row in rows.all():
        row.participant_id, row.text = None, ""
        if row.handled_at is None:
            row.handled_at, row.handled_by_id = utcnow(), by_id
            row.outcome = RequestOutcome.ERASED
        db.add(row)
    db.flush()
