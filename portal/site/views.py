"""Welcome page, language switch and the health check for load balancers."""

from flask import current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from search_index.sync import lag

from .. import db, security, speech
from ..access import landing_endpoint, public, safe_next
from ..i18n import _
from ..matching.index import get_applier, get_store
from ..services import accounts
from . import bp
from .forms import LanguageForm


@bp.app_context_processor
def inject_language_form():
    form = LanguageForm(formdata=None, lang=None, next=request.full_path.rstrip("?"))
    return {"language_form": form}


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
