"""The public front pages: ready talent and results in aggregate, never computed from fewer
than 5 people, never a personal field, cached for an hour, switched off by the coordinator."""

from sqlmodel import select

from portal.models import Endorsement, Participant
from portal.services import outcomes, talent

from .conftest import login
from .participant_factory import endorse, make_participant
from .proposal_factory import client_for, post_form

GENT, ANTWERPEN = outcomes.region_of("9000"), outcomes.region_of("2000")
CANARIES = {
    "first_name": "Zqfirstcanary",
    "last_name": "Zqlastcanary",
    "email": "zqmail@canary.example",
    "phone": "+32 470 99 88 77",
    "placement_job": "Zqplacementcanary",
    "preferred_languages": "zqlang",
    "spoken_languages": "zqspoken",
    "transport": "zqtransport",
    "licences": "zqlicence",
}
PUBLIC_PAGES = (
    "/for-employers",
    "/for-employers/talent",
    "/for-employers/mentoring-commitment",
    "/for-employers/ask",
)


def ready(app, db, mentor, postcode, n, **fields):
    """n matchable participants living at postcode; `fields` are written as they are."""
    people = []
    for _i in range(n):
        p = make_participant(app, db, mentor, complete=True)
        with app.app_context():
            p = db.get(Participant, p.id)
            p.home_postcode = postcode
            for name, value in fields.items():
                setattr(p, name, value)
            db.add(p)
            db.commit()
        endorse(app, db, mentor, p)
        people.append(p)
    return people


def test_a_region_with_four_people_shows_no_number(app, db, make_user):
    mentor = make_user("mentor")
    ready(app, db, mentor, "9000", 4)
    ready(app, db, mentor, "2000", 5)
    html = app.test_client().get("/for-employers/talent?lang=en").get_data(as_text=True)
    rows = {row.split("</td>")[0].split(">")[-1]: row for row in html.split("<tr>")[2:]}
    assert "<td>5</td>" in rows[ANTWERPEN] and "A2" in rows[ANTWERPEN]
    assert "fewer than 5" in rows[GENT] and "A2" not in rows[GENT] and "Day" not in rows[GENT]
    with app.app_context():
        figures = talent.compute(db)
    by_region = {row.region: row for row in figures.talent.rows}
    assert by_region[GENT].people is None and by_region[GENT].dutch_levels == ()
    assert by_region[GENT].shifts == ()
    assert by_region[ANTWERPEN].people == 5 and by_region[ANTWERPEN].shifts == ("day",)
    assert figures.talent.total == 9 and figures.talent.started_job is None
    # No hire, no check-in: every result is withheld rather than shown as 0 %.
    r = figures.results
    assert r.transition_rate is None and r.commitments_kept is None
    assert all(rate is None for _months, rate in r.retention)
    assert "0%" not in app.test_client().get("/for-employers?lang=en").get_data(as_text=True)


def test_not_endorsed_or_without_consent_is_not_counted(app, db, make_user):
    mentor = make_user("mentor")
    ready(app, db, mentor, "2000", 5)
    late = make_participant(app, db, mentor, complete=True)
    endorse(app, db, mentor, late, consent=False)
    with app.app_context():
        assert talent.compute(db).talent.total == 5
        for row in db.exec(select(Endorsement)).all():
            db.delete(row)
        db.commit()
        assert talent.compute(db).talent.total is None


def test_public_pages_carry_no_personal_field(app, db, make_user):
    mentor = make_user("mentor")
    ready(app, db, mentor, "2000", 6, **CANARIES)
    client = app.test_client()
    for lang in ("nl", "fr", "en", "ar"):
        for url in PUBLIC_PAGES:
            page = client.get(f"{url}?lang={lang}")
            assert page.status_code == 200, url
            html = page.get_data(as_text=True).lower()
            personal = [*CANARIES.values(), "1995", "04/05", "works alone and on time"]
            for value in [*personal, mentor.email, mentor.display_name]:
                assert value.lower() not in html, (url, value)
    assert "<td>6</td>" in client.get("/for-employers/talent").get_data(as_text=True)


def test_figures_are_cached_for_an_hour(app, db, make_user):
    mentor = make_user("mentor")
    ready(app, db, mentor, "2000", 5)
    client = app.test_client()
    assert "<dd>5</dd>" in client.get("/for-employers/talent").get_data(as_text=True)
    ready(app, db, mentor, "2000", 1)
    assert "<dd>5</dd>" in client.get("/for-employers/talent").get_data(as_text=True)
    app.extensions["portal_public_figures"]["until"] = 0  # the hour has passed
    assert "<dd>6</dd>" in client.get("/for-employers/talent").get_data(as_text=True)


def test_only_the_coordinator_switches_the_talent_page_off(app, db, make_user):
    coordinator = make_user("coordinator")
    anonymous = app.test_client()
    for role in ("employer", "mentor", "participant"):
        client = client_for(app, make_user(role))
        answer = post_form(client, "/for-employers/talent/switch", {"enabled": "off"}, "/login")
        assert answer.status_code in (302, 403), role
        if answer.status_code == 302:  # a participant without a profile is sent elsewhere
            assert "/for-employers" not in answer.location
    assert anonymous.get("/for-employers/talent").status_code == 200
    refused = post_form(anonymous, "/for-employers/talent/switch", {"enabled": "off"}, "/login")
    assert refused.status_code == 302 and "/login" in refused.location
    client = app.test_client()
    login(client, coordinator.email)
    answer = post_form(
        client, "/for-employers/talent/switch", {"enabled": "off"}, page="/for-employers/talent"
    )
    assert answer.status_code == 302
    assert anonymous.get("/for-employers/talent").status_code == 404
    assert "/for-employers/talent" not in anonymous.get("/for-employers").get_data(as_text=True)
    assert client.get("/for-employers/talent").status_code == 200  # to switch it on again
    post_form(
        client, "/for-employers/talent/switch", {"enabled": "on"}, page="/for-employers/talent"
    )
    assert anonymous.get("/for-employers/talent").status_code == 200
