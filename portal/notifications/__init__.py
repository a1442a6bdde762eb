"""The in-portal notifications list of every signed-in user."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
