"""The bare Flask app `portal bench pages` measures the portal against: the same gunicorn,
the same workers, no database, no templates. Its rate is the ceiling a page is compared to."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "hello"
