"""Filter forms of the match pages (sent with GET, so no CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional

from ..i18n import _l


class MatchFilterForm(FlaskForm):
    class Meta:
        csrf = False

    same_occupation = BooleanField(_l("Only the same occupation"))
    page = IntegerField(_l("Page"), validators=[Optional(), NumberRange(1, 10_000)])


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search vacancies"), validators=[Optional(), Length(max=500)])
    page = IntegerField(_l("Page"), validators=[Optional(), NumberRange(1, 10_000)])
