"""Public pages: welcome, language choice and the health check."""

from flask import Blueprint

from ..form_fields import field_html, form_errors
from ..paging import pager
from ..pictograms import pictogram, sprite
from .navigation import main_nav

bp = Blueprint("site", __name__)
# drawn in Python, used by every page's templates
for _global in (pictogram, form_errors, pager, main_nav):
    bp.add_app_template_global(_global)
bp.add_app_template_global(field_html, "field")
bp.add_app_template_global(sprite, "pictogram_sprite")

from . import chrome, views  # noqa: E402,F401 (views registers the routes on bp)

for _global in (chrome.head_links, chrome.site_header, chrome.page_notices, chrome.listen_status):
    bp.add_app_template_global(_global)
