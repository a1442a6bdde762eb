"""Match pages: a vacancy's ranked candidates (employer, mentor), a participant's ranked
openings (mentor, the participant), and free-text search over vacancies for mentors."""

from flask import Blueprint

bp = Blueprint("matches", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
from .card_html import card_html  # noqa: E402
from .explanations import criteria_html  # noqa: E402
from .rows import candidate_rows, opening_rows  # noqa: E402

for _global in (criteria_html, candidate_rows, opening_rows, card_html):
    bp.add_app_template_global(_global)
