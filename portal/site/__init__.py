"""Public pages: welcome, language choice and the health check."""

from flask import Blueprint

bp = Blueprint("site", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
