"""The page of an empty form for a visitor who is not signed in, drawn once per app and
language: with no query and no message waiting it is the same for everyone but the CSRF
token, which is set into the kept page. The sign-in page is the portal's most visited one,
and drawing its form and template was over half of its cost."""

from flask import current_app, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..i18n import current_language


def blank_form_page(template: str, form_class) -> str | None:
    """The page, or None when this request needs its own drawing (a signed-in user, a query,
    flashed messages, templates that reload while someone edits them)."""
    if (
        current_user.is_authenticated
        or request.method != "GET"
        or request.args
        or "_flashes" in session
        or current_app.jinja_env.auto_reload
    ):
        return None
    token = generate_csrf()
    kept = current_app.extensions.setdefault("portal_blank_forms", {})
    key = (template, current_language(), request.script_root)
    parts = kept.get(key)
    if parts is None:
        # the token is random and URL-safe: it stands in the page as it is, nowhere else
        parts = kept[key] = render_template(template, form=form_class()).split(token)
    return token.join(parts)
