"""gunicorn settings for production, shipped in the wheel so an installed portal has them:
`gunicorn -c python:portal.gunicorn_settings 'portal:create_app()'`. Override any of them on
the command line."""

import multiprocessing
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PORTAL_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 60
graceful_timeout = 30
# No preload: each worker builds its own app, engine and index handles after the fork.
preload_app = False
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(_server):
    """No `Server: gunicorn` banner: gunicorn writes the header from this module global,
    which the workers inherit when they fork."""
    from gunicorn.http import wsgi

    wsgi.SERVER = "portal"
