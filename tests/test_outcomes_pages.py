"""Outcome pages, CSV export and the `portal outcomes` command: who sees which figures, and
the export never holds a name or contact detail."""

import re
from pathlib import Path

from sqlmodel import select

from portal.models import Participant, User

from .checkin_factory import checkin_form, hired
from .conftest import login
from .proposal_factory import client_for, post_form

SUMMARY = re.compile(
    r"^outcomes endorsed=\d+ proposed=\d+ hired=\d+ transition_rate=(\d\.\d{3}|na) "
    r"retention_3m=(\d\.\d{3}|na) retention_6m=(\d\.\d{3}|na) retention_12m=(\d\.\d{3}|na)$"
)


def test_csv_export_of_the_demo_holds_no_personal_data(app, db):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    coordinator = db.exec(select(User).where(User.role == "coordinator")).first()
    client = app.test_client()
    lines = (Path(app.instance_path) / "demo-logins.txt").read_text().splitlines()
    logins = dict(line.split()[1:] for line in lines)
    login(client, coordinator.email, logins[coordinator.email])
    page = client.get("/outcomes/?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<svg" in html and "Still employed after 3, 6 and 12 months" in html
    export = client.get("/outcomes/export.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    text = export.get_data(as_text=True).lower()
    assert "retention,12_months,cohort" in text
    people = db.exec(select(Participant)).all()
    assert len(people) > 5
    for p in people:
        for value in (p.first_name, p.last_name, p.email, p.phone):
            if value:
                assert value.lower() not in text, value
        if p.phone:
            assert re.sub(r"\D", "", p.phone) not in re.sub(r"\D", "", text)
    for user in db.exec(select(User)).all():
        assert user.email.lower() not in text and user.display_name.lower() not in text
    # The command prints the headline figures; its last line is the summary for scripts.
    result = app.test_cli_runner().invoke(args=["outcomes"])
    assert result.exit_code == 0
    last = result.output.strip().splitlines()[-1]
    assert SUMMARY.match(last), last
    assert "hired=6 " in last


def test_empty_period_shows_zeros_and_a_sentence(app, make_user):
    client = client_for(app, make_user("coordinator"))
    page = client.get("/outcomes/?lang=en&start=2001-01-01&end=2001-12-31")
    assert page.status_code == 200
    assert "Nothing happened in this period with these filters" in page.get_data(as_text=True)
    bad = client.get("/outcomes/?lang=en&start=2002-01-01&end=2001-12-31")
    assert bad.status_code == 200
    assert "The end of the period comes before its start." in bad.get_data(as_text=True)
    assert client.get("/outcomes/?lang=en&start=nonsense").status_code == 200
    assert client.get("/outcomes/export.csv?start=nonsense").status_code == 400


def test_own_figures_for_employer_and_wise(app, db, make_user):
    w, proposal = hired(app, db, make_user, days_ago=100)
    mentor = client_for(app, w.mentor)
    url = f"/checkins/hire/{proposal.id}/3"
    assert post_form(mentor, url, checkin_form(), page=url).status_code == 302
    employer = client_for(app, w.employer)
    own = employer.get("/outcomes/mine/export.csv").get_data(as_text=True)
    assert "headline,hired,value,1" in own and "retention,3_months,retained,1" in own
    assert "headline,endorsed,value,\n" in own  # not applicable to an employer
    wise = mentor.get("/outcomes/mine/export.csv").get_data(as_text=True)
    assert "headline,endorsed,value,1" in wise and "headline,hired,value,1" in wise
    # Another employer and another WISE see none of it.
    other = client_for(app, make_user("employer")).get("/outcomes/mine/export.csv")
    assert "headline,hired,value,0" in other.get_data(as_text=True)
    other = client_for(app, make_user("mentor")).get("/outcomes/mine/export.csv")
    assert "headline,hired,value,0" in other.get_data(as_text=True)
    page = employer.get("/outcomes/mine?lang=en").get_data(as_text=True)
    assert "Samir" not in page


def test_only_coordinators_see_the_whole_programme(app, make_user):
    for role in ("employer", "mentor", "participant"):
        client = client_for(app, make_user(role))
        assert client.get("/outcomes/").status_code == 403
        assert client.get("/outcomes/export.csv").status_code == 403
    participant = client_for(app, make_user("participant"))
    assert participant.get("/outcomes/mine").status_code == 403


def test_dashboard_shows_agreed_and_started_hires_of_the_demo(app, db):
    """The demo's last hire (Bilal) was agreed today and starts in two weeks."""
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    coordinator = db.exec(select(User).where(User.role == "coordinator")).first()
    lines = (Path(app.instance_path) / "demo-logins.txt").read_text().splitlines()
    client = app.test_client()
    login(client, coordinator.email, dict(line.split()[1:] for line in lines)[coordinator.email])
    html = client.get("/outcomes/?lang=en").get_data(as_text=True)
    agreed = re.search(r'id="figure-agreed"><dt>Hires agreed</dt><dd>(\d+)<', html)
    started = re.search(r'id="figure-hired"><dt>Hires started</dt><dd>(\d+)<', html)
    assert agreed and started and (int(agreed[1]), int(started[1])) == (7, 6)
    assert 'id="hires-explained"' in html
    text = client.get("/outcomes/export.csv").get_data(as_text=True)
    assert "headline,hires_agreed,value,7" in text and "headline,hired,value,6" in text
