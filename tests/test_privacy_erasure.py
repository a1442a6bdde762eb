"""Issue 12 finding 5: e-mail subjects and log lines never carry a participant's name,
e-mail or phone; erasure removes the mail files about the participant."""

import logging
from datetime import timedelta

from portal import clock
from portal.models import Participant
from portal.services.participants import login_codes

from .mail_files import every_text
from .mail_files import read_mails as _mails
from .proposal_factory import client_for, post_form, proposals_of, propose, step, world

PERSONAL = ("Samir", "Noori", "samir@example.org")


def test_no_name_in_subjects_or_logs_and_erasure_removes_the_mails(app, db, make_user, caplog):
    caplog.set_level(logging.DEBUG)
    w = world(app, db, make_user)
    with app.app_context():
        login_codes.issue_login_code(db, w.mentor, db.get(Participant, w.participant.id))
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)
    propose(mentor, w)
    [proposal] = proposals_of(db, w)
    soon = (clock.today() + timedelta(days=3)).isoformat()
    step(employer, proposal.id, "employer_interested")
    meeting = {"meeting_on": soon, "meeting_time": "10:30", "meeting_place": "Onthaal"}
    assert step(employer, proposal.id, "intro_meeting", meeting).status_code == 302

    mails = _mails(app)
    assert {m["To"] for m in mails} >= {"samir@example.org", w.mentor.email}
    assert not [m["Subject"] for m in mails if any(s in m["Subject"] for s in PERSONAL)]
    assert not [r.getMessage() for r in caplog.records
                if any(s in r.getMessage() for s in PERSONAL)]  # fmt: skip

    other = {"role": "mentor", "display_name": "Els", "organisation_name": "Atelier vzw",
             "email": "els@atelier.example", "password": "a quiet green harbour",
             "confirm": "a quiet green harbour"}  # fmt: skip
    post_form(app.test_client(), "/register", other, "/register")
    coordinator = client_for(app, make_user("coordinator"))
    url = f"/coordinator/participants/{w.participant.id}/erase"
    assert post_form(coordinator, url, {"confirm": "y"}, "/coordinator/").status_code == 302
    left = _mails(app)
    assert [m["To"] for m in left] == ["els@atelier.example"]  # mails about others stay
    assert not [m for m in left if m["To"] == "samir@example.org"]
    assert not [m for m in left if m["X-Portal-Participant"] == str(w.participant.id)]
    assert not [m for m in left if "Samir" in every_text(m)]
