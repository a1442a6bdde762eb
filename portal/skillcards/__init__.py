"""The printable skills card of a participant."""

from flask import Blueprint

bp = Blueprint("skillcards", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
