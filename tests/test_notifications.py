"""Notifications: in the recipient's language, as an .eml file and in the portal list."""

from datetime import date, timedelta

from sqlmodel import select

from portal import clock
from portal.models import Notification
from portal.services.participants import login_codes, profiles

from .mail_files import plain_text
from .mail_files import read_mails as _mails
from .proposal_factory import client_for, post_form, proposals_of, propose, step, world


def _for(mails, address):
    return [m for m in mails if m["To"] == address]


def test_each_event_reaches_its_people_in_their_own_language(app, db, make_user):
    coordinator = make_user("coordinator", locale="ar")
    w = world(app, db, make_user)  # mentor nl, employer fr
    mentor, employer = client_for(app, w.mentor), client_for(app, w.employer)

    propose(mentor, w)
    [proposal] = proposals_of(db, w)
    [new] = _for(_mails(app), w.employer.email)
    assert new["Subject"] == "Nouveau candidat pour Magazijnmedewerker"
    assert new["Content-Language"] == "fr"

    step(employer, proposal.id, "employer_interested")
    [answer] = _for(_mails(app), w.mentor.email)
    assert "is geïnteresseerd in een voorstel" in answer["Subject"]
    assert "Samir" not in answer["Subject"]  # never a name in a subject (issue 12)

    soon = clock.today() + timedelta(days=2)
    meeting = {"meeting_on": soon.isoformat(), "meeting_time": "09:00", "meeting_place": "Dok 4"}
    step(employer, proposal.id, "intro_meeting", meeting)
    mails = _mails(app)
    assert any("Kennismakingsgesprek" in m["Subject"] for m in _for(mails, w.mentor.email))
    assert any("Entretien" in m["Subject"] for m in _for(mails, w.employer.email))
    # The participant has no own login yet: the employer and mentor only.
    [invite] = [m for m in _for(mails, w.employer.email) if "Entretien" in m["Subject"]]
    assert "Dok 4" in plain_text(invite)

    hire = {"contract_type": "open-ended", "hire_start": soon.isoformat()}
    step(employer, proposal.id, "hired", hire)
    [hired] = _for(_mails(app), coordinator.email)
    assert hired["Content-Language"] == "ar" and "تم التوظيف" in hired["Subject"]
    # Latin names and titles inside Arabic sentences are isolated (their own direction);
    # messages in left-to-right languages carry no marks.
    assert f"\u2068{w.vacancy.title}\u2069" in plain_text(hired)
    assert all("\u2068" not in plain_text(m) for m in _for(_mails(app), w.employer.email))

    # The same messages in the portal list, in the reader's language, with the unread count.
    boss = client_for(app, coordinator)
    page = boss.get("/notifications/").get_data(as_text=True)
    assert "تم التوظيف" in page
    assert '<span class="tag">1 <span class="visually-hidden">' in page
    db.expire_all()
    row = db.exec(select(Notification).where(Notification.user_id == coordinator.id)).one()
    assert post_form(boss, f"/notifications/{row.id}/read", {}).status_code == 302
    db.expire_all()
    assert db.get(Notification, row.id).read_at is not None
    assert '<span class="tag">1' not in boss.get("/notifications/").get_data(as_text=True)


def test_meeting_reaches_the_participant_too_in_their_language(app, db, make_user):
    from portal.models import Participant

    w = world(app, db, make_user)
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        profiles.save_section(
            db, w.mentor, p, "person",
            {"first_name": "Samir", "email": "samir@example.org", "preferred_languages": ["ar"],
                 "date_of_birth": date(1995, 5, 4)},
        )  # fmt: skip
        login_codes.issue_login_code(db, w.mentor, p)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    employer = client_for(app, w.employer)
    step(employer, proposal.id, "employer_interested")
    soon = (clock.today() + timedelta(days=2)).isoformat()
    step(employer, proposal.id, "intro_meeting", {"meeting_on": soon, "meeting_place": "Dok 4"})
    [mail] = _for(_mails(app), "samir@example.org")
    assert mail["Content-Language"] == "ar"
    db.expire_all()
    user_id = db.get(Participant, w.participant.id).user_id
    rows = db.exec(select(Notification).where(Notification.user_id == user_id)).all()
    assert len(rows) == 1 and rows[0].kind == "meeting_planned"


def test_a_user_cannot_mark_someone_elses_notification(app, db, make_user):
    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    db.expire_all()
    row = db.exec(select(Notification)).first()
    other = client_for(app, make_user("employer"))
    assert post_form(other, f"/notifications/{row.id}/read", {}).status_code == 403
    db.expire_all()
    assert db.get(Notification, row.id).read_at is None
    assert "Nouveau candidat" not in other.get("/notifications/").get_data(as_text=True)


def test_smtp_is_used_when_configured(app, db, make_user, monkeypatch):
    """The one place we stand in for something outside: the mail server."""
    import smtplib

    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("tls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, mail):
            sent.append(("send", mail["To"]))

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    app.config.update(SMTP_HOST="mail.example.org", SMTP_PORT=2525, SMTP_USER="portal")
    w = world(app, db, make_user)
    propose(client_for(app, w.mentor), w)
    assert sent == [
        ("connect", "mail.example.org", 2525),
        ("tls",),
        ("login", "portal"),
        ("send", w.employer.email),
    ]
    assert _mails(app) == []
