"""Filter forms of the match pages (sent with GET, so no CSRF token)."""

from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, Length, Optional

from ..forms import choices
from ..i18n import _l
from ..models import Reaction
from ..services.reactions import REASONS


class MatchFilterForm(FlaskForm):
    class Meta:
        csrf = False

    same_occupation = BooleanField(_l("Only the same occupation"))


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search vacancies"), validators=[Optional(), Length(max=500)])


class ReactionForm(FlaskForm):
    """ "I am interested" / "Not for me" on one opening (prefixed with the vacancy, so every
    card's fields have their own ids)."""

    reaction = HiddenField(validators=[AnyOf(list(Reaction))])
    reason = SelectField(
        _l("Why not? (you may skip this)"),
        choices=choices([("", _l("— no reason —")), *REASONS.items()]),
        validators=[Optional()],
    )


def reason_choices() -> tuple[str, Markup]:
    """(label, <option>s) of every card's reason list, drawn once per page (the same on
    every card; cards.html writes each card's fields with its own prefix)."""
    reason = ReactionForm(formdata=None).reason
    return reason.label.text, Markup("").join(option() for option in reason)
