"""Forms of the coordinator pages."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import choices, db_id
from ..i18n import _l
from ..models import Role

ROLE_LABELS = {
    Role.EMPLOYER: _l("Employer"),
    Role.MENTOR: _l("Mentor"),
    Role.PARTICIPANT: _l("Participant"),
    Role.COORDINATOR: _l("Coordinator"),
}


class DecisionForm(FlaskForm):
    decision = SelectField(
        choices=choices(
            [
                ("approve", _l("Approve")),
                ("link", _l("Approve and link")),
                ("refuse", _l("Refuse")),
            ]
        )
    )


class UserFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = StringField(_l("Name or e-mail"), validators=[Optional(), Length(max=100)])
    role = SelectField(
        _l("Role"),
        choices=choices(
            [("", _l("All roles")), *((r.value, label) for r, label in ROLE_LABELS.items())]
        ),
        validators=[Optional()],
    )


class ReassignCaseloadForm(FlaskForm):
    from_mentor = SelectField(_l("From mentor"), coerce=db_id, validate_choice=False)
    to_mentor = SelectField(_l("To mentor"), coerce=db_id, validate_choice=False)


class ReassignForm(FlaskForm):
    mentor_id = SelectField(_l("New mentor"), coerce=db_id, validate_choice=False)


class EraseForm(FlaskForm):
    confirm = BooleanField(
        _l("I checked the request: erase all data of this participant."),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )
