"""Filter forms of the match pages (sent with GET, so no CSRF token)."""

from functools import cache

from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, Length, Optional

from ..forms import choices
from ..i18n import _l, current_language
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
    """(label, <option>s) of every card's reason list in the current language: the same on
    every card (cards.html writes each card's fields with its own prefix)."""
    return _reason_choices(current_language())


@cache
def _reason_choices(_language: str) -> tuple[str, Markup]:
    """Drawn once per language and process (the caller's locale is the current one)."""
    reason = ReactionForm(formdata=None, meta={"csrf": False}).reason
    return str(reason.label.text), Markup("").join(option() for option in reason)
