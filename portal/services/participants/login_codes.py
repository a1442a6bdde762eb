"""Sign-in with a short code plus the date of birth, for participants without e-mail or
password; only a keyed hash of the code is stored."""

import hashlib
import hmac
import secrets
from datetime import date

from sqlmodel import Session, select

from ...i18n import _
from ...models import AccountStatus, Participant, Role, User, utcnow
from .. import audit, settings
from ..accounts import (
    SignInResult,
    card_locked_message,
    clear_sign_in_failures,
    create_user,
    note_sign_in_failure,
    sign_in_locked,
)
from ..errors import ServiceError
from .records import split_codes, touched

CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes
CODE_LENGTH = 8


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _code_hash(code: str) -> str:
    key = settings.secret_key()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def issue_login_code(db: Session, mentor: User, p: Participant) -> str:
    """Create the participant's login when it does not exist yet, and give a new code; the
    old code stops working. Only the keyed hash is stored; the code is shown once."""
    if p.date_of_birth is None:
        raise ServiceError(_("Fill in the date of birth first: it is part of the sign-in."))
    if p.user_id is None:
        preferred = split_codes(p.preferred_languages)
        user = create_user(
            db,
            email=f"participant-{p.id}-{secrets.token_hex(4)}@login.invalid",
            password=secrets.token_urlsafe(32),  # unusable: nobody knows it
            role=Role.PARTICIPANT,
            display_name=p.first_name,
            status=AccountStatus.ACTIVE,
            locale=next((c for c in preferred if c in ("nl", "fr", "en", "ar")), None),
        )
        user.organisation_id = p.organisation_id
        p.user_id = user.id
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    p.login_code_hash = _code_hash(code)
    p.login_code_issued_at = utcnow()
    audit.record(db, mentor.id, "participant.login_code", "participant", p.id)
    touched(db, p)
    db.commit()
    return format_code(code)


def authenticate_code(db: Session, code: str, birth: date | None) -> SignInResult:
    """Code plus date of birth. Failures count per code like wrong passwords do per
    e-mail address, with the same lock."""
    wrong = _("The code or the date of birth is not correct.")
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return SignInResult(error=wrong)
    digest = _code_hash(code)
    key = f"code:{digest[:40]}"
    locked = sign_in_locked(db, key, card_locked_message)
    if locked:
        return SignInResult(error=locked)
    p = db.exec(select(Participant).where(Participant.login_code_hash == digest)).first()
    user = db.get(User, p.user_id) if p is not None and p.user_id else None
    if user is None or not p.active or birth is None or p.date_of_birth != birth:
        return SignInResult(error=note_sign_in_failure(db, key, card_locked_message) or wrong)
    if user.status == AccountStatus.DISABLED:
        return SignInResult(error=_("This account is switched off. Ask a coordinator for help."))
    clear_sign_in_failures(db, key)
    user.last_login_at = utcnow()
    db.add(user)
    db.commit()
    return SignInResult(user=user)
