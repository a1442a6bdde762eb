"""Password hashing with Argon2id (OWASP's first choice), parameters from RFC 9106; and the
strength rule for a new password (zxcvbn, offline)."""

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from ..i18n import _
from . import settings

# zxcvbn's scale 0-4; 3 is "safely unguessable" against online attacks with throttling.
MIN_SCORE = 3

# A cheap profile exists only so the test suite can log in thousands of times quickly.
PROFILES = {
    "rfc9106_low_memory": profiles.RFC_9106_LOW_MEMORY,
    "test": profiles.CHEAPEST,
}


def _hasher() -> PasswordHasher:
    name = settings.password_hash_profile()
    return PasswordHasher.from_parameters(PROFILES[name])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the stored hash was made with weaker parameters than we use now."""
    return _hasher().check_needs_rehash(password_hash)


_DUMMY_HASH: dict[str, str] = {}


def burn_time(password: str) -> None:
    """Spend the time of one verification, so an unknown e-mail is not told apart by speed."""
    profile = settings.password_hash_profile()
    if profile not in _DUMMY_HASH:
        _DUMMY_HASH[profile] = hash_password("not a real password")
    verify_password(_DUMMY_HASH[profile], password)


def _plain(text: str) -> str:
    return "".join(ch for ch in (text or "").lower() if ch.isalnum())


def weakness(password: str, *personal: str) -> str | None:
    """Why this new password is refused, or None: easy to guess (common passwords, words,
    repeats, keyboard rows, dates), or built on the e-mail address or organisation name."""
    plain = _plain(password)
    own = {_plain(part) for value in personal for part in (value, (value or "").split("@")[0])}
    if any(len(word) >= 4 and word in plain for word in own):
        return _("Do not use your e-mail address or the name of your organisation.")
    if zxcvbn(password[:128], user_inputs=[v for v in personal if v])["score"] < MIN_SCORE:
        return _("This password is too easy to guess. Use a few words that do not belong together.")
    return None
