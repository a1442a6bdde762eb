"""Forms of the data-rights pages; the data request service checks the values."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField

from ..forms import choices
from ..i18n import _l
from ..models import RequestKind, RequestOutcome


class DataRequestForm(FlaskForm):
    kind = RadioField(
        _l("What do you want?"),
        choices=choices(
            [
                (RequestKind.CORRECTION.value, _l("Change something")),
                (RequestKind.ERASURE.value, _l("Delete all my data")),
            ]
        ),
        validate_choice=False,
    )
    text = TextAreaField(_l("What should we do?"))


class RequestDecisionForm(FlaskForm):
    outcome = RadioField(
        _l("What was done?"),
        choices=choices(
            [
                (RequestOutcome.DONE.value, _l("Done")),
                (RequestOutcome.REFUSED.value, _l("Refused")),
            ]
        ),
        validate_choice=False,
    )
    reason = TextAreaField(_l("Note (required when you refuse)"))
