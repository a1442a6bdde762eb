"""The filter form of the outcome pages (sent with GET: it changes nothing)."""

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional

from .. import vocabulary
from ..forms import PlainDateField, choices
from ..i18n import _l
from ..services.organisations import SECTOR_OTHER
from ..services.outcomes import regions


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter

    start = PlainDateField(_l("From"), validators=[Optional()])
    end = PlainDateField(_l("Up to"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.start.data and self.end.data and self.start.data > self.end.data:
            self.end.errors = [_l("The end of the period comes before its start.")]
            return False
        return ok


class OutcomeFilterForm(PeriodForm):
    wise = SelectField(_l("Social enterprise (WISE)"), default="")
    sector = SelectField(_l("Employer sector"), default="")
    region = SelectField(_l("Region"), default="")

    def __init__(self, *args, wises=(), locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _l("All"))
        self.wise.choices = choices([everything, *((str(o.id), o.name) for o in wises)])
        self.sector.choices = choices(
            [everything]
            + [(g.code, vocabulary.label(g, locale)) for g in vocabulary.groups()]
            + [(SECTOR_OTHER, _l("Other sector"))]
        )
        self.region.choices = choices([everything, *((r, r) for r in regions())])
