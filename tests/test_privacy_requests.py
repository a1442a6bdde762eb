"""Issue 12: correction and erasure requests land in the coordinators' queue with their legal
deadline (one month, GDPR art. 12(3)), a reminder goes out once a week before it, and what
was done is recorded; bad input gets a clear message and keeps what was typed."""

from datetime import date, datetime

import pytest
from sqlmodel import select

from portal import clock
from portal.models import DataRequest, Notification, Participant

from .proposal_factory import client_for, post_form, world
from .test_participants_openings import participant_client


def at(monkeypatch, day: date) -> None:
    """Move the portal's clock to 10:00 in Brussels on that day."""
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=clock.BRUSSELS)
    monkeypatch.setattr(clock, "now", lambda: moment)


def ask(client, p, kind="correction", text="Mijn postcode is 9050, niet 9000.", lang="en"):
    page = f"/data/participants/{p.id}"
    return post_form(client, f"{page}/requests?lang={lang}", {"kind": kind, "text": text}, page)


def decide(client, request_id, outcome, reason=""):
    prefix = f"r{request_id}-"
    data = {f"{prefix}outcome": outcome, f"{prefix}reason": reason}
    url = f"/data/requests/{request_id}/decision?lang=en"
    return post_form(client, url, data, "/data/requests", prefix=prefix)


def requests(db) -> list[DataRequest]:
    db.expire_all()
    return list(db.exec(select(DataRequest).order_by(DataRequest.id)))


def test_a_request_lands_in_the_queue_with_a_deadline_one_month_later(
    app, db, make_user, monkeypatch
):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    at(monkeypatch, date(2027, 1, 31))
    assert ask(person, w.participant).status_code == 302
    [request] = requests(db)
    assert request.due_on == date(2027, 2, 28)  # a calendar month, clipped to its end
    assert request.created_by_role == "participant" and request.handled_at is None
    mine = person.get(f"/data/participants/{w.participant.id}?lang=en").get_data(as_text=True)
    assert "you asked us to change something. We answer by February 28, 2027." in mine
    boss = client_for(app, make_user("coordinator"))
    queue = boss.get("/data/requests?lang=en").get_data(as_text=True)
    assert "Mijn postcode is 9050, niet 9000." in queue and "Deadline: Feb 28, 2027" in queue
    assert "Samir" in queue
    assert "/data/requests" in boss.get("/coordinator/?lang=en").get_data(as_text=True)
    for role in ("mentor", "employer", "participant"):
        assert client_for(app, make_user(role)).get("/data/requests").status_code == 403
        refused = decide(client_for(app, make_user(role)), request.id, "done")
        assert refused.status_code == 403
    assert requests(db)[0].handled_at is None
    at(monkeypatch, date(2027, 3, 1))
    assert "overdue" in boss.get("/data/requests?lang=en").get_data(as_text=True)


def test_the_reminder_goes_out_once_a_week_before_the_deadline(app, db, make_user, monkeypatch):
    w = world(app, db, make_user)
    coordinators = [make_user("coordinator"), make_user("coordinator")]
    coordinators[0].locale, coordinators[1].locale = "nl", "en"
    db.add_all(coordinators)
    db.commit()
    at(monkeypatch, date(2027, 3, 10))
    assert ask(client_for(app, w.mentor), w.participant).status_code == 302
    [request] = requests(db)
    assert request.due_on == date(2027, 4, 10) and request.created_by_role == "mentor"
    runner = app.test_cli_runner()

    def remind() -> str:
        result = runner.invoke(args=["privacy", "remind"])
        assert result.exit_code == 0, result.output
        return result.output.strip().splitlines()[-1]

    at(monkeypatch, date(2027, 4, 2))
    assert remind() == "privacy remind notified=0"
    at(monkeypatch, date(2027, 4, 3))
    assert remind() == "privacy remind notified=1"
    assert remind() == "privacy remind notified=0"
    db.expire_all()
    sent = db.exec(select(Notification).where(Notification.kind == "data_request_due")).all()
    assert sorted(n.user_id for n in sent) == sorted(u.id for u in coordinators)
    # the deadline written out in each coordinator's own language, with its weekday
    day = {
        coordinators[0].id: "zaterdag 10 april 2027",
        coordinators[1].id: "Saturday, April 10, 2027",
    }
    assert all(day[n.user_id] in n.subject and "Samir" not in n.body for n in sent)


def test_coordinator_records_correction_refusal_and_erasure(app, db, make_user):
    w = world(app, db, make_user)
    pid = w.participant.id
    person = participant_client(app, db, w)
    ask(person, w.participant)
    ask(person, w.participant, text="Schrap mijn rijbewijs.")
    boss_user = make_user("coordinator")
    boss = client_for(app, boss_user)
    first, second = requests(db)

    answer = decide(boss, first.id, "refused").get_data(as_text=True)
    assert "Write why you refuse." in answer and requests(db)[0].handled_at is None
    assert decide(boss, first.id, "done").status_code == 302
    assert decide(boss, second.id, "refused", "Het rijbewijs is geldig.").status_code == 302
    first, second = requests(db)
    assert (first.outcome, first.handled_by_id) == ("done", boss_user.id)
    assert (second.outcome, second.reason) == ("refused", "Het rijbewijs is geldig.")
    again = decide(boss, first.id, "refused", "Toch niet.")
    assert again.status_code == 302 and requests(db)[0].outcome == "done"
    page = person.get(f"/data/participants/{w.participant.id}?lang=en").get_data(as_text=True)
    assert "Done on" in page and "We said no on" in page and "Het rijbewijs is geldig." in page
    messages = db.exec(select(Notification.body).where(Notification.kind == "data_request"))
    assert len(messages.all()) == 2

    ask(person, w.participant, kind="erasure", text="Wis al mijn gegevens.")
    ask(person, w.participant, text="Nog een open vraag.")
    erasure, still_open = requests(db)[2:]
    assert decide(boss, erasure.id, "done").status_code == 302
    db.expire_all()
    assert db.get(Participant, pid) is None
    erasure, still_open = requests(db)[2:]
    assert (erasure.outcome, erasure.handled_by_id, erasure.participant_id) == (
        "done", boss_user.id, None
    )  # fmt: skip
    assert erasure.text == "" and still_open.outcome == "erased" and still_open.text == ""
    assert not [r for r in requests(db) if r.participant_id is not None or r.text]
    handled = boss.get("/data/requests?lang=en").get_data(as_text=True)
    assert "Closed: all data erased" in handled and "Wis al mijn" not in handled


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("correction", "", "Write what we should do."),
        ("correction", "   ", "Write what we should do."),
        ("erasure", "x" * 10_000, "Use at most 2000 characters."),
        ("", "Verander mijn naam.", "Choose what we should do."),
        ("everything", "Verander mijn naam.", "Choose what we should do."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(app, db, make_user, kind, text, message):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    answer = ask(person, w.participant, kind=kind, text=text)
    assert answer.status_code == 200
    body = answer.get_data(as_text=True)
    assert message in body and "Please correct the fields marked below." in body
    assert text.strip()[:100] in body  # what was typed is shown again
    assert requests(db) == []


def test_the_message_is_in_the_participants_language(app, db, make_user):
    w = world(app, db, make_user)
    person = participant_client(app, db, w)
    french = ask(person, w.participant, text="", lang="fr").get_data(as_text=True)
    assert 'lang="fr"' in french and "Write what we should do." not in french
    assert "Écrivez ce que nous devons faire." in french
