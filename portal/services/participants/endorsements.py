"""The mentor's signed statement that a participant is ready for a regular job, with an
expiry; a new one replaces the old one."""

from datetime import date, timedelta

from sqlmodel import Session, col, select

from ... import clock
from ...i18n import _
from ...models import Endorsement, Participant, User, utcnow
from .. import audit
from ..errors import ServiceError
from .profiles import missing_sections_of
from .records import touched

ENDORSEMENT_MONTHS = 6


def current_endorsement(db: Session, p: Participant) -> Endorsement | None:
    """The latest endorsement that was not revoked (it may have expired)."""
    query = select(Endorsement).where(
        Endorsement.participant_id == p.id, col(Endorsement.revoked_at).is_(None)
    )
    return db.exec(query.order_by(col(Endorsement.id).desc())).first()


def default_valid_until() -> date:
    start = clock.today()
    month = start.month - 1 + ENDORSEMENT_MONTHS
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, 28))


def endorse(db: Session, mentor: User, p: Participant, evidence, strengths, valid_until):
    if missing_sections_of(db, p):
        raise ServiceError(_("Complete the profile before you endorse."))
    evidence = (evidence or "").strip()
    if len(evidence) < 20:
        raise ServiceError(
            _("Describe in a few sentences what shows the person is ready."), field="evidence"
        )
    valid_until = valid_until or default_valid_until()
    if valid_until <= clock.today() or valid_until > clock.today() + timedelta(days=366):
        raise ServiceError(
            _("An endorsement is valid from tomorrow up to one year."), field="valid_until"
        )
    for old in db.exec(
        select(Endorsement).where(
            Endorsement.participant_id == p.id, col(Endorsement.revoked_at).is_(None)
        )
    ).all():
        old.revoked_at, old.revoked_by_id = utcnow(), mentor.id  # replaced by the new one
        db.add(old)
    db.add(
        Endorsement(
            participant_id=p.id,
            mentor_id=mentor.id,
            evidence=evidence,
            strengths=(strengths or "").strip(),
            valid_until=valid_until,
        )
    )
    audit.record(db, mentor.id, "participant.endorsed", "participant", p.id)
    touched(db, p)
    db.commit()


def revoke_endorsement(db: Session, mentor: User, p: Participant) -> None:
    endorsement = current_endorsement(db, p)
    if endorsement is None:
        raise ServiceError(_("There is no endorsement to revoke."))
    endorsement.revoked_at, endorsement.revoked_by_id = utcnow(), mentor.id
    db.add(endorsement)
    audit.record(db, mentor.id, "participant.endorsement_revoked", "participant", p.id)
    touched(db, p)
    db.commit()
