"""Employer pages."""

from flask import render_template
from flask_login import current_user

from .. import db
from ..access import roles
from ..models import Organisation
from . import bp


@bp.route("/")
@roles("employer")
def dashboard():
    organisation = db.session().get(Organisation, current_user.organisation_id)
    return render_template("employers/dashboard.html", organisation=organisation)
