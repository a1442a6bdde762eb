"""Forms of the front door: an employer's request, the coordinator's switch."""

from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from .. import vocabulary
from ..forms import choices
from ..i18n import _l


def _text(label, max_length, field=StringField, **kwargs):
    rule = Length(max=max_length, message=_l("Use at most %(max)d characters."))
    return field(label, validators=[rule], **kwargs)


class LeadForm(FlaskForm):
    """Checked by services.leads.problems; the fields only cap the length."""

    occupation_group = SelectField(_l("Kind of work"), validate_choice=False)
    postcode = _text(_l("Postcode of the workplace"), 4, description=_l("4 digits, e.g. 9000."))
    text = _text(
        _l("Whom are you looking for?"),
        1000,
        TextAreaField,
        description=_l("For example: we often need warehouse staff, day shifts."),
    )
    organisation_name = _text(_l("Name of the organisation"), 200)
    contact_name = _text(_l("Contact person"), 120)
    contact_email = _text(_l("E-mail address"), 254, EmailField)
    contact_phone = _text(_l("Phone (optional)"), 40)

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.occupation_group.choices = choices(
            [("", _l("Choose…"))]
            + [(g.code, vocabulary.label(g, locale)) for g in vocabulary.groups()]
        )


class SwitchForm(FlaskForm):
    enabled = RadioField(
        _l("Ready talent page"),
        choices=choices([("on", _l("Shown to everyone")), ("off", _l("Switched off"))]),
    )


class PlaceForm(FlaskForm):
    postcode = _text(_l("Postcode of your organisation"), 4, description=_l("4 digits, e.g. 9000."))
