"""Match alerts found through the change feed: who hears about a new pair, once; what an
edit without effect, a revoked endorsement and two passes at once do; what the employer's
alert leaves out; and the embedded default that finds them right after the request."""

import re
import threading
from urllib.parse import urlsplit

from sqlmodel import select

from portal import db as portal_db
from portal.matching.index import get_applier
from portal.models import AlertPair, Notification, Participant, PendingMail, User
from portal.services import alerts, notification_choices
from portal.services.participants import endorsements
from portal.services.proposals.candidate_view import pseudonym
from portal.services.vacancies import lifecycle

from .alert_factory import alerts_of, far_participant, send
from .conftest import make_app
from .mail_files import every_text, html_links, mails_to, plain_text
from .proposal_factory import client_for, post_form, vacancy_data, world


def test_a_new_vacancy_alerts_exactly_the_mentors_whose_participants_fit_once(app, db, make_user):
    w = world(app, db, make_user, publish=False)
    other_mentor = make_user("mentor", locale="fr")
    far_participant(app, db, other_mentor)
    assert send(app, db).pairs_new == 0  # the people alone make no pair

    with app.app_context():
        lifecycle.publish(db, w.employer, w.vacancy)
    summary = send(app, db)
    assert summary.line() == "alerts pairs_new=1 mails=2 digests=0"
    [alert] = alerts_of(db, w.mentor, "match_alert")
    assert "Samir" in alert.body and "Magazijnmedewerker" in alert.body
    assert "Samir" not in alert.subject  # never a name in a subject
    assert (alert.vacancy_id, alert.participant_id) == (w.vacancy.id, w.participant.id)
    assert alerts_of(db, other_mentor) == []
    [mail] = mails_to(app, w.mentor.email)
    assert mail["Content-Language"] == "nl" and "Samir" in every_text(mail)

    # Once: another pass, and another change of the same vacancy, announce nothing new.
    assert send(app, db).pairs_new == 0
    with app.app_context():
        lifecycle.update(db, w.employer, w.vacancy, vacancy_data())
    assert send(app, db).line() == "alerts pairs_new=0 mails=0 digests=0"
    assert len(alerts_of(db, w.mentor)) == 1 and len(mails_to(app, w.mentor.email)) == 1


def test_the_mentor_is_led_to_the_propose_form(app, db, make_user):
    w = world(app, db, make_user)
    send(app, db)
    page = client_for(app, w.mentor).get("/notifications/").get_data(as_text=True)
    link = f"/proposals/new?participant_id={w.participant.id}&amp;vacancy_id={w.vacancy.id}"
    assert link in page


def test_the_mails_lead_straight_to_the_propose_form_and_the_candidates(app, db, make_user):
    """The alerts mailed at once, like the digest: the mentor's link opens the propose form
    of that pair, the employer's the vacancy's candidates; a link in the HTML part too."""
    w = world(app, db, make_user)
    send(app, db)
    pages = {}
    for user, path in (
        (w.mentor, f"/proposals/new?participant_id={w.participant.id}&vacancy_id={w.vacancy.id}"),
        (w.employer, f"/employer/vacancies/{w.vacancy.id}/candidates"),
    ):
        [mail] = mails_to(app, user.email)
        [url] = [word for word in plain_text(mail).split() if word.endswith(path)]
        assert (url, url) in html_links(mail)
        address = urlsplit(url)  # the portal's own (BASE_URL); the test client is at localhost
        assert url.startswith(app.config["BASE_URL"])
        response = client_for(app, user).get(f"{address.path}?{address.query}")
        assert response.status_code == 200, url
        pages[user.role] = response.get_data(as_text=True)
    for field, value in (("participant_id", w.participant.id), ("vacancy_id", w.vacancy.id)):
        select = re.search(rf'<select[^>]*name="{field}".*?</select>', pages["mentor"], re.S)
        assert re.search(rf'<option selected value="{value}">', select.group(0)), field


def test_the_employer_alert_carries_no_personal_field(app, db, make_user):
    w = world(app, db, make_user)  # employer reads French
    send(app, db)
    [alert] = alerts_of(db, w.employer, "candidate_alert")
    [mail] = mails_to(app, w.employer.email)
    with app.app_context():
        code = pseudonym(w.participant.id)
    text = " ".join([alert.subject, alert.body, mail["Subject"], every_text(mail)])
    assert code in text and "Magazijnmedewerker" in text
    assert alert.participant_id is None and mail["X-Portal-Participant"] is None
    for personal in ("Samir", "Noori", "samir@example.org", "1995", "9000"):
        assert personal not in text
    page = client_for(app, w.employer).get("/notifications/").get_data(as_text=True)
    assert f"/employer/vacancies/{w.vacancy.id}/candidates" in page


def test_a_revoked_endorsement_stops_the_pending_alerts_for_that_person(app, db, make_user):
    w = world(app, db, make_user, publish=False)
    with app.app_context():
        notification_choices.save(db, w.mentor, {"alerts": "daily"})
        lifecycle.publish(db, w.employer, w.vacancy)
    send(app, db)
    assert len(db.exec(select(PendingMail).where(PendingMail.user_id == w.mentor.id)).all()) == 1
    assert mails_to(app, w.mentor.email) == []  # it waits for the digest

    with app.app_context():
        endorsements.revoke_endorsement(db, w.mentor, db.get(Participant, w.participant.id))
    send(app, db)
    db.expire_all()
    assert db.exec(select(PendingMail).where(PendingMail.user_id == w.mentor.id)).all() == []
    pair = db.exec(select(AlertPair)).one()
    assert pair.fits is False

    # Endorsed again, the pair fits again: announced once more.
    with app.app_context():
        p = db.get(Participant, w.participant.id)
        endorsements.endorse(db, w.mentor, p, "Ready again: back at work for weeks.", "", None)
    assert send(app, db).pairs_new == 1
    assert len(alerts_of(db, w.mentor, "match_alert")) == 2


def test_two_passes_at_once_send_each_alert_once(app, db, make_user, database_url, tmp_path):
    w = world(app, db, make_user, publish=False)
    more = [
        far_participant(app, db, w.mentor, first_name=f"Far{i}", last_name="Away") for i in range(2)
    ]
    with app.app_context():
        for _ in range(3):  # three vacancies, each fitting Samir
            vacancy, _new = lifecycle.create(db, w.employer, vacancy_data())
            lifecycle.publish(db, w.employer, vacancy)
    assert more  # changes enough to spread over several claimed batches
    # Two apps as two hosts would have: own engine, own sessions, the same index folder.
    apps = [make_app(database_url, tmp_path, INDEX_DIR=app.config["INDEX_DIR"]) for _ in range(2)]
    results, errors, start = [], [], threading.Barrier(2)

    def one_pass(other):
        try:
            with other.app_context():
                start.wait()
                results.append(alerts.run_pass(portal_db.session(), _engine(other), 10**9, 1))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=one_pass, args=(a,)) for a in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for other in apps:
        other.extensions["portal_engine"].dispose()
    assert errors == []
    assert sum(r.pairs_new for r in results) == 3
    assert len(alerts_of(db, w.mentor, "match_alert")) == 3
    assert len(mails_to(app, w.mentor.email)) == 3
    assert len(alerts_of(db, w.employer, "candidate_alert")) == 3


def _engine(app):
    from portal.matching.index import get_store
    from search_index import open_engine

    return open_engine(get_store(app), app.extensions["portal_engine"], lock_timeout=30)


def test_the_embedded_default_alerts_right_after_the_request(db, make_user, database_url, tmp_path):
    embedded = make_app(database_url, tmp_path / "embedded", ALERTS_AFTER_REQUEST=True)
    try:
        w = world(embedded, db, make_user, publish=False)
        assert alerts_of(db, w.mentor) == []
        employer = client_for(embedded, w.employer)
        url = f"/employer/vacancies/{w.vacancy.id}/publish"
        post_form(employer, url, {}, page=f"/employer/vacancies/{w.vacancy.id}")
        assert get_applier(embedded).wait(30)
        [alert] = alerts_of(db, w.mentor, "match_alert")
        assert alert.vacancy_id == w.vacancy.id
        assert len(mails_to(embedded, w.mentor.email)) == 1
    finally:
        embedded.extensions["portal_engine"].dispose()


def test_an_erased_participant_takes_their_alerts_along(app, db, make_user):
    w = world(app, db, make_user)
    send(app, db)
    assert alerts_of(db, w.mentor, "match_alert")
    coordinator = make_user("coordinator")
    with app.app_context():
        from portal.services.participants import privacy

        privacy.erase(db, coordinator, db.get(Participant, w.participant.id))
    assert alerts_of(db, w.mentor, "match_alert") == []
    assert db.exec(select(AlertPair)).all() == []
    about = select(Notification).where(Notification.participant_id == w.participant.id)
    assert db.exec(about).all() == []


def test_the_command_prints_its_summary_and_the_demo_shows_unread_alerts(app, db):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    logins = [line.split() for line in result.stdout.splitlines() if line]
    first = {role: email for role, email, _password in reversed(logins)}
    for role, kind in (("mentor", "match_alert"), ("employer", "candidate_alert")):
        user = db.exec(select(User).where(User.email == first[role])).one()
        unread = [n for n in alerts_of(db, user, kind) if n.read_at is None]
        assert unread, role
    again = app.test_cli_runner().invoke(args=["alerts", "send"])
    assert again.exit_code == 0, again.output
    assert again.stdout.strip() == "alerts pairs_new=0 mails=0 digests=0"
