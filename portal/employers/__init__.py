"""Pages for employers in the regular economy."""

from flask import Blueprint

bp = Blueprint("employers", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
