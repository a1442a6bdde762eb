"""WSGI entry point: `gunicorn wsgi:app` (gunicorn.conf.py holds the worker settings)."""

from portal import create_app

app = create_app()
