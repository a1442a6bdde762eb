"""Match pages: a vacancy's ranked candidates (employer, mentor), a participant's ranked
openings (mentor, the participant), and free-text search over vacancies for mentors."""

from flask import Blueprint

bp = Blueprint("matches", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
from .explanations import criteria_html  # noqa: E402

bp.add_app_template_global(criteria_html)
