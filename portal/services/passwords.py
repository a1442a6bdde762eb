"""Password hashing with Argon2id (OWASP's first choice), parameters from RFC 9106."""

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from . import settings

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
