"""Starting is easy: an employer drafts a vacancy while the new organisation waits for
approval; mentors see it only after approval; the employer gets an e-mail. And a request
("ask for people") reaches only the mentors of that region."""

import pytest
from sqlmodel import select

from portal.models import EmployerLead, Notification, Organisation, User, Vacancy
from portal.services.errors import ServiceError
from portal.services.vacancies import lifecycle

from .conftest import login, post
from .mail_files import mails_to as _mails_to
from .mail_files import plain_text
from .proposal_factory import client_for, post_form
from .test_auth_register import FORM
from .test_employers_vacancies import vacancy_form


def _register(app, **changes):
    client = app.test_client()
    assert client.get("/for-employers/start").location.endswith("/register?role=employer")
    assert 'checked id="role-0"' in client.get("/register?role=employer").get_data(True)
    form = FORM | changes
    response = post(client, "/register?lang=en", form, token_from="/register")
    assert "We sent an e-mail" in response.get_data(as_text=True)
    assert login(client, form["email"], form["password"]).status_code == 302
    return client


def test_a_draft_made_before_approval_reaches_mentors_only_after_it(app, db, make_user):
    employer = _register(app)
    assert employer.get("/for-employers/start").location.endswith("/for-employers/status")
    assert "/for-employers/status" in employer.get("/pending").get_data(as_text=True)
    assert employer.get("/for-employers/draft").status_code == 200
    form = vacancy_form(title="Zqmagazijn")
    saved = post_form(employer, "/for-employers/draft", form, page="/for-employers/draft")
    assert saved.status_code == 302 and saved.location.endswith("/for-employers/status")
    again = post_form(
        employer, "/for-employers/draft", form | {"title": ""}, "/for-employers/draft"
    )
    assert again.status_code == 200  # an empty title: the form again, with its message
    vacancy = db.exec(select(Vacancy)).one()
    assert vacancy.status == "draft"
    assert "Zqmagazijn" in employer.get("/for-employers/status").get_data(as_text=True)
    # The one rule: an organisation waiting for approval does not publish, by any path.
    user = db.exec(select(User).where(User.email == FORM["email"])).one()
    with app.app_context(), pytest.raises(ServiceError):
        lifecycle.publish(db, user, vacancy)
    db.rollback()

    mentor = client_for(app, make_user("mentor"))
    assert "Zqmagazijn" not in mentor.get("/vacancies/").get_data(as_text=True)
    assert mentor.get(f"/vacancies/{vacancy.id}").status_code == 404

    coordinator = client_for(app, make_user("coordinator"))
    decided = post(
        coordinator,
        f"/coordinator/accounts/{user.id}/decision",
        {"decision": "approve"},
        token_from="/coordinator/",
    )
    assert decided.status_code == 302
    db.expire_all()
    assert db.get(Vacancy, vacancy.id).status == "published"
    assert mentor.get(f"/vacancies/{vacancy.id}").status_code == 200
    approval = [m for m in _mails_to(app, FORM["email"]) if "Zqmagazijn" in plain_text(m)]
    assert len(approval) == 1  # the approval mail names the draft it published
    assert db.exec(select(Notification).where(Notification.user_id == user.id)).all()


def test_only_a_new_waiting_employer_drafts_before_approval(app, db, make_user):
    existing = make_user("employer", email="boss@bakkerijmaes.example")
    with app.app_context():
        organisation = db.get(Organisation, existing.organisation_id)
        organisation.name = FORM["organisation_name"]
        db.add(organisation)
        db.commit()
    # Registering under the name of an approved organisation gives no access to it.
    joiner = _register(app)
    assert joiner.get("/for-employers/draft").status_code == 403
    assert post_form(joiner, "/for-employers/draft", vacancy_form(), "/pending").status_code == 403
    assert app.test_client().get("/for-employers/draft").location.startswith("/login")
    for role in ("employer", "mentor", "coordinator"):
        assert client_for(app, make_user(role)).get("/for-employers/draft").status_code == 403
    assert client_for(app, make_user("mentor")).get("/for-employers/status").status_code == 403
    assert client_for(app, make_user("mentor")).get("/for-employers/start").status_code == 403
    assert db.exec(select(Vacancy)).first() is None


def _wise_mentor(app, db, make_user, postcode):
    mentor = make_user("mentor")
    with app.app_context():
        organisation = db.get(Organisation, mentor.organisation_id)
        organisation.postcode = postcode
        db.add(organisation)
        db.commit()
    return mentor


LEAD = {
    "occupation_group": "logistics",
    "postcode": "9050",
    "text": "We often need warehouse staff, day shifts.",
    "organisation_name": "Zqlogistiek",
    "contact_name": "Els",
    "contact_email": "els@zqlogistiek.example",
}


def test_a_lead_reaches_only_the_mentors_of_its_region(app, db, make_user):
    gent, antwerpen = (_wise_mentor(app, db, make_user, code) for code in ("9000", "2000"))
    anonymous = app.test_client()
    wrong = post(
        anonymous, "/for-employers/ask?lang=en", LEAD | {"postcode": "99"}, "/for-employers/ask"
    )
    assert wrong.status_code == 200 and "This is not a Belgian postcode" in wrong.get_data(True)
    assert db.exec(select(EmployerLead)).first() is None
    sent = post(anonymous, "/for-employers/ask", LEAD, token_from="/for-employers/ask")
    assert sent.status_code == 302
    lead = db.exec(select(EmployerLead)).one()
    assert lead.region == "Provincie Oost-Vlaanderen"
    assert "Zqlogistiek" in client_for(app, gent).get("/leads").get_data(as_text=True)
    assert "Zqlogistiek" not in client_for(app, antwerpen).get("/leads").get_data(as_text=True)
    assert [n.user_id for n in db.exec(select(Notification)).all()] == [gent.id]
    assert "Zqlogistiek" in client_for(app, make_user("coordinator")).get("/leads").get_data(True)
    for role in ("employer", "participant"):
        assert client_for(app, make_user(role)).get("/leads").status_code in (302, 403)
    assert anonymous.get("/leads").location.startswith("/login")
    newcomer = make_user("mentor")  # a WISE without a postcode: no region, no requests yet
    nowhere = client_for(app, newcomer)
    assert "Zqlogistiek" not in nowhere.get("/leads").get_data(as_text=True)
    post_form(nowhere, "/leads/place", {"postcode": "99"}, page="/leads")
    assert "Zqlogistiek" not in nowhere.get("/leads").get_data(as_text=True)
    post_form(nowhere, "/leads/place", {"postcode": "9000"}, page="/leads")
    assert "Zqlogistiek" in nowhere.get("/leads").get_data(as_text=True)
    post_form(nowhere, "/leads/place", {"postcode": "2000"}, page="/leads")  # set once only
    wise = db.get(Organisation, newcomer.organisation_id)
    db.refresh(wise)
    assert wise.postcode == "9000"
    employer = client_for(app, make_user("employer"))
    assert post_form(employer, "/leads/place", {"postcode": "9000"}, "/login").status_code == 403
