"""Published vacancies as mentors and coordinators browse and read them."""

from flask import Blueprint

bp = Blueprint("vacancies", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
from .rows import commitment_summary, vacancy_rows  # noqa: E402

for _global in (commitment_summary, vacancy_rows):  # drawn in Python (see rows.py)
    bp.add_app_template_global(_global)
