"""Issue 12 findings 2 and 6: a sign-up never joins an existing organisation by its name,
and an employer cannot take another organisation's name."""

from sqlmodel import select

from portal.models import AuditEvent, Notification, Organisation, User

from .conftest import login, post
from .proposal_factory import client_for

FORM = {
    "role": "employer",
    "display_name": "Mallory Intruder",
    "organisation_name": "  bakkerij   MAES ",
    "email": "mallory@example.org",
    "password": "a long enough password",
    "confirm": "a long enough password",
}


def _existing(app, db, make_user):
    holder = make_user("employer", email="katrien@maes.example")
    with app.app_context():
        organisation = db.get(Organisation, holder.organisation_id)
        organisation.name = "Bakkerij Maes"
        db.add(organisation)
        db.commit()
    post(app.test_client(), "/register", FORM, token_from="/register")
    db.expire_all()
    joiner = db.exec(select(User).where(User.email == FORM["email"])).one()
    return holder, joiner


def _decide(app, coordinator, user_id, decision):
    boss = client_for(app, coordinator)
    url = f"/coordinator/accounts/{user_id}/decision?lang=en"
    data = {"decision": decision}
    return post(boss, url, data, token_from="/coordinator/", follow_redirects=True)


def test_a_plain_approval_does_not_join_an_existing_organisation(app, db, make_user):
    holder, joiner = _existing(app, db, make_user)
    assert joiner.status == "pending" and joiner.organisation_id == holder.organisation_id
    coordinator = make_user("coordinator")
    page = client_for(app, coordinator).get("/coordinator/?lang=en").get_data(as_text=True)
    assert "Joins an existing organisation" in page and 'value="link"' in page
    answer = _decide(app, coordinator, joiner.id, "approve").get_data(as_text=True)
    assert "would join the existing organisation" in answer
    db.expire_all()
    assert db.get(User, joiner.id).status == "pending"
    _decide(app, coordinator, joiner.id, "link")
    db.expire_all()
    assert db.get(User, joiner.id).status == "active"


def test_only_the_organisations_own_account_accepts_a_joiner(app, db, make_user):
    holder, joiner = _existing(app, db, make_user)
    assert holder_notifications(db, holder) == ["asks_to_join"]
    stranger = client_for(app, make_user("employer"))
    assert "Mallory" not in stranger.get("/account/colleagues").get_data(as_text=True)
    url = f"/account/colleagues/{joiner.id}/accept"
    assert post(stranger, url, {}, token_from="/account/colleagues").status_code == 403
    waiting = app.test_client()
    login(waiting, FORM["email"], FORM["password"])
    assert post(waiting, url, {}, token_from="/pending").headers["Location"] == "/pending"
    db.expire_all()
    assert db.get(User, joiner.id).status == "pending"

    own = client_for(app, holder)
    assert "Mallory Intruder" in own.get("/account/colleagues").get_data(as_text=True)
    assert post(own, url, {}, token_from="/account/colleagues").status_code == 302
    db.expire_all()
    assert db.get(User, joiner.id).status == "active"
    action = db.exec(select(AuditEvent).where(AuditEvent.subject_id == joiner.id)).all()
    assert "account.accepted_by_colleague" in [a.action for a in action]
    fresh = app.test_client()
    assert login(fresh, FORM["email"], FORM["password"]).headers["Location"] == "/employer/"


def holder_notifications(db, holder) -> list[str]:
    rows = db.exec(select(Notification).where(Notification.user_id == holder.id)).all()
    return [r.kind for r in rows]


def test_a_new_organisation_is_approved_without_a_link(app, db, make_user):
    post(app.test_client(), "/register", FORM | {"organisation_name": "Nieuw bv"},
         token_from="/register")  # fmt: skip
    user = db.exec(select(User).where(User.email == FORM["email"])).one()
    _decide(app, make_user("coordinator"), user.id, "approve")
    db.expire_all()
    assert db.get(User, user.id).status == "active"


def test_an_employer_cannot_rename_its_organisation_to_anothers_name(app, db, make_user):
    holder, _joiner = _existing(app, db, make_user)
    other = make_user("employer")
    profile = {"sector": "food-production", "street": "Markt 1", "postcode": "3000",
               "contact_name": "Jan", "size": "1-9"}  # fmt: skip
    client = client_for(app, other)
    url = "/employer/organisation?lang=en"
    answer = post(client, url, profile | {"name": " BAKKERIJ maes"}, token_from=url)
    assert "Another organisation already uses this name." in answer.get_data(as_text=True)
    db.expire_all()
    assert db.get(Organisation, other.organisation_id).name != "BAKKERIJ maes"
    own = post(client_for(app, holder), url, profile | {"name": "Bakkerij Maes"}, token_from=url)
    assert own.status_code == 302  # keeping its own name is fine
