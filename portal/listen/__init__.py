"""Read aloud: the audio of the plain-language blocks on the participant's pages."""

from flask import Blueprint

bp = Blueprint("listen", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
from .blocks import plain_blocks  # noqa: E402
from .views import listen_button  # noqa: E402

bp.add_app_template_global(listen_button)
bp.add_app_template_global(plain_blocks)
