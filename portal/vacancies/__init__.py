"""Published vacancies as mentors and coordinators browse and read them."""

from flask import Blueprint

bp = Blueprint("vacancies", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
