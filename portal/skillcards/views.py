"""Who may print the skills card: the participant, their mentor (and a coordinator), through
the audited participant access; an employer only for a proposal where the participant
shared name and contact with them."""

from flask import abort, render_template
from flask_login import current_user

from .. import db, skills_card
from ..access import roles
from ..services.participants import opening
from . import bp


def _render(p):
    return render_template("skillcards/card.html", card=skills_card.build(db.session(), p))


@bp.route("/me/card")
@roles("participant")
def mine():
    session = db.session()
    p = opening.own_participant(session, current_user) or abort(404)
    return _render(opening.open_participant(session, current_user, p.id))


@bp.route("/mentor/participants/<int:participant_id>/card")
@roles("mentor", "coordinator")
def of_participant(participant_id: int):
    return _render(opening.open_participant(db.session(), current_user, participant_id))


@bp.route("/proposals/<int:proposal_id>/card")
@roles("employer")
def for_proposal(proposal_id: int):
    return _render(skills_card.open_for_employer(db.session(), current_user, proposal_id))
