"""Issue 12: retention. A participant without activity for PORTAL_RETENTION_MONTHS (24 by
default: after the last check-in held or the endorsement's end, whichever is later) is listed
for the coordinator; `portal privacy sweep --apply` erases them and says how many."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from portal.config import ConfigError
from portal.models import AuditEvent, CheckIn, Endorsement, Participant, Proposal, User

from .checkin_factory import hired
from .conftest import make_app
from .participant_factory import endorse, make_participant
from .proposal_factory import client_for
from .test_privacy_requests import at

LONG_AGO = datetime(2024, 3, 10, 12, tzinfo=UTC)


def quiet_since(db, p, moment: datetime, valid_until: date | None = None) -> None:
    """Make every trace of activity of this participant as old as `moment`."""
    db.exec(update(Participant).where(Participant.id == p.id).values(updated_at=moment))
    db.exec(update(Proposal).where(Proposal.participant_id == p.id).values(updated_at=moment))
    db.exec(update(User).where(User.id == p.user_id).values(last_login_at=moment))
    db.exec(
        update(Endorsement)
        .where(Endorsement.participant_id == p.id)
        .values(valid_until=valid_until or moment.date())
    )
    db.commit()


def sweep(app, *options) -> list[str]:
    result = app.test_cli_runner().invoke(args=["privacy", "sweep", *options])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()


def test_sweep_lists_exactly_24_months_and_apply_erases(app, db, make_user, monkeypatch):
    mentor = make_user("mentor")
    due = make_participant(app, db, mentor, first_name="Oudste")
    day_short = make_participant(app, db, mentor, first_name="Bijna")
    endorsed = make_participant(app, db, mentor, complete=True, first_name="Geldig")
    endorse(app, db, mentor, endorsed)
    quiet_since(db, due, LONG_AGO)
    quiet_since(db, day_short, LONG_AGO + timedelta(days=1))
    quiet_since(db, endorsed, LONG_AGO, valid_until=date(2025, 1, 15))  # the later one counts
    w, proposal = hired(app, db, make_user)
    with app.app_context():
        db.add(CheckIn(proposal_id=proposal.id, month=12, due_on=date(2025, 6, 1),
                       held_on=date(2025, 6, 3), recorded_at=LONG_AGO))  # fmt: skip
        db.commit()
    quiet_since(db, w.participant, LONG_AGO)
    at(monkeypatch, date(2026, 3, 10))
    due_id = due.id

    lines = sweep(app)
    assert lines[-1] == "privacy sweep due=1 erased=0"
    assert lines[:-1] == [f"due participant={due.id} mentor={mentor.id} last_activity=2024-03-10"]
    assert "Oudste" not in "\n".join(lines)  # ids only on the terminal
    page = client_for(app, make_user("coordinator")).get("/data/requests?lang=en")
    body = page.get_data(as_text=True)
    assert "Oudste" in body and "Bijna" not in body and "Geldig" not in body
    assert "No activity for 24 months or longer." in body

    lines = sweep(app, "--apply")
    assert lines[-1] == "privacy sweep due=1 erased=1"
    db.expire_all()
    left = {p.first_name for p in db.exec(select(Participant))}
    assert "Oudste" not in left and {"Bijna", "Geldig", "Samir"} <= left
    erased = db.exec(select(AuditEvent).where(AuditEvent.action == "participant.erased")).one()
    assert (erased.subject_id, erased.actor_id, erased.detail) == (due_id, None, "retention")
    assert sweep(app, "--apply")[-1] == "privacy sweep due=0 erased=0"

    at(monkeypatch, date(2026, 3, 11))  # one day later the next one is due
    assert sweep(app)[-1] == "privacy sweep due=1 erased=0"
    at(monkeypatch, date(2027, 1, 15))  # 24 months after the endorsement ended
    assert sweep(app)[-1] == "privacy sweep due=2 erased=0"
    at(monkeypatch, date(2027, 6, 3))  # and 24 months after the last check-in held
    assert sweep(app)[-1] == "privacy sweep due=3 erased=0"


def test_the_period_is_a_setting(database_url, tmp_path, db, make_user, app, monkeypatch):
    mentor = make_user("mentor")
    p = make_participant(app, db, mentor, first_name="Kort")
    quiet_since(db, p, LONG_AGO)
    at(monkeypatch, date(2025, 3, 10))
    assert sweep(app)[-1] == "privacy sweep due=0 erased=0"
    shorter = make_app(database_url, tmp_path / "short", RETENTION_MONTHS=12)
    assert sweep(shorter)[-1] == "privacy sweep due=1 erased=0"
    shorter.extensions["portal_engine"].dispose()
    for wrong in (0, 601):
        with pytest.raises(ConfigError, match="PORTAL_RETENTION_MONTHS"):
            make_app(database_url, tmp_path / "wrong", RETENTION_MONTHS=wrong)
