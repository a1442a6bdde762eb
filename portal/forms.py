"""Form pieces shared by every blueprint."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice

from .config import LANGUAGES
from .i18n import LANGUAGE_NAMES, _l


def choices(pairs) -> list[SelectChoice]:
    """WTForms 3.3 wants SelectChoice objects rather than (value, label) tuples."""
    return [SelectChoice(value, label) for value, label in pairs]


class ActionForm(FlaskForm):
    """A button that changes state: it carries only the CSRF token."""


class LanguageForm(FlaskForm):
    lang = SelectField(
        _l("Language"),
        choices=choices((code, LANGUAGE_NAMES[code]) for code in LANGUAGES),
        validate_choice=True,
    )
    next = HiddenField()
