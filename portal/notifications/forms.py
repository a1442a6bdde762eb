"""Forms of the notifications pages: mark read (ActionForm) and the e-mail choices."""

from flask_wtf import FlaskForm
from wtforms import RadioField

from ..forms import choices
from ..services import notification_choices as svc


class ChoicesForm(FlaskForm):
    """One choice per topic; the service checks the answers (its message by the field)."""

    alerts = RadioField(svc.TOPICS[svc.ALERTS], validate_choice=False)
    proposals = RadioField(svc.TOPICS[svc.PROPOSALS], validate_choice=False)
    checkins = RadioField(svc.TOPICS[svc.CHECKINS], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for topic in svc.TOPICS:
            self[topic].choices = choices(svc.FREQUENCIES.items())
