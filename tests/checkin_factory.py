"""Arrange a hire in the past straight through the services (the tests then act through the
test client)."""

from datetime import timedelta

from portal.clock import today
from portal.models import Proposal, Stage
from portal.services.proposals import workflow

from .proposal_factory import World, world


def hired(app, db, make_user, days_ago=40, **changes) -> tuple[World, Proposal]:
    w = world(app, db, make_user, **changes)
    with app.app_context():
        proposal = workflow.propose(
            db, w.mentor, w.participant.id, w.vacancy.id, "Past hire.", True
        )
        for stage, values in (
            (Stage.EMPLOYER_INTERESTED, {}),
            (Stage.INTRO_MEETING, {"meeting_on": today() + timedelta(days=1),
                                   "meeting_place": "X"}),
            (Stage.HIRED, {"contract_type": "open-ended",
                           "hire_start": today() - timedelta(days=days_ago)}),
        ):  # fmt: skip
            workflow.advance(db, w.employer, proposal.id, stage, values)
    return w, proposal


def checkin_form(**changes) -> dict:
    data = {
        "held_on": today().isoformat(),
        "still_employed": "yes",
        "participant_rating": "good",
        "employer_rating": "mixed",
        "participant_note": "Werkt graag in de ploeg.",
    }
    for item in ("buddy", "buddy_hours", "language_support", "onboarding", "trial", "aftercare"):
        data[f"commitment_{item}"] = "kept"
    return data | changes
