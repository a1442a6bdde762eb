"""Access rules. Every view declares one (`public`, `signed_in` or `roles`); the app
refuses to start when a route has none, so no page is open by accident."""

import hmac
from functools import cache, wraps
from urllib.parse import urlsplit

from flask import abort, g, redirect, url_for
from flask_login import LoginManager, current_user
from sqlalchemy import bindparam
from sqlmodel import select

from . import db
from .i18n import _l
from .models import AccountStatus, User
from .services import notifications

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"

EXEMPT_ENDPOINTS = {"static"}


@login_manager.user_loader
def load_user(cookie_id: str) -> User | None:
    """The cookie holds `<id>:<session token>`; a replaced token means a dead session. The
    unread count of the page header comes with the user, in the same statement (kept on
    `g` for this request: a view that marks notifications read redirects, and the next page
    reads it again)."""
    user_id, _sep, token = cookie_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    found = db.session().exec(_user_query(), params={"user_id": int(user_id)}).first()
    if found is None or not _same(found[0].session_token, token):
        return None
    g.unread_notifications = found[1]
    return found[0]


@cache
def _user_query():
    """Built once per process: building a statement costs more than running it."""
    unread = notifications.unread_of(User.id)
    return select(User, unread).where(User.id == bindparam("user_id"))


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def public(view):
    view.access_rule = "public"
    return view


def signed_in(view):
    """Any signed-in user, also one whose account still waits for approval."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapper.access_rule = "signed_in"
    return wrapper


def roles(*allowed: str):
    """Approved users of one of these roles; anonymous users go to the login page,
    other roles get 403, accounts waiting for approval see why they cannot act yet."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.status == AccountStatus.PENDING:
                return redirect(url_for("auth.pending"))
            if current_user.must_change_password:
                return redirect(url_for("auth.change_password"))
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapper.access_rule = ("roles", *allowed)
        return wrapper

    return decorator


def unguarded_endpoints(app) -> list[str]:
    return sorted(
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint not in EXEMPT_ENDPOINTS and not hasattr(view, "access_rule")
    )


def check_every_route_guarded(app) -> None:
    missing = unguarded_endpoints(app)
    if missing:
        raise RuntimeError(f"Routes without an access rule: {', '.join(missing)}")


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: no scheme, no host, no `//evil` or `/\\evil` tricks."""
    if not target:
        return None
    target = target.strip()
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(ch) < 32 for ch in target):
        return None
    return target


def landing_endpoint(user) -> str:
    return {
        "employer": "employers.dashboard",
        "mentor": "mentors.dashboard",
        "participant": "participants.home",
        "coordinator": "coordinators.dashboard",
    }[user.role]
