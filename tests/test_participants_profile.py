"""The participant profile: sections saved on their own, bad input explained and nothing
lost, only the own mentor (and coordinators) get in, every view audited."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from portal import clock
from portal.models import AuditEvent, Participant, ParticipantSkill

from .conftest import login, post
from .participant_factory import make_participant


@pytest.fixture()
def mentor(make_user):
    return make_user("mentor")


@pytest.fixture()
def mentor_client(app, mentor):
    client = app.test_client()
    login(client, mentor.email)
    return client


def _section(client, p, section, data):
    url = f"/mentor/participants/{p.id}/edit/{section}?lang=en"
    return post(client, url, data, token_from=url)


def test_mentor_adds_a_participant_and_fills_sections_one_by_one(mentor_client, db, mentor):
    response = post(
        mentor_client,
        "/mentor/participants/new",
        {"first_name": "Samira", "last_name": "Ahmadi", "date_of_birth": "1996-02-03"},
        token_from="/mentor/participants/new",
    )
    assert response.status_code == 302
    p = db.exec(select(Participant).where(Participant.first_name == "Samira")).one()
    assert p.mentor_id == mentor.id and p.organisation_id == mentor.organisation_id
    assert (
        _section(
            mentor_client,
            p,
            "mobility",
            {
                "home_postcode": "B-9000",
                "max_travel_km": "25",
                "transport": ["bike", "public"],
                "licences": ["B"],
            },
        ).status_code
        == 302
    )
    assert _section(mentor_client, p, "dutch", {"dutch_level": "A2"}).status_code == 302
    db.expire_all()
    p = db.get(Participant, p.id)
    assert (p.home_postcode, p.max_travel_km, p.transport, p.licences) == (
        "9000",
        25,
        "bike public",
        "B",
    )
    assert (p.dutch_level, p.dutch_level_rank) == ("A2", 2)
    assert (p.first_name, p.date_of_birth) == ("Samira", date(1996, 2, 3))  # kept
    page = mentor_client.get("/mentor/?lang=en").get_data(as_text=True)
    assert "Samira" in page and "Profile incomplete" in page


@pytest.mark.parametrize(
    ("section", "data", "message", "kept"),
    [
        (
            "placement",
            {
                "placement_start": "2026-03-01",
                "placement_end": "2026-01-01",
                "placement_job": "Sorteerder",
            },
            "The placement cannot end before it starts.",
            'value="Sorteerder"',
        ),
        (
            "mobility",
            {"home_postcode": "9000", "max_travel_km": "250"},
            "Fill in a distance from 0 to 200 km.",
            'value="250"',
        ),
        (
            "mobility",
            {"home_postcode": "9000", "max_travel_km": "-3"},
            "Fill in a distance from 0 to 200 km.",
            'value="-3"',
        ),
        (
            "mobility",
            {"home_postcode": "0999", "max_travel_km": "10"},
            "This is not a Belgian postcode.",
            'value="0999"',
        ),
        (
            "availability",
            {"hours_per_week": "30", "available_from": "2020-01-01", "shifts": ["day"]},
            "This date is more than a year ago.",
            'value="30"',
        ),
        (
            "availability",
            {"hours_per_week": "veel"},
            "Fill in a whole number.",
            'value="veel"',
        ),
        (
            "right_to_work",
            {"right_to_work": "limited"},
            "Fill in until when the right to work is valid.",
            'selected value="limited"',
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    app, db, mentor, mentor_client, section, data, message, kept
):
    p = make_participant(app, db, mentor)
    response = _section(mentor_client, p, section, data)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert kept in body
    db.expire_all()
    fresh = db.get(Participant, p.id)
    assert fresh.max_travel_km is None and fresh.placement_end is None
    assert fresh.hours_per_week is None and fresh.right_to_work is None
    assert fresh.first_name == "Samir"  # the earlier section is untouched


def test_skills_come_from_the_vocabulary_with_level_and_evidence(app, db, mentor, mentor_client):
    p = make_participant(app, db, mentor)
    url = f"/mentor/participants/{p.id}/skills?lang=en"
    response = post(
        mentor_client, url, {"skill": "juggling", "level": "3", "evidence": "x"}, token_from=url
    )
    assert "This skill is not in the list." in response.get_data(as_text=True)
    response = post(
        mentor_client, url, {"skill": "packing", "level": "2", "evidence": ""}, token_from=url
    )
    assert "Write briefly what you saw the person do." in response.get_data(as_text=True)
    assert db.exec(select(ParticipantSkill)).all() == []
    post(
        mentor_client,
        url,
        {"skill": "packing", "level": "2", "evidence": "Packs boxes."},
        token_from=url,
    )
    post(
        mentor_client,
        url,
        {"skill": "packing", "level": "3", "evidence": "Now alone."},
        token_from=url,
    )
    row = db.exec(select(ParticipantSkill)).one()
    assert (row.skill, row.level, row.evidence) == ("packing", 3, "Now alone.")
    page = mentor_client.get(url).get_data(as_text=True)
    assert "Can do alone" in page and "Now alone." in page
    post(mentor_client, f"/mentor/participants/{p.id}/skills/{row.id}/remove", token_from=url)
    assert db.exec(select(ParticipantSkill)).all() == []


def test_certificates_with_expiry(app, db, mentor, mentor_client):
    p = make_participant(app, db, mentor)
    url = f"/mentor/participants/{p.id}/certificates?lang=en"
    past = (clock.today() - timedelta(days=1)).isoformat()
    response = post(
        mentor_client, url, {"certificate": "forklift", "expires_on": past}, token_from=url
    )
    assert "This certificate has expired." in response.get_data(as_text=True)
    future = (clock.today() + timedelta(days=300)).isoformat()
    post(mentor_client, url, {"certificate": "forklift", "expires_on": future}, token_from=url)
    assert "Forklift — valid until" in mentor_client.get(url).get_data(as_text=True)


def test_another_mentor_gets_403_sees_nothing_changes_nothing_and_is_logged(
    app, db, make_user, mentor
):
    p = make_participant(app, db, mentor, last_name="Geheimnaam")
    other = make_user("mentor")
    client = app.test_client()
    login(client, other.email)
    for url in (
        f"/mentor/participants/{p.id}",
        f"/mentor/participants/{p.id}/edit/person",
        f"/mentor/participants/{p.id}/skills",
        f"/mentor/participants/{p.id}/endorse",
        f"/mentor/participants/{p.id}/export",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Geheimnaam" not in response.get_data(as_text=True)
    token_page = "/mentor/participants/new"
    response = post(
        client,
        f"/mentor/participants/{p.id}/edit/person",
        {"first_name": "Changed"},
        token_from=token_page,
    )
    assert response.status_code == 403
    response = post(client, f"/mentor/participants/{p.id}/login-card", token_from=token_page)
    assert response.status_code == 403
    db.expire_all()
    fresh = db.get(Participant, p.id)
    assert fresh.first_name == "Samir" and fresh.login_code_hash is None
    denied = db.exec(select(AuditEvent).where(AuditEvent.action == "participant.denied")).all()
    assert len(denied) == 7 and {e.actor_id for e in denied} == {other.id}
    assert "Geheimnaam" not in client.get("/mentor/").get_data(as_text=True)


def test_an_employer_opens_no_participant_page_at_all(app, db, make_user, mentor):
    p = make_participant(app, db, mentor)
    client = app.test_client()
    login(client, make_user("employer").email)
    for rule in app.url_map.iter_rules():
        if "participant" not in rule.rule and not rule.rule.startswith("/me"):
            continue
        if "GET" not in rule.methods:
            continue
        args = {name: p.id if name == "participant_id" else 1 for name in rule.arguments}
        if "section" in rule.arguments:
            args["section"] = "person"
        url = rule.build(args)[1]
        assert client.get(url).status_code == 403, url


def test_every_view_of_a_profile_is_audited(app, db, make_user, mentor, mentor_client):
    p = make_participant(app, db, mentor)
    mentor_client.get(f"/mentor/participants/{p.id}")
    coordinator = make_user("coordinator")
    boss = app.test_client()
    login(boss, coordinator.email)
    assert boss.get(f"/coordinator/participants/{p.id}").status_code == 200
    views = db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "participant.viewed", AuditEvent.subject_id == p.id
        )
    ).all()
    assert [(e.actor_id, e.detail) for e in views] == [
        (mentor.id, "mentor"),
        (coordinator.id, "coordinator"),
    ]
