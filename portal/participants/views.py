"""Participant pages, in plain language."""

from flask import render_template

from ..access import roles
from . import bp


@bp.route("/")
@roles("participant")
def home():
    return render_template("participants/home.html")
