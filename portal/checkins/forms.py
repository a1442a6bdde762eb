"""Forms of the check-in pages: the mentor's record and the employer's view."""

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from ..forms import PlainDateField, choices
from ..i18n import _l
from ..services.checkins.recording import (
    COMMITMENT_ANSWERS,
    COMMITMENT_ITEMS,
    LEAVE_REASONS,
    RATINGS,
)

NOTE = Length(max=2000, message=_l("Use at most %(max)d characters."))
YES_NO = choices((("yes", _l("Yes")), ("no", _l("No"))))


def OpenRadioField(label, **kwargs):  # noqa: N802 - reads like the field class it makes
    """Radio buttons whose answer the service checks, with its own message by the field."""
    return RadioField(label, validate_choice=False, **kwargs)


class CheckInForm(FlaskForm):
    held_on = PlainDateField(_l("Day of the contact"), validators=[Optional()])
    still_employed = OpenRadioField(_l("Does the person still work there?"), choices=YES_NO)
    left_on = PlainDateField(
        _l("Last working day"), validators=[Optional()], description=_l("Only if they left.")
    )
    leave_reason = SelectField(
        _l("Why did the job end?"),
        choices=choices([("", _l("— choose —")), *LEAVE_REASONS.items()]),
        validate_choice=False,
    )
    leave_note = TextAreaField(_l("Explanation"), validators=[Optional(), NOTE])
    wants_help_again = OpenRadioField(
        _l("Does the person want help to find a job again?"), choices=YES_NO
    )
    participant_rating = OpenRadioField(
        _l("How does the work go for the participant?"), choices=choices(RATINGS.items())
    )
    participant_note = TextAreaField(_l("What the participant says"), validators=[Optional(), NOTE])
    employer_rating = OpenRadioField(
        _l("How does the work go for the employer?"), choices=choices(RATINGS.items())
    )
    employer_note = TextAreaField(_l("What the employer says"), validators=[Optional(), NOTE])


for _item, _label in COMMITMENT_ITEMS.items():
    setattr(
        CheckInForm,
        f"commitment_{_item}",
        OpenRadioField(_label, choices=choices(COMMITMENT_ANSWERS.items())),
    )


class EmployerViewForm(FlaskForm):
    rating = OpenRadioField(
        _l("How does the work go, in your view?"), choices=choices(RATINGS.items())
    )
    note = TextAreaField(_l("Your view (optional)"), validators=[Optional(), NOTE])
