"""The one place for translation: `_` in views and services, `_l` for strings built at
import time (forms, constants), the choice of locale and the text direction."""

from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

import flask_babel
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import support
from flask import current_app, has_request_context, request, session
from flask.globals import _cv_app  # the app context without the `g` proxy (see _kept)
from flask_babel import Babel, force_locale
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import Markup
from wtforms.i18n import messages_path

from .config import LANGUAGES, RTL_LANGUAGES

# Each language named in itself, so a person who cannot read the current page finds theirs.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "fr": "Français",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "fa": "فارسی (دری)",
    "ps": "پښتو",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "tr": "Türkçe",
}

babel = Babel()

__all__ = [
    "LANGUAGE_NAMES",
    "_",
    "_l",
    "current_direction",
    "current_language",
    "day_text",
    "decimal_text",
    "dutch_beside",
    "ngettext",
    "with_dutch",
]


def init_app(app) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.config["TRANSLATIONS_DIR"]),
    )
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: _kept()[2].get(text, text),
        ngettext=lambda one, many, n: _translations().ungettext(one, many, n),
        newstyle=True,
    )
    app.before_request(_keep_wtforms_catalog)
    app.jinja_env.globals.update(
        current_language=current_language,
        current_direction=current_direction,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
    app.jinja_env.filters["bdi"] = bdi
    app.jinja_env.filters["dateformat"] = _dateformat


def _dateformat(value, format: str = "medium") -> str:  # noqa: A002 - the filter's own name
    """flask_babel's dateformat filter, remembered for plain dates (day_text): a list page
    writes a date on every row. A datetime still goes through flask_babel's time zone."""
    if type(value) is date:
        return day_text(value, format)
    return flask_babel.format_date(value, format)


def _kept() -> tuple:
    """(locale, catalog, its messages as one dict, the language code) of the current locale,
    kept on `g` while flask_babel's locale object stays the same (force_locale and refresh
    replace it). flask_babel finds the catalog anew on every call, walking the context locals
    several times, and a match page translates hundreds of lines; this reads the app context
    once, without the `g` proxy."""
    context = _cv_app.get(None)
    if context is None:
        translations = flask_babel.get_translations()
        return None, translations, _messages(translations), None
    store = context.g.__dict__
    locale = getattr(store.get("_flask_babel"), "babel_locale", None)
    kept = store.get("_portal_translations")
    if locale is None or kept is None or kept[0] is not locale:
        translations = flask_babel.get_translations()
        locale = get_locale()
        code = str(locale or current_app.config["BABEL_DEFAULT_LOCALE"])
        kept = (locale, translations, _messages(translations), code)
        store["_portal_translations"] = kept
    return kept


def _messages(translations) -> dict:
    """msgid -> translation of a catalog and its fallbacks (the first one that has it wins,
    as in gettext), made once per catalog object."""
    merged = getattr(translations, "_portal_messages", None)
    if merged is None:
        merged, chain = {}, []
        while translations is not None:
            chain.append(translations)
            translations = getattr(translations, "_fallback", None)
        for catalog in reversed(chain):
            merged.update(
                (key, value)
                for key, value in getattr(catalog, "_catalog", {}).items()
                if type(key) is str and key
            )
        chain[0]._portal_messages = merged
    return merged


def _translations():
    """The catalog of the current locale (see _kept)."""
    return _kept()[1]


def get_locale():
    """flask_babel.get_locale, through the kept catalog's locale when it is still current."""
    context = _cv_app.get(None)
    if context is not None:
        locale = getattr(context.g.__dict__.get("_flask_babel"), "babel_locale", None)
        if locale is not None:
            return locale
    return flask_babel.get_locale()


def _(text: str, /, **variables) -> str:
    """gettext: flask_babel's, with the catalog looked up once (see _kept)."""
    translated = _kept()[2].get(text, text)
    return translated % variables if variables else translated


def _l(text: str, /, **variables) -> LazyString:
    """lazy_gettext (for strings built at import time), translated through the kept catalog."""
    return LazyString(_, text, **variables)


def ngettext(one: str, many: str, num: int, /, **variables) -> str:
    """flask_babel's ngettext (num also as %(num)d), with the kept catalog."""
    variables.setdefault("num", num)
    return _translations().ungettext(one, many, num) % variables


def day_text(value: date, style: str = "medium") -> str:
    """flask_babel.format_date for a date (no time zone to apply) in the current locale,
    remembered: an explanation page writes the same few dates hundreds of times."""
    return _day_in(value, style, current_language())


def decimal_text(number, pattern: str) -> str:
    """flask_babel.format_decimal with a pattern, remembered per locale (see day_text)."""
    return _decimal_in(number, pattern, current_language())


@lru_cache(maxsize=4096)
def _day_in(value: date, style: str, locale: str) -> str:
    return babel_dates.format_date(value, style, locale=locale)


@lru_cache(maxsize=4096)
def _decimal_in(number, pattern: str, locale: str) -> str:
    return babel_numbers.format_decimal(number, format=pattern, locale=locale)


class _WtformsCatalog:
    """WTForms' own messages in the current language, each catalog read once per process:
    Flask-WTF reads and parses it from disk on every request that builds a form."""

    def __init__(self):
        self.catalogs: dict[str, support.Translations] = {}

    def _catalog(self) -> support.Translations:
        code = current_language()
        if code not in self.catalogs:
            self.catalogs[code] = support.Translations.load(messages_path(), [code], "wtforms")
        return self.catalogs[code]

    def ugettext(self, text: str) -> str:
        return self._catalog().ugettext(text)

    def ungettext(self, one: str, many: str, n: int) -> str:
        return self._catalog().ungettext(one, many, n)


_WTFORMS = _WtformsCatalog()


def _keep_wtforms_catalog() -> None:
    request.wtforms_translations = _WTFORMS  # where flask_wtf.i18n looks first


def bdi(value) -> Markup:
    """A name or title typed by a user, isolated inside a translated sentence: a Latin name
    in an Arabic sentence (or the reverse) keeps its punctuation on the right side."""
    return Markup("<bdi>{}</bdi>").format(value)


def isolate(value: str) -> str:
    """`bdi` for plain text (e-mail, notifications): Unicode first-strong isolate marks."""
    return f"\u2068{value}\u2069"


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def select_locale() -> str:
    """A `?lang=` on this request, then the user's own setting, then the switcher (kept in
    the session for people who are not logged in), then the browser, then Dutch."""
    if not has_request_context():  # CLI commands speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if is_supported(asked):
        return asked
    if current_user and current_user.is_authenticated and is_supported(current_user.locale):
        return current_user.locale
    if is_supported(session.get("lang")):
        return session["lang"]
    best = request.accept_languages.best_match(LANGUAGES)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """The current locale's code ("nl", "ar", ...), kept with the catalog (see _kept): a list
    page asks for it over a hundred times."""
    if _cv_app.get(None) is None:
        return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return _kept()[3]


def dutch_url() -> str:
    """This same page in Dutch: what the "not reviewed" line offers beside the translation."""
    args = request.args.to_dict(flat=False)
    args["lang"] = ["nl"]
    return request.path + "?" + urlencode(args, doseq=True)


def current_direction() -> str:
    return "rtl" if current_language() in RTL_LANGUAGES else "ltr"


def dutch_beside() -> bool:
    """The side-by-side option of the participant pages: `?side=nl`, in a language other
    than Dutch."""
    return request.args.get("side") == "nl" and current_language() != "nl"


def with_dutch(build) -> list[dict]:
    """Plain-language blocks (dicts with "title" and "lines") from `build()`, in the current
    language; with the side-by-side option each block also gets its Dutch title and lines
    ("nl_title", "nl"), from the same `build()` run a second time in Dutch."""
    blocks = build()
    if dutch_beside():
        with force_locale("nl"):
            dutch = build()
        for block, nl in zip(blocks, dutch, strict=True):
            block["nl_title"], block["nl"] = nl["title"], nl["lines"]
    return blocks
