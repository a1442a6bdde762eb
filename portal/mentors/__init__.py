"""Pages for mentors at a social enterprise (WISE)."""

from flask import Blueprint

bp = Blueprint("mentors", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
