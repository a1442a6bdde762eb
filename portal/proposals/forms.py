"""Forms of the proposal pages: propose, and one form per employer step (each drawn with
the stage as prefix, so several fit on one page)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from ..forms import PersonalCheck, PlainDateField, WholeNumberField, choices, db_id
from ..i18n import _l
from ..models import Stage
from ..services import catalogues
from ..services.proposals.meetings import DEFAULT_MINUTES
from ..services.proposals.stage_rules import DECLINE_REASONS, NOT_HIRED_REASONS

NOTE = Length(max=2000, message=_l("Use at most %(max)d characters."))


class CoerceId(SelectField):
    """A select of ids; an empty or unknown choice is refused by the service."""

    def pre_validate(self, form):
        """The service names what is wrong, next to the field."""


def _id(value):
    try:
        return db_id(value)
    except ValueError:
        return None


class ProposeForm(PersonalCheck, FlaskForm):
    participant_id = CoerceId(_l("Participant"), coerce=_id)
    vacancy_id = CoerceId(_l("Vacancy"), coerce=_id)
    motivation = TextAreaField(
        _l("Motivation for the employer"),
        description=_l(
            "Why this person fits this job: what you saw them do. The employer reads "
            "this: no name, phone or e-mail."
        ),
        validators=[NOTE],
    )
    interest_with_mentor = BooleanField(
        _l("The participant sits with me and says: I am interested in this job.")
    )
    share_contact = BooleanField(
        _l(
            "The participant sits with me and agrees that this employer sees their name, "
            "phone and e-mail."
        )
    )
    override_reason = TextAreaField(
        _l("Reason to propose anyway"),
        description=_l(
            "Only when a criterion is not met and you still propose (never the right to work)."
        ),
        validators=[Optional(), NOTE],
    )


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), NOTE])


class InterestedForm(FlaskForm):
    note = TextAreaField(_l("Message for the mentor (optional)"), validators=[Optional(), NOTE])


class DeclineForm(FlaskForm):
    reason = SelectField(
        _l("Reason"), choices=choices(DECLINE_REASONS.items()), validate_choice=False
    )
    note = TextAreaField(_l("Explanation"), validators=[Optional(), NOTE])


class MeetingForm(FlaskForm):
    meeting_on = PlainDateField(_l("Date"), validators=[Optional()])
    meeting_time = StringField(_l("Time (hours:minutes)"), validators=[Optional()])
    meeting_place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    meeting_minutes = WholeNumberField(
        _l("Length in minutes"), default=DEFAULT_MINUTES, validators=[Optional()]
    )


class TrialForm(FlaskForm):
    trial_start = PlainDateField(_l("First day of the trial"), validators=[Optional()])
    trial_end = PlainDateField(_l("Last day of the trial"), validators=[Optional()])


class HireForm(FlaskForm):
    contract_type = SelectField(
        _l("Type of contract"),
        choices=choices(catalogues.pairs(catalogues.CONTRACT_TYPES)),
        validate_choice=False,
    )
    hire_start = PlainDateField(_l("First working day"), validators=[Optional()])


class NotHiredForm(FlaskForm):
    reason = SelectField(
        _l("Reason"), choices=choices(NOT_HIRED_REASONS.items()), validate_choice=False
    )
    note = TextAreaField(_l("Explanation"), validators=[Optional(), NOTE])


STEP_FORMS = {
    Stage.EMPLOYER_INTERESTED: (InterestedForm, _l("Interested: plan a meeting next")),
    Stage.DECLINED: (DeclineForm, _l("Decline")),
    Stage.INTRO_MEETING: (MeetingForm, _l("Plan the introduction meeting")),
    Stage.TRIAL: (TrialForm, _l("Start a trial")),
    Stage.HIRED: (HireForm, _l("Hire")),
    Stage.NOT_HIRED: (NotHiredForm, _l("Not hired")),
}

# The meeting form again once the meeting is planned: the employer changes it.
CHANGE_MEETING_LABEL = _l("Change the introduction meeting")
