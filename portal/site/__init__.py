"""Public pages: welcome, language choice and the health check."""

from flask import Blueprint

from ..pictograms import pictogram

bp = Blueprint("site", __name__)
bp.add_app_template_global(pictogram)

from . import views  # noqa: E402,F401  (registers the routes on bp)
