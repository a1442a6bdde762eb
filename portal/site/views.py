"""Welcome page, language switch and the health check for load balancers."""

from functools import lru_cache

from flask import current_app, flash, jsonify, redirect, render_template, session, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from search_index.sync import lag

from .. import db, security, speech
from ..access import landing_endpoint, public, safe_next
from ..config import LANGUAGES
from ..i18n import LANGUAGE_NAMES, _, current_language
from ..matching.index import get_applier, get_store
from ..services import accounts
from . import bp
from .forms import LanguageForm


@bp.app_template_global()
def language_options() -> Markup:
    """The switcher's <option>s for the page's language. Drawn in Python, once per language
    and process: a form object per page was a fifth of the sign-in page's time. The form
    posts to set_language, which validates it with LanguageForm."""
    return _options(current_language())


@lru_cache(maxsize=len(LANGUAGES))
def _options(selected: str) -> Markup:
    return Markup(  # noqa: S704 - fixed codes and names, escaped
        "".join(
            f'<option value="{code}" lang="{code}"{" selected" if code == selected else ""}>'
            f"{escape(LANGUAGE_NAMES[code])}</option>"
            for code in LANGUAGES
        )
    )


@bp.route("/")
@public
def home():
    if current_user.is_authenticated:
        return redirect(url_for(landing_endpoint(current_user)))
    return render_template("site/home.html")


@bp.route("/favicon.ico")
@public
def favicon():
    """Browsers and feed readers ask for /favicon.ico whatever the page links to."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    target = safe_next(form.next.data) or url_for("site.home")
    if not form.validate():
        flash(_("This language is not available."), "error")
        return redirect(target)
    session["lang"] = form.lang.data
    if current_user.is_authenticated:
        accounts.set_locale(db.session(), current_user, form.lang.data)
    return redirect(_without_lang_parameter(target))


def _without_lang_parameter(target: str) -> str:
    """A `?lang=` left in the address would override the choice just made."""
    path, _sep, query = target.partition("?")
    kept = [part for part in query.split("&") if part and not part.startswith("lang=")]
    return path + ("?" + "&".join(kept) if kept else "")


@bp.route("/healthz")
@public
def healthz():
    """Database state and the index lag. Reads two small files and the feed, never opens
    or writes the index; a lag wakes this process's applier. 503 only past the thresholds."""
    database = security.schema_state()
    index = lag(get_store(), db.engine())
    if index.get("lag") or not index["usable"]:
        get_applier().notify()
    config = current_app.config
    index["ok"] = (
        "lag" in index
        and index["lag"] <= config["HEALTH_MAX_LAG_CHANGES"]
        and index["lag_seconds"] <= config["HEALTH_MAX_LAG_SECONDS"]
    )
    healthy = database["at_head"] and index["ok"]
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": database,
        "index": index,
        "audio": "on" if speech.enabled() else "off",  # read aloud is optional: not in status
    }
    return jsonify(body), 200 if healthy else 503
