"""Per-address limits on sign-in, card sign-in, registration and the password change: the
per-account lock alone lets anyone lock a user out and does nothing against trying one
password on many accounts. Flask-Limiter counts in memory in the embedded default and in
Redis in production (PORTAL_RATELIMIT_STORAGE=redis://...), so every worker and host
counts together."""

from functools import wraps

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def init_app(app) -> None:
    app.config["RATELIMIT_STORAGE_URI"] = app.config["RATELIMIT_STORAGE"]
    # A storage outage must not stop people from signing in; the per-account lock still holds.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)
    # Every limit is a route's own (per_address), checked by its decorator; the app-wide
    # check Flask-Limiter runs before each request only looks for default limits, which
    # the portal has none of, and was a tenth of the sign-in page's time.
    app.before_request_funcs[None].remove(limiter._check_request_limit)


def per_address(view):
    """Only POSTs count: showing the form is free and skips the limiter altogether. The
    limit is a setting, RATELIMIT_AUTH."""
    limited = limiter.limit(lambda: current_app.config["RATELIMIT_AUTH"], methods=["POST"])(view)

    @wraps(view)
    def checked(*args, **kwargs):
        return limited(*args, **kwargs) if request.method == "POST" else view(*args, **kwargs)

    return checked
