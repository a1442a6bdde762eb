"""Proposals pages: the mentor's pipeline board and propose form, the employer's inbox and
steps, and the actions the participant (or the mentor at their side) takes."""

from flask import Blueprint

bp = Blueprint("proposals", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
