"""Participant pages, in plain language: my profile (with Dutch beside it on request) and
my consent to be matched."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from .. import db, vocabulary
from ..access import roles
from ..forms import ActionForm
from ..i18n import _, dutch_beside, with_dutch
from ..models import OPEN_STAGES
from ..services.participants import consents, opening
from ..services.proposals import boards, sharing
from . import bp
from .plain import plain_blocks, proposal_lines


def _me():
    """My own profile, through the same audited access as everyone else."""
    session = db.session()
    p = opening.own_participant(session, current_user)
    if p is None:
        return None
    return opening.open_participant(session, current_user, p.id)


@bp.route("/")
@roles("participant")
def home():
    p = _me()
    if p is None:
        return render_template("participants/home.html", participant=None)
    session = db.session()
    blocks = with_dutch(lambda: plain_blocks(session, p))
    return render_template(
        "participants/home.html",
        participant=p,
        blocks=blocks,
        side=dutch_beside(),
        consent=consents.current_consent(session, p),
        action_form=ActionForm(),
        vocabulary=vocabulary,
        proposals=[(row, proposal_lines(row)) for row in boards.participant_rows(session, p)],
        open_stages=OPEN_STAGES,
    )


@bp.route("/consent", methods=["POST"])
@roles("participant")
def give_consent():
    p = _me() or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    consents.give_consent(db.session(), current_user, p)
    flash(_("Thank you. You said yes."), "success")
    return redirect(url_for("participants.home"))


@bp.route("/consent/withdraw", methods=["POST"])
@roles("participant")
def withdraw_consent():
    p = _me() or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    if consents.current_consent(db.session(), p) is not None:
        sharing.withdraw_matching(db.session(), current_user, p)
    flash(_("You said stop. Nobody sees your profile now."), "success")
    return redirect(url_for("participants.home"))
