"""Type-ahead over the one vocabulary (built-in and imported ESCO entries, every language)."""

from flask import Blueprint

bp = Blueprint("lookup", __name__)

from . import views  # noqa: E402,F401  (registers the routes)
