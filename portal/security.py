"""Response headers that every page carries, session timeouts, and the migration gate."""

import time

from flask import (
    Request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, logout_user, user_logged_in
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import IntegerConverter

from . import db
from .forms import MAX_ID
from .i18n import _

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class RowId(IntegerConverter):
    """`<int:...>` in every route: a number past the largest database id is a 404."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


class WithoutNul(ImmutableMultiDict):
    """Form and query values without NUL characters: they mean nothing in a text, and
    PostgreSQL refuses to store them (a driver error, HTTP 500, where SQLite stored them)."""

    def __init__(self, mapping=None):
        super().__init__(
            (key, value.replace("\x00", "") if isinstance(value, str) else value)
            for key, value in iter_multi_items(mapping or ())
        )


class PortalRequest(Request):
    parameter_storage_class = WithoutNul


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer kept per key: Flask builds
    it twice a request (to read and to write the cookie), and building one serializes a
    test value, a twentieth of the sign-in page."""

    def __init__(self):
        self._kept: dict[tuple, object] = {}

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._kept.get(key)
        if serializer is None:
            serializer = self._kept[key] = super().get_signing_serializer(app)
        return serializer


def init_app(app) -> None:
    """Before the blueprints: their rules take the int converter when they are added."""
    app.request_class = PortalRequest
    app.session_interface = SignedCookieSessions()
    app.url_map.converters["int"] = RowId
    user_logged_in.connect(_stamp_sign_in, app)
    app.after_request(_headers)
    app.before_request(_require_current_schema)
    app.before_request(_expire_session)
    app.extensions["portal_schema_ok"] = False


SIGNED_IN_AT, SEEN_AT, CARD = "signed_in_at", "seen_at", "card"
SEEN_STEP = 60  # seconds: "last seen" moves at most once a minute, so most requests of a
# signed-in user leave the cookie as it is (no new signature, no Set-Cookie)


def _stamp_sign_in(_app, user) -> None:
    """A new sign-in starts the lifetime; signing in again after a password change keeps it."""
    now = time.time()
    session.setdefault(SIGNED_IN_AT, now)
    session[SEEN_AT] = now


def signed_in_with_card() -> None:
    session[CARD] = True


def sign_out() -> None:
    """End this browser's session; the chosen language stays."""
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang


def _expire_session():
    """Idle timeout and absolute lifetime, checked on every request (the cookie is signed,
    so the times in it cannot be changed by the browser); idle is counted to the minute."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    config, now = current_app.config, time.time()
    idle = config["CARD_SESSION_IDLE_MINUTES" if session.get(CARD) else "SESSION_IDLE_MINUTES"]
    too_idle = now - session.get(SEEN_AT, 0) > idle * 60
    too_old = now - session.get(SIGNED_IN_AT, 0) > config["SESSION_LIFETIME_HOURS"] * 3600
    if not (too_idle or too_old):
        if now - session.get(SEEN_AT, 0) >= SEEN_STEP:
            session[SEEN_AT] = now
        return None
    sign_out()
    flash(_("You were signed out because the session ended. Please sign in again."), "info")
    return redirect(url_for("auth.login"))


def _headers(response):
    if "Content-Security-Policy" not in response.headers:  # setdefault raises inside
        response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    # Pages of a signed-in user are not stored; a view may opt in to the browser's own
    # (private) cache, as the read-aloud audio does.
    if current_user and current_user.is_authenticated and not response.cache_control.private:
        response.headers["Cache-Control"] = "no-store"
    return response


def schema_state() -> dict:
    """Where the database stands against the migrations; never raises."""
    head = db.migration_head()
    try:
        current = db.current_revision(db.engine())
    except Exception as exc:  # noqa: BLE001 - any driver error means "not reachable"
        return {
            "reachable": False,
            "error": type(exc).__name__,
            "revision": None,
            "head": head,
            "at_head": False,
        }
    return {"reachable": True, "revision": current, "head": head, "at_head": current == head}


def _require_current_schema():
    """Refuse to serve on a database behind the migrations, and say what to run."""
    app = current_app
    if app.extensions["portal_schema_ok"] or not app.config["CHECK_MIGRATIONS"]:
        return None
    if request.endpoint in {"static", "site.healthz"}:
        return None
    state = schema_state()
    if state["at_head"]:
        app.extensions["portal_schema_ok"] = True
        return None
    app.logger.error("Database not at migration head: %s", state)
    message = (
        _("The database cannot be reached. Check DATABASE_URL.")
        if not state["reachable"]
        else _("The database is not up to date. An administrator must run: portal db upgrade")
    )
    return render_template("errors/error.html", code=503, message=message), 503
