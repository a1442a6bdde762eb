"""A form field with its label, hint and errors tied together for screen readers, written in
Python: the Jinja macro that did this cost a quarter of a millisecond a field, more than the
rest of the sign-in page, and the vacancy filters draw eight. Templates call these two as
the globals `field(...)` and `form_errors(form)` (Python, not macros: importing a macro file
cost a twentieth of the sign-in page). The widgets themselves stay WTForms'."""

from markupsafe import Markup, escape

from .i18n import _

CHOICE_TYPES = ("RadioField", "MultiCheckboxField")
TYPED_TEXT = ("StringField", "TextAreaField")  # dir="auto": Latin text on an Arabic page


def form_errors(form) -> Markup:
    """The notice above a form that did not validate (the fields say what is wrong)."""
    if not form.errors:
        return Markup("")
    return Markup(
        '<div class="notice notice--error" role="alert" tabindex="-1" id="form-errors">\n'
        "  <p>{}</p>\n</div>"
    ).format(_("Please correct the fields marked below."))


def field_html(f, autocomplete=False, hint=None) -> Markup:
    hint_text = hint or f.description
    described = []
    notes = []
    if hint_text:
        described.append(f"{f.id}-hint")
        notes.append(f'<p class="hint" id="{escape(f.id)}-hint">{escape(hint_text)}</p>')
    if f.errors:
        described.append(f"{f.id}-error")
        errors = Markup(" ").join(f.errors)
        notes.append(f'<p class="error" id="{escape(f.id)}-error">{errors}</p>')
    aria = {"aria-describedby": " ".join(described) or False}
    if f.type in CHOICE_TYPES:
        choices = "\n".join(
            f'<div class="choice">{option(**aria)} {option.label}</div>' for option in f
        )
        legend = f"<legend>{escape(f.label.text)}</legend>"
        body = "\n".join(["<fieldset>", legend, *notes, choices, "</fieldset>"])
    else:
        aria["aria-invalid"] = "true" if f.errors else False
        if f.type == "BooleanField":
            body = "\n".join([f'<div class="choice">{f(**aria)} {f.label}</div>', *notes])
        else:
            typed = "auto" if f.type in TYPED_TEXT else False
            widget = f(autocomplete=autocomplete, dir=typed, **aria)
            body = "\n".join([str(f.label), *notes, widget])
    state = " field--error" if f.errors else ""
    return Markup(f'<div class="field{state}">\n{body}\n</div>')  # noqa: S704 - parts escaped
