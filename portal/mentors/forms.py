"""Forms of the mentor pages: one form per profile section, so each saves on its own."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from .. import vocabulary
from ..forms import CodeCheckboxField, PersonalCheck, PlainDateField, WholeNumberField, choices
from ..i18n import _l, current_language
from ..services import participant_catalogues as cat


def _pairs(mapping):
    return choices((code, label) for code, label in mapping.items())


def _blank(mapping):
    return choices([("", _l("— not known yet —")), *mapping.items()])


MAX = Length(max=120, message=_l("Use at most %(max)d characters."))
NAME = Length(max=80, message=_l("Use at most %(max)d characters."))  # Participant's columns


class PersonForm(FlaskForm):
    first_name = StringField(
        _l("First name"), validators=[DataRequired(_l("Fill in the first name.")), NAME]
    )
    last_name = StringField(_l("Last name"), validators=[Optional(), NAME])
    date_of_birth = PlainDateField(
        _l("Date of birth"),
        description=_l("Needed for the participant's own sign-in."),
        validators=[Optional()],
    )
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    email = EmailField(
        _l("E-mail address"),
        validators=[
            Optional(),
            Length(max=254, message=_l("This e-mail address is too long.")),
            Email(_l("This is not a valid e-mail address.")),
        ],
    )
    preferred_languages = CodeCheckboxField(
        _l("Preferred languages"), choices=_pairs(cat.LANGUAGES)
    )
    spoken_languages = CodeCheckboxField(_l("Languages spoken"), choices=_pairs(cat.LANGUAGES))


class PlacementForm(FlaskForm):
    placement_kind = SelectField(
        _l("Kind of placement"), choices=_blank(cat.PLACEMENT_KINDS), validate_choice=False
    )
    placement_job = StringField(_l("Job at the social enterprise"), validators=[Optional(), MAX])
    placement_start = PlainDateField(_l("Start date"), validators=[Optional()])
    placement_end = PlainDateField(_l("End date"), validators=[Optional()])


class OccupationsForm(FlaskForm):
    occupations = CodeCheckboxField(_l("Occupations of interest"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.occupations.choices = choices(vocabulary.occupation_choices(current_language()))


class DutchForm(FlaskForm):
    dutch_level = SelectField(
        _l("Dutch level (CEFR)"), choices=_blank(cat.DUTCH_LEVEL_LABELS), validate_choice=False
    )
    dutch_assessed_on = PlainDateField(_l("Date of assessment"), validators=[Optional()])


class MobilityForm(FlaskForm):
    home_postcode = StringField(
        _l("Home postcode"),
        validators=[Optional(), Length(max=10)],
        description=_l("For example 9000."),
    )
    max_travel_km = WholeNumberField(
        _l("How far can the person travel (km, straight line)?"), validators=[Optional()]
    )
    transport = CodeCheckboxField(_l("Means of transport"), choices=_pairs(cat.TRANSPORT))
    licences = CodeCheckboxField(_l("Driving licences"), choices=_pairs(cat.LICENCES))


class AvailabilityForm(FlaskForm):
    hours_per_week = WholeNumberField(_l("Hours per week wanted"), validators=[Optional()])
    shifts = CodeCheckboxField(_l("Shifts possible"), choices=_pairs(cat.SHIFTS))
    available_from = PlainDateField(_l("Available from"), validators=[Optional()])


class RightToWorkForm(FlaskForm):
    right_to_work = SelectField(
        _l("Right to work"),
        choices=_blank(cat.RIGHT_TO_WORK),
        validate_choice=False,
        description=_l("Used to filter vacancies. Never shown to employers."),
    )
    right_to_work_until = PlainDateField(_l("Valid until"), validators=[Optional()])


class SupportForm(FlaskForm):
    needs = CodeCheckboxField(
        _l("Support needed at the new job"), choices=_pairs(cat.SUPPORT_NEEDS)
    )


SECTION_FORMS = {
    "person": PersonForm,
    "placement": PlacementForm,
    "occupations": OccupationsForm,
    "dutch": DutchForm,
    "mobility": MobilityForm,
    "availability": AvailabilityForm,
    "right_to_work": RightToWorkForm,
    "support": SupportForm,
}
SECTION_TITLES = {
    "person": _l("Person and languages"),
    "placement": _l("Placement"),
    "skills": _l("Observed skills"),
    "occupations": _l("Occupations of interest"),
    "dutch": _l("Dutch"),
    "mobility": _l("Home and travel"),
    "certificates": _l("Certificates"),
    "availability": _l("Hours and shifts"),
    "right_to_work": _l("Right to work"),
    "support": _l("Support needs"),
}


class SkillForm(PersonalCheck, FlaskForm):
    skill = SelectField(_l("Skill"), validate_choice=False)
    skill_text = StringField(
        _l("Or type a skill"),
        description=_l("In any language; the full list (also ESCO) is searched."),
        validators=[Length(max=200, message=_l("Use at most %(max)d characters."))],
        render_kw={"data-typeahead": "skill"},
    )
    level = RadioField(
        _l("Level"),
        choices=choices((str(k), v) for k, v in cat.SKILL_LEVELS.items()),
        validate_choice=False,
        validators=[DataRequired(_l("Choose a level."))],
    )
    evidence = StringField(
        _l("What did you see?"),
        description=_l(
            "One short sentence, for example: packs 60 boxes an hour alone. The employer "
            "reads this: no name, phone or e-mail."
        ),
        validators=[Length(max=300, message=_l("Use at most %(max)d characters."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill.choices = choices(
            [("", _l("— choose a skill —")), *vocabulary.skill_choices(current_language())]
        )


class CertificateForm(FlaskForm):
    certificate = SelectField(
        _l("Certificate"), choices=_blank(cat.CERTIFICATES), validate_choice=False
    )
    expires_on = PlainDateField(_l("Valid until (if it expires)"), validators=[Optional()])


class EndorseForm(PersonalCheck, FlaskForm):
    evidence = TextAreaField(
        _l("Why is the person ready for a regular job?"),
        description=_l(
            "What you saw at work: tasks, attitude, how they learn. The employer reads "
            "this: no name, phone or e-mail."
        ),
        validators=[Length(max=2000, message=_l("Use at most %(max)d characters."))],
    )
    strengths = TextAreaField(
        _l("Strengths"),
        description=_l("The employer reads this: no name, phone or e-mail."),
        validators=[Length(max=1000, message=_l("Use at most %(max)d characters."))],
    )
    valid_until = PlainDateField(
        _l("Valid until"),
        description=_l("Leave empty for six months."),
        validators=[Optional()],
    )


class ConsentWithMentorForm(FlaskForm):
    present = BooleanField(
        _l("The participant sits next to me, heard the explanation and agrees."),
        validators=[DataRequired(_l("Only record consent with the participant at your side."))],
    )
