"""HTML attributes of WTForms widgets, written without `Markup.format`.

WTForms draws every attribute of every input, label, select and option through
`wtforms.widgets.core.html_params`, which formats each one with `Markup.format` (a pure-Python
string.Formatter run per attribute): a sign-in page spent a fifth of its time there. `attributes`
gives the same string, byte for byte, with f-strings; `install()` points WTForms' widgets at it
once per process. tests/test_html_attributes.py compares the two on generated attributes, so a
WTForms release that changes its output fails the tests instead of changing our pages."""

from markupsafe import Markup, escape
from wtforms import widgets
from wtforms.widgets import core

ORIGINAL = core.html_params  # kept for the comparison in the tests
QUOTE, QUOTE_ENTITY = Markup('"'), Markup("&quot;")


def attributes(**kwargs) -> Markup:
    """`key="value"` pairs sorted by key; True gives the bare key, False leaves it out; a
    trailing underscore is dropped (`class_`), `data_`/`aria_` keys get hyphens."""
    params = []
    for key, value in sorted(kwargs.items()):
        key = escape(core.clean_key(key))
        if value is True:
            params.append(key)
        elif value is not False:
            text = escape(value)
            if '"' in text:  # only a value given as Markup keeps a raw quote after escape
                text = text.replace(QUOTE, QUOTE_ENTITY)  # (Markup.replace is slow: rarely)
            params.append(f'{key}="{text}"')
    return Markup(" ".join(params))  # noqa: S704 - keys and values escaped


def install() -> None:
    """Every WTForms widget draws its attributes with `attributes`: the module function
    (labels, selects, options, text areas, lists) and the widgets' own `html_params`
    (inputs and buttons)."""
    core.html_params = widgets.html_params = attributes
    for widget in (core.Input, core.Button):
        widget.html_params = staticmethod(attributes)
