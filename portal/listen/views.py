"""The audio of one block: a signed reference to text the server rendered (never free text
from the browser), spoken in the page's language or, without a voice for it, in Dutch."""

from functools import lru_cache

from flask import abort, current_app, g, render_template, request, send_file, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from .. import speech
from ..access import roles
from ..i18n import _, current_language
from ..pictograms import mark_used, pictogram
from . import bp

LISTENERS = ("participant", "mentor")


def _button() -> tuple | None:
    """(language, spoken language, label) of this request's buttons, or None when audio is
    off for this reader: worked out once per request, a card page has over a hundred."""
    if "listen_button" not in g:
        on = not current_user.is_anonymous and current_user.role in LISTENERS
        if on and speech.enabled():
            language = current_language()
            spoken = speech.voice_language(language)
            label = _("Listen") if spoken == language else _("Listen in Dutch")
            g.listen_button = (language, spoken, label)
        else:
            g.listen_button = None
    return g.listen_button


def button_drawer():
    """text -> its button, for this request's reader; None when audio is off for them. A
    page of blocks asks once and draws a hundred buttons without looking anything up."""
    button = _button()
    if button is None:
        return None
    mark_used("speaker")  # the buttons themselves are remembered (_drawn)
    secret, root = current_app.config["SECRET_KEY"], request.script_root
    return lambda text: _drawn(str(text), *button, secret, root)


def listen_button(text: str) -> Markup:
    """A link to the block's WAV that our script turns into a play/stop toggle; nothing when
    audio is off for this reader or the text cannot be read."""
    draw = button_drawer()
    return draw(text) if draw else Markup("")


@lru_cache(maxsize=8192)
def _drawn(text: str, language: str, spoken: str, label: str, _secret: str, _root: str) -> Markup:
    """The button of a block, remembered: its signed link is a pure function of the text,
    the language and the key, and a card page has over a hundred, mostly the same sentences
    on every visit."""
    value = speech.token(text, language)
    if value is None:
        return Markup("")
    return Markup(  # noqa: S704 - every value escaped
        f'<a class="listen" href="{escape(url_for("listen.audio", t=value))}" data-listen '
        f'role="button" aria-pressed="false" hreflang="{escape(spoken)}">'
        f"{pictogram('speaker', size=22)} {escape(label)}</a>"
    )


@bp.route("/listen")
@roles(*LISTENERS)
def audio():
    try:
        text, language = speech.untoken(request.args.get("t", ""))
    except speech.BadText as error:
        return render_template("errors/error.html", code=400, message=str(error)), 400
    if not speech.enabled():
        abort(404)
    path, key = speech.wav(text, language)
    response = send_file(path, mimetype="audio/wav", etag=key, max_age=30 * 24 * 3600,
                         conditional=True)  # fmt: skip
    response.headers["Content-Language"] = speech.voice_language(language)
    response.cache_control.private = True
    return response
