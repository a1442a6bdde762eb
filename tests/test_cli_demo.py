"""The `portal` commands: demo data, accounts, the options of the followers."""

import re

from sqlmodel import func, select

from portal.models import Organisation, User

from .conftest import login

LINE = re.compile(r"^(employer|mentor|participant|coordinator) (\S+@\S+) (\S+)$")


def test_demo_fills_an_empty_database_and_prints_usable_logins(app, db):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines and all(LINE.match(line) for line in lines), lines
    roles = {LINE.match(line).group(1) for line in lines}
    assert roles == {"employer", "mentor", "participant", "coordinator"}
    kinds = dict(db.exec(select(Organisation.kind, func.count()).group_by(Organisation.kind)).all())
    assert kinds["wise"] == 2 and kinds["employer"] >= 4
    # Every printed login really works.
    for line in lines:
        role, email, password = LINE.match(line).groups()
        response = login(app.test_client(), email, password)
        assert response.status_code == 302, line


def test_demo_refuses_a_database_with_data_unless_reset(app, db, make_user):
    make_user("coordinator", email="keep@example.org")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "--reset" in result.output
    assert db.exec(select(func.count()).select_from(User)).one() == 1
    result = runner.invoke(args=["demo", "--reset"])
    assert result.exit_code == 0
    db.expire_all()
    assert db.exec(select(User).where(User.email == "keep@example.org")).first() is None


def test_users_create_makes_an_active_account(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--role",
            "coordinator",
            "--email",
            "Boss@Example.org",
            "--name",
            "Boss",
            "--password",
            "a long password here",
        ]
    )
    assert result.exit_code == 0, result.output
    assert (
        login(app.test_client(), "boss@example.org", "a long password here").headers["Location"]
        == "/coordinator/"
    )
    again = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--role",
            "mentor",
            "--email",
            "boss@example.org",
            "--name",
            "B",
            "--password",
            "a long password here",
        ]
    )
    assert again.exit_code != 0
    assert "Er bestaat al een account met dit e-mailadres." in again.output


def test_demo_has_published_vacancies_with_varied_commitments_in_several_towns(app, db):
    from portal.models import MentoringCommitment, Vacancy

    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    published = db.exec(select(Vacancy).where(Vacancy.status == "published")).all()
    assert len(published) >= 6
    assert len({vacancy.town for vacancy in published}) >= 5
    assert len({vacancy.organisation_id for vacancy in published}) == 5
    hours = db.exec(
        select(MentoringCommitment.buddy_hours_per_week).where(
            MentoringCommitment.vacancy_id.in_([v.id for v in published])
        )
    ).all()
    assert len(set(hours)) >= 3
    employers = db.exec(select(Organisation).where(Organisation.status == "active")).all()
    assert all(o.postcode and o.sector for o in employers if o.kind == "employer")
    assert db.exec(select(Vacancy).where(Vacancy.status == "draft")).first() is not None


def test_the_followers_declare_follow_and_their_own_interval(app):
    runner = app.test_cli_runner()
    for args, interval, words in (
        (["alerts", "send"], "5.0", "Seconds between passes."),
        (["index", "sync"], "0.3", "Seconds between polls."),
    ):
        result = runner.invoke(args=[*args, "--help"])
        assert result.exit_code == 0, result.output
        assert "--follow" in result.output and "SIGTERM/Ctrl+C" in result.output
        assert re.search(rf"--interval FLOAT\s+{words}\s+\[default: {interval}\]", result.output)
