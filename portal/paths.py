"""Where the templates and message catalogs are: at the top of a source checkout, or inside
the package once installed from the wheel (setup.py maps them there). Both are writable in a
virtual environment, so `portal translations compile` works in either."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The checkout root when running from source (editable install, tests); None once installed.
SOURCE_ROOT = PACKAGE.parent if (PACKAGE.parent / "babel.cfg").is_file() else None

TEMPLATES_DIR = (SOURCE_ROOT or PACKAGE) / "templates"
TRANSLATIONS_DIR = (SOURCE_ROOT or PACKAGE) / "translations"
