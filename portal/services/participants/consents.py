"""Versioned, dated consent: to matching, and per proposal to sharing name and contact."""

from sqlmodel import Session, col, func, select

from ...i18n import _
from ...models import Consent, Participant, User, utcnow
from .. import audit
from ..errors import ServiceError
from .records import touched

CONSENT_TEXT_VERSION = "2026-1"
SCOPE_MATCHING = "matching"
SCOPE_SHARE_CONTACT = "share_contact"


def _consent_query(p: Participant, scope: str, vacancy_id=None, proposal_id=None):
    return select(Consent).where(
        Consent.participant_id == p.id,
        Consent.scope == scope,
        Consent.vacancy_id == vacancy_id if vacancy_id else col(Consent.vacancy_id).is_(None),
        Consent.proposal_id == proposal_id if proposal_id else col(Consent.proposal_id).is_(None),
    )


def current_consent(db: Session, p: Participant, scope=SCOPE_MATCHING, **target):
    """The consent in force for this scope (and vacancy/proposal), or None."""
    query = _consent_query(p, scope, **target).where(col(Consent.withdrawn_at).is_(None))
    return db.exec(query.order_by(col(Consent.version).desc())).first()


def give_consent(
    db: Session, actor: User, p: Participant, scope=SCOPE_MATCHING, with_mentor=False, **target
) -> Consent:
    """A new version of the consent, dated now; given by the participant in their own
    account, or by the mentor with the participant at their side (recorded as such)."""
    existing = current_consent(db, p, scope, **target)
    if existing is not None:
        return existing
    last = db.exec(
        select(func.max(Consent.version)).where(_consent_query(p, scope, **target).whereclause)
    ).one()
    consent = Consent(
        participant_id=p.id,
        scope=scope,
        version=(last or 0) + 1,
        text_version=CONSENT_TEXT_VERSION,
        given_by_id=actor.id,
        with_mentor=with_mentor,
        **target,
    )
    db.add(consent)
    audit.record(db, actor.id, "consent.given", "participant", p.id, scope)
    touched(db, p)
    db.commit()
    return consent


def withdraw_consent(
    db: Session, actor: User, p: Participant, scope=SCOPE_MATCHING, **target
) -> list[Consent]:
    """Takes effect at once, with an audit line per consent. Withdrawing matching also takes
    back every name-and-contact share: from this commit on no employer sees the name or
    contact. Returns the consents withdrawn (the caller tells the employers concerned)."""
    consent = current_consent(db, p, scope, **target)
    if consent is None:
        raise ServiceError(_("There is no consent to withdraw."))
    withdrawn = [consent]
    if scope == SCOPE_MATCHING:
        shares = select(Consent).where(
            Consent.participant_id == p.id,
            Consent.scope == SCOPE_SHARE_CONTACT,
            col(Consent.withdrawn_at).is_(None),
        )
        withdrawn += list(db.exec(shares).all())
    for each in withdrawn:
        each.withdrawn_at, each.withdrawn_by_id = utcnow(), actor.id
        db.add(each)
        detail = f"{each.scope} proposal={each.proposal_id}" if each.proposal_id else each.scope
        audit.record(db, actor.id, "consent.withdrawn", "participant", p.id, detail)
    touched(db, p)
    db.commit()
    return withdrawn
