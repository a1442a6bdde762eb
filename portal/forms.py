"""Form pieces shared by every blueprint."""

from functools import lru_cache

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
)
from wtforms.fields.choices import Choice, SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget, Select

from .config import LANGUAGES
from .i18n import LANGUAGE_NAMES, _l
from .services.participants.mentions import mentions

MAX_ID = 2**63 - 1  # the largest BIGINT; a larger number makes the database driver raise


def db_id(value) -> int:
    """A row id from a form or the address bar; ValueError for anything else, so a
    23-digit number is a field error or a 404, never a driver error (HTTP 500)."""
    number = int(str(value).strip()) if str(value).strip().isdigit() else 0
    if not 0 < number <= MAX_ID:
        raise ValueError(value)
    return number


def choices(pairs) -> list[SelectChoice]:
    """WTForms 3.3 wants SelectChoice objects rather than (value, label) tuples."""
    return [SelectChoice(value, label) for value, label in pairs]


class RememberedSelect(Select):
    """WTForms' <select> whose plain <option>s are drawn once per (value, label, selected)
    and process: the vacancy filters draw about eighty options on every list page, and
    WTForms writes each one attribute by attribute."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        return _option(value, str(choice.label or value), bool(choice.selected))

    @classmethod
    def _dispatch_render_option(cls):
        """render_option itself: WTForms 3.3 inspects its signature on every <select> it draws
        (to warn about overrides with the old one), a quarter of drawing the vacancy filters."""
        return cls.render_option


@lru_cache(maxsize=8192)
def _option(value, label: str, selected: bool):
    return Select.render_option(Choice(value, label, selected, {}))


class ActionForm(FlaskForm):
    """A button that changes state: it carries only the CSRF token."""


class LanguageForm(FlaskForm):
    lang = SelectField(
        _l("Language"),
        choices=choices((code, LANGUAGE_NAMES[code]) for code in LANGUAGES),
        validate_choice=True,
    )
    next = HiddenField()


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (the field() macro draws it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CodeCheckboxField(MultiCheckboxField):
    """Checkboxes whose codes a service checks, with its own message next to the field."""

    def pre_validate(self, form):
        """Unknown codes are refused by the service, not by WTForms' generic message."""


class PlainDateField(DateField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_value_message = _l("Fill in a date as day, month and year.")


class WholeNumberField(IntegerField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_value_message = _l("Fill in a whole number.")


def attach_errors(form, errors: dict) -> None:
    """Show a service's messages next to their fields (one per field is enough)."""
    for name, message in errors.items():
        target = getattr(form, name, None)
        if target is not None and not target.errors:
            target.errors = [*target.errors, message]


class PersonalCheck:
    """For forms with mentor free text the employer reads before consent: a text that names
    the participant is flagged once; ticking the box saves it as it is (flag, never block)."""

    personal_flagged = False
    personal_ok = BooleanField(_l("I read it again: the employer may read this text."))


NAMES_PARTICIPANT = _l(
    "This text names the participant, or gives their e-mail or phone. The employer reads it "
    "before the participant agrees to share them. Remove it, or tick the box below to save "
    "it anyway."
)


def flag_personal(form, participant, *names: str) -> bool:
    """True (and a warning next to each such field) when a text names the participant,
    their e-mail or phone and the mentor has not confirmed it yet."""
    if participant is None or form.personal_ok.data:
        return False
    for name in names:
        field = getattr(form, name)
        if mentions(participant, field.data):
            field.errors = [*field.errors, NAMES_PARTICIPANT]
            form.personal_flagged = True
    return form.personal_flagged
