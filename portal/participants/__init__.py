"""Pages for participants, in plain language."""

from flask import Blueprint

bp = Blueprint("participants", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
