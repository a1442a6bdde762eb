"""Every configuration value a service reads, in one place. The values come from the running
app's config (portal.config fills it, tests override it there); services call these instead
of reaching for the app themselves, so what they depend on is listed here."""

from flask import current_app


def _config():
    return current_app.config


def checkin_months() -> tuple[int, ...]:
    return tuple(_config()["CHECKIN_MONTHS"])


def retention_months() -> int:
    """Months without activity after which a participant is listed for erasure."""
    return _config()["RETENTION_MONTHS"]


def login_max_failures() -> int:
    return _config()["LOGIN_MAX_FAILURES"]


def login_lock_minutes() -> int:
    return _config()["LOGIN_LOCK_MINUTES"]


def password_hash_profile() -> str:
    return _config().get("PASSWORD_HASH_PROFILE", "rfc9106_low_memory")


def secret_key() -> bytes:
    return _config()["SECRET_KEY"].encode()


def default_locale() -> str:
    return _config()["BABEL_DEFAULT_LOCALE"]


def mail() -> dict:
    """SMTP_FROM, SMTP_HOST, SMTP_PORT, SMTP_TLS, SMTP_USER, SMTP_PASSWORD and MAIL_DIR."""
    return _config()


def base_url() -> str:
    return _config()["BASE_URL"].rstrip("/")


def digest_hour() -> int:
    return _config()["DIGEST_HOUR"]
