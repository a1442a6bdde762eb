"""Aftercare check-ins: the mentor records each contact after a hire, the employer adds its
view, the mentor reopens a profile for new matches after someone left a job."""

from flask import Blueprint

bp = Blueprint("checkins", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
