"""What every page has around its content (the links in its head, the header with brand,
main menu, language switcher and account links, the notices above the content, the footer),
written in Python: as Jinja it cost as much as the rest of the sign-in page, with a dozen
translations and link lookups on every page although they change only with the language.
Those are worked out once per language and script root; a request adds only what is its
own (the CSRF token, this page's path, the user's name and unread count, flashed messages)."""

from functools import lru_cache

from flask import current_app, g, get_flashed_messages, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from .. import catalogs, db
from ..i18n import _, current_language, dutch_url
from ..security import CARD
from ..services import notifications
from .navigation import main_nav
from .views import language_options

COLLEAGUE_ROLES = ("employer", "mentor")
LISTENERS = ("participant", "mentor")  # the roles with read-aloud buttons (portal.listen)


def head_links() -> Markup:
    """The icon, style sheet and script of every page."""
    return _head_links(request.script_root)


@lru_cache(maxsize=8)
def _head_links(_root: str) -> Markup:
    icon, css, script = (
        escape(url_for("static", filename=name))
        for name in ("favicon.svg", "portal.css", "listen.js")
    )
    return Markup(  # noqa: S704 - fixed markup, escaped links
        f'<link rel="icon" href="{icon}" type="image/svg+xml">\n'
        f'  <link rel="stylesheet" href="{css}">\n'
        f'  <script src="{script}" defer></script>'
    )


@lru_cache(maxsize=64)
def _fixed(_language: str, _root: str) -> dict:
    """The header's words and links, drawn inside a request in `_language`."""
    words = {
        key: escape(text)
        for key, text in (
            ("brand", _("Bridge portal")),
            ("menu", _("Menu")),
            ("main_menu", _("Main menu")),
            ("language", _("Language")),
            ("change", _("Change")),
            ("notifications", _("Notifications")),
            ("unread", _("unread")),
            ("password", _("Password")),
            ("colleagues", _("Colleagues")),
            ("sign_out", _("Sign out")),
            ("employers", _("For employers")),
            ("sign_in", _("Sign in")),
        )
    }
    links = {
        key: escape(url_for(endpoint))
        for key, endpoint in (
            ("home", "site.home"),
            ("set_language", "site.set_language"),
            ("notifications", "notifications.index"),
            ("password", "auth.change_password"),
            ("colleagues", "auth.colleagues"),
            ("logout", "auth.logout"),
            ("front", "front.index"),
            ("login", "auth.login"),
        )
    }
    return {"words": words, "links": links}


def _account_links(w: dict, a: dict, token: str, unread: int) -> str:
    """The same links in the phone menu and in the header."""
    tag = ""
    if unread:
        tag = (
            f' <span class="tag">{unread} <span class="visually-hidden">{w["unread"]}</span></span>'
        )
    colleagues = ""
    if current_user.role in COLLEAGUE_ROLES:
        colleagues = f'<li><a href="{a["colleagues"]}">{w["colleagues"]}</a></li>\n'
    return (
        f'<li><a href="{a["notifications"]}">{w["notifications"]}{tag}</a></li>\n'
        f'<li class="who">{escape(current_user.display_name)}</li>\n'
        f'<li><a href="{a["password"]}">{w["password"]}</a></li>\n'
        f"{colleagues}"
        f'<li><form method="post" action="{a["logout"]}" class="inline-form">\n'
        f'  <input name="csrf_token" type="hidden" value="{token}">\n'
        f'  <button type="submit" class="button button--small button--quiet">{w["sign_out"]}'
        f"</button>\n</form></li>\n"
    )


def site_header() -> Markup:
    """Brand, the main menu twice (folded for phones, in the header), the language switcher
    and, for a signed-in user, the account links with the unread count."""
    fixed = _fixed(current_language(), request.script_root)
    w, a = fixed["words"], fixed["links"]
    token = escape(generate_csrf())
    here = escape(request.full_path.rstrip("?"))
    switcher = (
        f'<form method="post" action="{a["set_language"]}" class="language-form">\n'
        f'  <input name="csrf_token" type="hidden" value="{token}">'
        f'<input name="next" type="hidden" value="{here}">\n'
        f'  <label for="lang-select">{w["language"]}</label>\n'
        f'  <select id="lang-select" name="lang">{language_options()}</select>\n'
        f'  <button type="submit" class="button button--small">{w["change"]}</button>\n'
        f"</form>"
    )
    menus = ""
    if current_user.is_authenticated:
        unread = g.get("unread_notifications")  # read with the user (portal.access)
        if unread is None:
            unread = notifications.unread_count(db.session(), current_user)
        account = _account_links(w, a, token, unread)
        nav = main_nav() if current_user.is_approved else ""
        menus = (
            f'<details class="menu-compact">\n<summary>{w["menu"]}</summary>\n'
            f'<nav aria-label="{w["main_menu"]}">\n<ul>{nav}{account}</ul>\n</nav>\n</details>\n'
        )
        if current_user.is_approved:
            menus += (
                f'<nav class="main-nav" aria-label="{w["main_menu"]}">\n<ul>{nav}</ul>\n</nav>\n'
            )
        tools = f'<ul class="account-links">{account}</ul>'
    else:
        tools = (
            f'<a href="{a["front"]}">{w["employers"]}</a>\n'
            f'<a href="{a["login"]}">{w["sign_in"]}</a>'
        )
    return Markup(  # noqa: S704 - fixed markup, every value escaped
        f'<header class="site-header">\n<div class="site-header__inner">\n'
        f'<a class="brand" href="{a["home"]}">{w["brand"]}</a>\n{menus}'
        f'<div class="header-tools">\n{switcher}\n{tools}\n</div>\n</div>\n</header>'
    )


def page_notices() -> Markup:
    """Above the content: the line of a translation no native speaker checked yet, the
    shared-computer notice of a card sign-in, and the flashed messages."""
    language, parts = current_language(), []
    if not catalogs.reviewed(language):
        dutch = ""
        if language != "nl":
            dutch = f' <a href="{escape(dutch_url())}" lang="nl" hreflang="nl">Nederlands</a>'
        note = escape(_("A native speaker has not checked this translation yet."))
        parts.append(f'<p class="review-note">{note}{dutch}</p>')
    if current_user.is_authenticated and session.get(CARD):
        minutes = current_app.config["CARD_SESSION_IDLE_MINUTES"]
        sign_out = escape(_("Sign out now"))
        text = _(
            "On a shared computer? Sign out when you are done. After %(minutes)d minutes "
            "without use you are signed out.",
            minutes=minutes,
        )
        parts.append(
            '<div class="notice notice--info" role="status" id="shared-computer">\n'
            f"  <p>{escape(text)}</p>\n"
            f'  <form method="post" action="{escape(url_for("auth.logout"))}" class="inline-form">'
            f'<input name="csrf_token" type="hidden" value="{escape(generate_csrf())}">'
            f'<button type="submit" class="button">{sign_out}</button></form>\n'
            "</div>"
        )
    messages = get_flashed_messages(with_categories=True)
    if messages:
        parts.append('<div class="flashes">')
        for category, message in messages:
            role = "alert" if category == "error" else "status"
            parts.append(
                f'  <div class="notice notice--{escape(category)}" role="{role}">'
                f"{escape(message)}</div>"
            )
        parts.append("</div>")
    return Markup("\n".join(parts))  # noqa: S704 - fixed markup, every value escaped


def listen_status() -> Markup:
    """The status line that our read-aloud script fills ("Playing", "Stopped"), for the
    readers who get read-aloud buttons."""
    if not (current_user.is_authenticated and current_user.role in LISTENERS):
        return Markup("")
    return _listen_status(current_language())


@lru_cache(maxsize=16)
def _listen_status(_language: str) -> Markup:
    playing, stopped = escape(_("Playing")), escape(_("Stopped"))
    failed = escape(_("The audio could not be played."))
    return Markup(  # noqa: S704 - fixed markup, escaped words
        f'<p id="listen-status" class="visually-hidden" role="status" '
        f'data-playing="{playing}" data-stopped="{stopped}" data-failed="{failed}"></p>'
    )
