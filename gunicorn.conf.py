"""gunicorn reads this file from the checkout (`gunicorn wsgi:app`); the settings themselves
travel in the package, see portal/gunicorn_settings.py."""

from portal.gunicorn_settings import *  # noqa: F403
