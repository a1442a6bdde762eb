"""Read aloud: the audio of the plain-language blocks on the participant's pages."""

from flask import Blueprint

bp = Blueprint("listen", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
