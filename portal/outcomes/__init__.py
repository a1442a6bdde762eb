"""Outcome figures: the coordinator's dashboard with filters, an organisation's own figures
for employers and WISEs, and the CSV export of the same aggregates."""

from flask import Blueprint

bp = Blueprint("outcomes", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
