"""Configuration: safe defaults for the embedded set-up, overridden by an optional
instance file and then by environment variables, so one code base runs on a laptop
(SQLite, local index) and in production (PostgreSQL, gunicorn) without edits."""

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

LANGUAGES = ("nl", "fr", "en", "ar", "uk", "fa", "ps", "ti", "so", "tr")
RTL_LANGUAGES = frozenset({"ar", "fa", "ps"})


class ConfigError(RuntimeError):
    """A setting that makes it impossible to start; the message says what to fix."""


# Environment variable -> (config key, converter). Everything the portal reads from the
# environment is listed here and in the README's configuration table.
ENV_SETTINGS = {
    "DATABASE_URL": ("DATABASE_URL", str),
    "PORTAL_ENV": ("PORTAL_ENV", str),
    "PORTAL_SECRET_KEY": ("SECRET_KEY", str),
    "PORTAL_INDEX_DIR": ("INDEX_DIR", str),
    "PORTAL_DEFAULT_LOCALE": ("BABEL_DEFAULT_LOCALE", str),
    "PORTAL_SESSION_COOKIE_SECURE": (
        "SESSION_COOKIE_SECURE",
        lambda v: v.lower() in {"1", "true", "yes"},
    ),
    "PORTAL_LOGIN_MAX_FAILURES": ("LOGIN_MAX_FAILURES", int),
    "PORTAL_LOGIN_LOCK_MINUTES": ("LOGIN_LOCK_MINUTES", int),
    "PORTAL_SMTP_HOST": ("SMTP_HOST", str),
    "PORTAL_SMTP_PORT": ("SMTP_PORT", int),
    "PORTAL_SMTP_USER": ("SMTP_USER", str),
    "PORTAL_SMTP_PASSWORD": ("SMTP_PASSWORD", str),
    "PORTAL_SMTP_FROM": ("SMTP_FROM", str),
    "PORTAL_SMTP_TLS": ("SMTP_TLS", lambda v: v.lower() in {"1", "true", "yes"}),
    "PORTAL_MAIL_DIR": ("MAIL_DIR", str),
    "PORTAL_CHECKIN_MONTHS": ("CHECKIN_MONTHS", str),
}


def defaults(instance_path: str) -> dict:
    """The embedded default: everything lives under instance/."""
    instance = Path(instance_path)
    return {
        "PORTAL_ENV": "development",
        "DATABASE_URL": f"sqlite:///{instance / 'portal.sqlite3'}",
        "INDEX_DIR": str(instance / "index"),
        # No SMTP host: e-mails are written as .eml files to MAIL_DIR and logged.
        "SMTP_HOST": "",
        "SMTP_PORT": 587,
        "SMTP_USER": "",
        "SMTP_PASSWORD": "",
        "SMTP_FROM": "brugportaal@localhost",
        "SMTP_TLS": True,
        "MAIL_DIR": str(instance / "mail"),
        # Aftercare check-ins: months after the first working day of a hire.
        "CHECKIN_MONTHS": "1,3,6,12",
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "LANGUAGES": LANGUAGES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_LOCK_MINUTES": 15,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "CHECK_MIGRATIONS": True,
    }


def load(app, overrides: dict | None) -> None:
    """Fill app.config: defaults < instance/config.py < environment < explicit overrides."""
    app.config.update(defaults(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    for env_name, (key, convert) in ENV_SETTINGS.items():
        raw = os.environ.get(env_name)
        if raw:
            try:
                app.config[key] = convert(raw)
            except ValueError as exc:
                raise ConfigError(f"{env_name}={raw!r} is not a valid value: {exc}") from exc
    if overrides:
        app.config.update(overrides)
    app.config["DATABASE_URL"] = normalise_database_url(app.config["DATABASE_URL"])
    if app.config["BABEL_DEFAULT_LOCALE"] not in LANGUAGES:
        raise ConfigError(
            f"PORTAL_DEFAULT_LOCALE must be one of {', '.join(LANGUAGES)}, "
            f"not {app.config['BABEL_DEFAULT_LOCALE']!r}"
        )
    app.config["CHECKIN_MONTHS"] = parse_checkin_months(app.config["CHECKIN_MONTHS"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _embedded_secret_key(app)


def parse_checkin_months(value) -> tuple[int, ...]:
    """ "1,3,6,12" (or a list of numbers) -> (1, 3, 6, 12): distinct months from 1 to 36."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        months = sorted({int(str(part).strip()) for part in parts if str(part).strip()})
    except ValueError:
        months = []
    if not months or not all(1 <= month <= 36 for month in months):
        raise ConfigError(
            f"PORTAL_CHECKIN_MONTHS={value!r} is not valid: give months after the hire as "
            "whole numbers from 1 to 36, separated by commas, for example 1,3,6,12"
        )
    return tuple(months)


def normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// spellings and refuse anything we cannot use, early."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(
            f"DATABASE_URL is malformed ({url!r}); expected for example "
            "postgresql://user:password@host:5432/dbname or sqlite:///path/to/file.sqlite3"
        ) from exc
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ConfigError(
            f"DATABASE_URL uses {parsed.get_backend_name()!r}; the portal supports "
            "sqlite and postgresql"
        )
    return parsed.render_as_string(hide_password=False)


def _embedded_secret_key(app) -> str:
    """Production must bring its own key; the embedded default makes one once and keeps it."""
    if app.config["PORTAL_ENV"] == "production":
        raise ConfigError(
            "PORTAL_SECRET_KEY is not set. In production the portal needs a fixed secret key: "
            "set PORTAL_SECRET_KEY to a long random value "
            "(for example: python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
