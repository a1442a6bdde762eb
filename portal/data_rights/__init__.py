"""Data rights: the participant's "my data" page (also for their mentor at their side and a
coordinator), the coordinators' queue of data requests and the retention list."""

from flask import Blueprint

bp = Blueprint("data_rights", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
