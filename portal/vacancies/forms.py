"""The filter form of the vacancy list (sent with GET, so no CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional

from ..forms import RememberedSelect, choices
from ..i18n import _l
from ..services import catalogues

RADII = (5, 10, 20, 30, 50)


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    occupation = SelectField(_l("Occupation"), validate_choice=False, widget=RememberedSelect())
    postcode = StringField(_l("Postcode or town"))
    radius_km = SelectField(
        _l("Distance (straight-line)"),
        choices=choices(
            [("", _l("Any distance"))] + [(str(km), _l("%(km)d km", km=km)) for km in RADII]
        ),
        validate_choice=False,
        widget=RememberedSelect(),
    )
    hours_min = IntegerField(
        _l("At least hours per week"),
        validators=[Optional(), NumberRange(0, 60, _l("Between %(min)s and %(max)s."))],
    )
    hours_max = IntegerField(
        _l("At most hours per week"),
        validators=[Optional(), NumberRange(0, 60, _l("Between %(min)s and %(max)s."))],
    )
    dutch_level = SelectField(
        _l("Dutch asked at most"), validate_choice=False, widget=RememberedSelect()
    )
    shift = SelectField(
        _l("Shift"),
        choices=choices([("", _l("Any shift")), *catalogues.pairs(catalogues.SHIFTS)]),
        validate_choice=False,
        widget=RememberedSelect(),
    )
    sort = SelectField(
        _l("Sort by"),
        choices=choices(
            [
                ("closing", _l("Closing date")),
                ("newest", _l("Newest first")),
                ("hours", _l("Most hours")),
                ("distance", _l("Distance")),
            ]
        ),
        validate_choice=False,
        widget=RememberedSelect(),
    )

    def __init__(self, *args, occupations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.occupation.choices = choices([("", _l("Any occupation")), *occupations])
        self.dutch_level.choices = choices([("", _l("Any level")), *catalogues.dutch_level_pairs()])
