"""Forms of the employer pages: organisation profile, mentoring commitment, vacancy."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from .. import vocabulary
from ..forms import MultiCheckboxField, choices
from ..i18n import _l
from ..services import catalogues
from ..services.organisations import SECTOR_OTHER
from ..services.vacancies import content


def _text(label, max_length, required=True, **kwargs):
    rules = [Length(max=max_length, message=_l("Use at most %(max)d characters."))]
    if not required:
        rules.insert(0, Optional())
    return StringField(label, validators=rules, **kwargs)


def _number(label, low, high, **kwargs):
    """The service checks the range and words the message; min/max let phones and browsers
    offer the right keyboard and stepper."""
    return IntegerField(
        label, validators=[Optional()], render_kw={"min": low, "max": high}, **kwargs
    )


def _free_skills(label):
    """A plain text field (resolved to entries on save); typeahead.js adds suggestions."""
    description = _l("Not in the list? Type them, separated by commas.")
    render_kw = {"data-typeahead": "skill", "data-typeahead-list": True}
    return _text(label, 500, required=False, description=description, render_kw=render_kw)


class ProfileForm(FlaskForm):
    name = _text(_l("Name of the organisation"), 200)
    sector = SelectField(_l("Sector"), validate_choice=False)
    street = _text(_l("Street and number"), 200)
    postcode = _text(_l("Postcode"), 10)
    contact_name = _text(_l("Contact person"), 120)
    contact_phone = _text(_l("Phone number of the contact person"), 40, required=False)
    size = SelectField(
        _l("Size"),
        choices=choices([("", _l("Choose ...")), *catalogues.pairs(catalogues.ORGANISATION_SIZES)]),
        validate_choice=False,
    )
    description = TextAreaField(
        _l("Short description"),
        validators=[Optional(), Length(max=1000, message=_l("Use at most %(max)d characters."))],
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector.choices = choices(
            [("", _l("Choose ..."))]
            + [(g.code, vocabulary.label(g, locale)) for g in vocabulary.groups()]
            + [(SECTOR_OTHER, _l("Other sector"))]
        )


class CommitmentForm(FlaskForm):
    buddy_role = _text(
        _l("Workplace buddy"),
        120,
        description=_l("A role is enough, for example: team leader of the day shift."),
    )
    buddy_hours_per_week = _number(
        _l("Buddy hours per week in the first months"),
        1,
        content.MAX_BUDDY_HOURS,
        description=_l("Time the buddy spends with the new colleague, at least 1 hour."),
    )
    months = _number(_l("For how many months"), 1, content.MAX_MONTHS)
    onboarding_plan = TextAreaField(
        _l("Onboarding plan"),
        description=_l("What happens on the first day and in the first weeks."),
        validators=[Length(max=4000, message=_l("Use at most %(max)d characters."))],
    )
    language_coach = BooleanField(_l("A language coach on the job"))
    visual_instructions = BooleanField(_l("Work instructions with pictures"))
    colleague_languages = _text(
        _l("Colleagues speak these languages"),
        200,
        required=False,
        description=_l("For example: Arabic, Tigrinya, French."),
    )
    trial_weeks = _number(
        _l("Trial period in weeks"),
        0,
        content.MAX_TRIAL_WEEKS,
        description=_l("0 if there is no trial period."),
    )
    aftercare_rhythm = SelectField(
        _l("Check-ins with the mentor"),
        choices=choices([("", _l("Choose ...")), *catalogues.pairs(catalogues.AFTERCARE_RHYTHMS)]),
        validate_choice=False,
    )


class VacancyForm(CommitmentForm):
    nonce = HiddenField()
    title = _text(_l("Title"), 160)
    occupation_code = SelectField(_l("Occupation"), validate_choice=False)
    tasks = TextAreaField(
        _l("Tasks in plain words"),
        description=_l("Short sentences. What does a normal working day look like?"),
        validators=[
            InputRequired(_l("Describe the tasks in plain words.")),
            Length(max=4000, message=_l("Use at most %(max)d characters.")),
        ],
    )
    must_have = SelectMultipleField(_l("Skills that are needed"), validate_choice=False)
    must_have_other = _free_skills(_l("Other needed skills"))
    nice_to_have = SelectMultipleField(_l("Skills that are a plus"), validate_choice=False)
    nice_to_have_other = _free_skills(_l("Other skills that are a plus"))
    dutch_level_code = SelectField(_l("Dutch needed"), validate_choice=False)
    language_coaching = BooleanField(_l("We offer language coaching on the job"))
    postcode = _text(_l("Postcode of the workplace"), 10)
    hours_per_week = _number(_l("Hours per week"), 1, content.MAX_HOURS)
    shifts = MultiCheckboxField(
        _l("Shifts"), choices=choices(catalogues.pairs(catalogues.SHIFTS)), validate_choice=False
    )
    contract_type = SelectField(
        _l("Contract"),
        choices=choices([("", _l("Choose ...")), *catalogues.pairs(catalogues.CONTRACT_TYPES)]),
        validate_choice=False,
    )
    positions = _number(_l("Number of positions"), 1, content.MAX_POSITIONS)
    start_date = DateField(_l("Start date"), validators=[Optional()])
    closing_date = DateField(
        _l("Closing date"),
        description=_l("The vacancy stays open until this day."),
        validators=[Optional()],
    )
    licence_category = SelectField(
        _l("Driving licence"),
        choices=choices(catalogues.pairs(catalogues.LICENCE_CATEGORIES)),
        validate_choice=False,
    )
    certificates = MultiCheckboxField(
        _l("Certificates needed"),
        choices=choices(catalogues.pairs(catalogues.CERTIFICATES)),
        validate_choice=False,
    )
    certificates_trained = MultiCheckboxField(
        _l("Certificates we train for"),
        description=_l("The new colleague can get these with us."),
        choices=choices(catalogues.pairs(catalogues.CERTIFICATES)),
        validate_choice=False,
    )

    def __init__(self, *args, occupations=(), skills=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.occupation_code.choices = choices([("", _l("Choose ...")), *occupations])
        self.must_have.choices = choices(skills)
        self.nice_to_have.choices = choices(skills)
        self.dutch_level_code.choices = choices(
            [("", _l("Choose ...")), *catalogues.dutch_level_pairs()]
        )


class CloseForm(FlaskForm):
    outcome = SelectField(
        _l("Why does it close?"),
        choices=choices(
            [("filled", _l("Someone was hired")), ("closed", _l("Closed for another reason"))]
        ),
    )


class DuplicateForm(FlaskForm):
    nonce = HiddenField()
