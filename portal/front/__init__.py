"""The employers' front door: ready talent and results in aggregate, what a mentoring
commitment is, a vacancy drafted while the account waits for approval, and requests (leads)
for the mentors of a region."""

from flask import Blueprint

bp = Blueprint("front", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
