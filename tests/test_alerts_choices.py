"""Notification choices: digests that group and respect the chosen frequency, the
settings page of every role, and the one-click unsubscribe link that needs no sign-in
but refuses a tampered token."""

from datetime import datetime, time, timedelta

from sqlmodel import select

from portal import clock
from portal.models import NotificationChoice, Participant, PendingMail
from portal.services import digests, notification_choices
from portal.services.participants import privacy
from portal.services.vacancies import lifecycle

from .alert_factory import send
from .conftest import login
from .mail_files import every_text, mails_to
from .participant_factory import endorse, make_participant
from .proposal_factory import client_for, post_form, propose, vacancy_data, world


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour), clock.BRUSSELS)


def _digests(app, db, now) -> int:
    with app.app_context():
        return digests.send_due(db, now)


def test_a_daily_digest_groups_by_participant_and_waits_for_its_hour(app, db, make_user):
    w = world(app, db, make_user, publish=False)
    second = make_participant(app, db, w.mentor, complete=True, first_name="Amina")
    endorse(app, db, w.mentor, second)
    with app.app_context():
        notification_choices.save(db, w.mentor, {"alerts": "daily"})
        lifecycle.publish(db, w.employer, w.vacancy)
        other, _new = lifecycle.create(db, w.employer, vacancy_data(title="Heftruckchauffeur"))
        lifecycle.publish(db, w.employer, other)
    assert send(app, db).pairs_new == 4
    assert mails_to(app, w.mentor.email) == []

    today = clock.today()
    assert _digests(app, db, _at(today, 23)) == 0  # chosen today: the first digest is tomorrow
    tomorrow = today + timedelta(days=1)
    assert _digests(app, db, _at(tomorrow, 6)) == 0  # before the digest hour
    assert _digests(app, db, _at(tomorrow, 7)) == 1
    assert _digests(app, db, _at(tomorrow, 20)) == 0  # once a day
    [digest] = mails_to(app, w.mentor.email)
    text = every_text(digest)
    assert "4 nieuwe berichten" in digest["Subject"]
    samir, amina = text.index("Samir Noori"), text.index("Amina Noori")
    block = text[samir:amina] if samir < amina else text[samir:]
    assert "Magazijnmedewerker" in block and "Heftruckchauffeur" in block
    assert f"/proposals/new?participant_id={w.participant.id}&vacancy_id=" in block
    assert "Past heel goed, past bij 1 van 1 vereiste" in block  # the fit in words
    assert "orderpicken: gezien" in block  # a key line of the explanation
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert db.exec(select(PendingMail).where(PendingMail.user_id == w.mentor.id)).all() == []

    # The digest names Amina too: erasing her removes it from the mail folder.
    with app.app_context():
        privacy.erase(db, None, db.get(Participant, second.id))
    assert mails_to(app, w.mentor.email) == []


def test_a_weekly_digest_comes_on_monday(app, db, make_user):
    w = world(app, db, make_user, publish=False)
    with app.app_context():
        notification_choices.save(db, w.employer, {"alerts": "weekly"})
        lifecycle.publish(db, w.employer, w.vacancy)
    send(app, db)
    today = clock.today()
    monday = today + timedelta(days=7 - today.weekday())
    assert _digests(app, db, _at(monday - timedelta(days=1), 12)) == 0
    assert _digests(app, db, _at(monday, 8)) == 1
    assert _digests(app, db, _at(monday + timedelta(days=1), 8)) == 0
    [digest] = mails_to(app, w.employer.email)
    assert f"/employer/vacancies/{w.vacancy.id}/candidates" in every_text(digest)
    assert "Samir" not in every_text(digest)


def test_off_sends_no_mail_but_keeps_the_message_in_the_portal(app, db, make_user):
    w = world(app, db, make_user, publish=False)
    with app.app_context():
        notification_choices.save(db, w.mentor, {"alerts": "off"})
        lifecycle.publish(db, w.employer, w.vacancy)
    assert send(app, db).line() == "alerts pairs_new=1 mails=1 digests=0"  # the employer's
    assert mails_to(app, w.mentor.email) == []
    page = client_for(app, w.mentor).get("/notifications/").get_data(as_text=True)
    assert "Magazijnmedewerker" in page


def test_every_role_chooses_on_the_settings_page(app, db, make_user):
    for role in ("employer", "mentor", "participant", "coordinator"):
        user = make_user(role, locale="en")
        client = client_for(app, user)
        assert "E-mail choices" in client.get("/notifications/").get_data(as_text=True)
        data = {"alerts": "weekly", "proposals": "off", "checkins": "daily"}
        response = post_form(client, "/notifications/settings", data, "/notifications/settings")
        assert response.status_code == 302
        with app.app_context():
            assert notification_choices.choices_of(db, user) == data


def test_a_bad_choice_is_refused_with_a_message_and_nothing_saved(app, db, make_user):
    user = make_user("mentor", locale="en")
    client = client_for(app, user)
    data = {"alerts": "hourly", "proposals": "off", "checkins": "daily"}
    response = post_form(client, "/notifications/settings", data, "/notifications/settings")
    assert response.status_code == 200
    assert "Choose one of the options." in response.get_data(as_text=True)
    assert db.exec(select(NotificationChoice)).all() == []


def test_the_settings_page_needs_a_sign_in(app):
    response = app.test_client().get("/notifications/settings")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def _unsubscribe_url(mail) -> str:
    return mail["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:5000")


def test_unsubscribe_works_without_sign_in_and_refuses_a_tampered_link(app, db, make_user):
    w = world(app, db, make_user)
    send(app, db)
    [mail] = mails_to(app, w.mentor.email)
    url = _unsubscribe_url(mail)
    assert url in every_text(mail)
    anonymous = app.test_client()

    page = anonymous.get(url)
    assert page.status_code == 200 and "Nieuwe matches" in page.get_data(as_text=True)
    with app.app_context():
        assert notification_choices.frequency(db, w.mentor.id, "alerts") == "immediately"

    tampered = url[:-2] + ("AA" if not url.endswith("AA") else "BB")
    assert anonymous.get(tampered).status_code == 404
    assert anonymous.post(tampered).status_code == 404
    other = notification_choices.unsubscribe_token
    with app.app_context():  # a valid signature of another purpose is no unsubscribe token
        from itsdangerous import URLSafeSerializer

        forged = URLSafeSerializer(app.config["SECRET_KEY"]).dumps([w.mentor.id, "alerts"])
        assert forged != other(w.mentor.id, "alerts")
    assert anonymous.post(f"/notifications/unsubscribe/{forged}").status_code == 404
    with app.app_context():
        assert notification_choices.frequency(db, w.mentor.id, "alerts") == "immediately"

    # RFC 8058: the mail program posts once, without a form token or a session.
    done = anonymous.post(url, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    with app.app_context():
        assert notification_choices.frequency(db, w.mentor.id, "alerts") == "off"


def test_the_unsubscribe_link_of_one_user_changes_nobody_else(app, db, make_user):
    w = world(app, db, make_user)
    send(app, db)
    [mail] = mails_to(app, w.mentor.email)
    client = app.test_client()
    login(client, w.employer.email)
    client.post(_unsubscribe_url(mail))
    with app.app_context():
        assert notification_choices.frequency(db, w.employer.id, "alerts") == "immediately"
        assert notification_choices.frequency(db, w.mentor.id, "alerts") == "off"


def test_proposal_steps_follow_their_own_choice(app, db, make_user):
    w = world(app, db, make_user)
    with app.app_context():
        notification_choices.save(db, w.employer, {"proposals": "off", "alerts": "immediately"})
    propose(client_for(app, w.mentor), w)
    page = client_for(app, w.employer).get("/notifications/").get_data(as_text=True)
    assert "Magazijnmedewerker" in page  # in the portal, as always
    assert not [m for m in mails_to(app, w.employer.email) if "Nouveau candidat" in m["Subject"]]
    send(app, db)  # the alert of the same pair is no news: a proposal exists
    assert mails_to(app, w.employer.email) == []
