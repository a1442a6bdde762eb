"""Configuration: safe defaults for the embedded set-up, overridden by an optional
instance file and then by environment variables, so one code base runs on a laptop
(SQLite, local index) and in production (PostgreSQL, gunicorn) without edits."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

LANGUAGES = ("nl", "fr", "en", "ar", "uk", "fa", "ps", "ti", "so", "tr")
RTL_LANGUAGES = frozenset({"ar", "fa", "ps"})


class ConfigError(RuntimeError):
    """A setting that makes it impossible to start; the message says what to fix."""


# Environment variables are read by Flask's `from_prefixed_env("PORTAL")`: PORTAL_X sets
# config key X (README: Configuration). These keys keep the names Flask-Babel and the code use.
ALIASES = {
    "ENV": "PORTAL_ENV",
    "DEFAULT_LOCALE": "BABEL_DEFAULT_LOCALE",
    "INDEX_APPLY_AFTER_REQUEST": "INDEX_SYNC_AFTER_REQUEST",
}
TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def default_instance_path() -> str:
    """PORTAL_INSTANCE_PATH, else ./instance in the working folder: never the installed
    package, which may be read-only and is replaced on every upgrade."""
    return os.path.abspath(os.environ.get("PORTAL_INSTANCE_PATH") or "instance")


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
        # Where the portal is reached: the links in e-mails (digests, unsubscribe) start so.
        "BASE_URL": "http://127.0.0.1:5000",
        # Daily and weekly digests go out from this hour (Brussels time; weekly on Monday).
        "DIGEST_HOUR": 7,
        # Match alerts are found right after the request that changed something (false: only
        # `portal alerts send` finds them, as in production).
        "ALERTS_AFTER_REQUEST": True,
        # Aftercare check-ins: months after the first working day of a hire.
        "CHECKIN_MONTHS": "1,3,6,12",
        # Retention: a participant without activity this long is listed for erasure.
        "RETENTION_MONTHS": 24,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "LANGUAGES": LANGUAGES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # None: on in production (HTTPS only, with HSTS), off elsewhere; false turns it off.
        "SESSION_COOKIE_SECURE": None,
        "REMEMBER_COOKIE_HTTPONLY": True,
        # A session ends after this much inactivity, and in any case after the lifetime;
        # a participant signed in with a card (often a shared computer) sooner.
        "SESSION_IDLE_MINUTES": 30,
        "SESSION_LIFETIME_HOURS": 12,
        "CARD_SESSION_IDLE_MINUTES": 10,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "LOGIN_MAX_FAILURES": 5,
        # Per address: a WISE's computer room shares one address, so not too tight.
        "RATELIMIT_AUTH": "30 per minute;300 per hour",
        "RATELIMIT_STORAGE": "memory://",
        "LOGIN_LOCK_MINUTES": 15,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "CHECK_MIGRATIONS": True,
        "LOG_LEVEL": "INFO",
        # The web worker brings the index up to date after each write (false: a follower does).
        "INDEX_SYNC_AFTER_REQUEST": True,
        # /healthz turns 503 when the index is further behind the change feed than this.
        "HEALTH_MAX_LAG_CHANGES": 1000,
        "HEALTH_MAX_LAG_SECONDS": 60,
        # None: on in production, off elsewhere. Moves everything built at start-up out of
        # the garbage collector's sight (gc.freeze), so its full collections do not walk
        # the whole app and stall a worker for 0.2-0.3 s (portal/__init__.py).
        "FREEZE_HEAP": None,
    }


def load(app, overrides: dict | None) -> None:
    """Fill app.config: defaults < instance/config.py < environment < explicit overrides."""
    base = defaults(app.instance_path)
    app.config.update(base)
    app.config.from_pyfile("config.py", silent=True)
    # Raw strings (loads=str): a password of digits stays a string; types are checked below.
    app.config.from_prefixed_env("PORTAL", loads=str)
    if os.environ.get("DATABASE_URL"):  # the name hosting platforms use, without the prefix
        app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    for key, target in ALIASES.items():
        if key in app.config:
            app.config[target] = app.config.pop(key)
    for key, default in base.items():
        if isinstance(default, bool | int) and isinstance(app.config[key], str):
            app.config[key] = _typed(key, app.config[key], default)
    if overrides:
        app.config.update(overrides)
    _cookie_security(app.config)
    app.config["FREEZE_HEAP"] = _on_in_production(app.config, "FREEZE_HEAP")
    app.config["DATABASE_URL"] = normalise_database_url(app.config["DATABASE_URL"])
    if app.config["BABEL_DEFAULT_LOCALE"] not in LANGUAGES:
        raise ConfigError(
            f"PORTAL_DEFAULT_LOCALE must be one of {', '.join(LANGUAGES)}, "
            f"not {app.config['BABEL_DEFAULT_LOCALE']!r}"
        )
    app.config["CHECKIN_MONTHS"] = parse_checkin_months(app.config["CHECKIN_MONTHS"])
    if not 1 <= app.config["RETENTION_MONTHS"] <= 600:
        raise ConfigError(
            f"PORTAL_RETENTION_MONTHS={app.config['RETENTION_MONTHS']!r} is not valid: give "
            "the months without activity before erasure, from 1 to 600 (default 24)"
        )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _embedded_secret_key(app)


def _on_in_production(config, key: str) -> bool:
    """A yes/no setting whose default (None) is on in production and off elsewhere."""
    value = config[key]
    if value is None:
        return config["PORTAL_ENV"] == "production"
    return _typed(key, value, False) if isinstance(value, str) else bool(value)


def _cookie_security(config) -> None:
    secure = _on_in_production(config, "SESSION_COOKIE_SECURE")
    config["SESSION_COOKIE_SECURE"] = config["REMEMBER_COOKIE_SECURE"] = secure
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=config["SESSION_LIFETIME_HOURS"])


def _typed(key: str, raw: str, default: bool | int) -> bool | int:
    """A yes/no or number setting from the environment, or an error naming the variable."""
    if isinstance(default, bool):
        if raw.strip().lower() in TRUE | FALSE:
            return raw.strip().lower() in TRUE
        raise ConfigError(f"PORTAL_{key}={raw!r} is not valid: use true or false")
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"PORTAL_{key}={raw!r} is not valid: give a whole number") from exc


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
