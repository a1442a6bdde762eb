"""Pages for coordinators: approvals, accounts, oversight."""

from flask import Blueprint

bp = Blueprint("coordinators", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
