"""The bare Flask app `portal bench pages` measures the portal against: the same gunicorn,
the same workers, no database, no templates. Its rate is the ceiling a page is compared to."""

import gc

from flask import Flask

app = Flask(__name__)
gc.freeze()  # as the portal does in production (portal/__init__.py), so both start alike


@app.route("/")
def hello():
    return "hello"
