"""Per-address limits on sign-in, card sign-in, registration and the password change: the
per-account lock alone lets anyone lock a user out and does nothing against trying one
password on many accounts. Flask-Limiter counts in memory in the embedded default and in
Redis in production (PORTAL_RATELIMIT_STORAGE=redis://...), so every worker and host
counts together."""

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def init_app(app) -> None:
    app.config["RATELIMIT_STORAGE_URI"] = app.config["RATELIMIT_STORAGE"]
    # A storage outage must not stop people from signing in; the per-account lock still holds.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)


def per_address(view):
    """Only POSTs count (showing the form is free); the limit is a setting, RATELIMIT_AUTH."""
    return limiter.limit(lambda: current_app.config["RATELIMIT_AUTH"], methods=["POST"])(view)
