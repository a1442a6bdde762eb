"""`portal vocabulary import-esco`: ESCO rows in the database, offered after the built-in ones."""

from pathlib import Path

from sqlmodel import func, select

from portal.models import EscoOccupation, EscoSkill

from .conftest import login
from .test_employers_vacancies import new_vacancy

FIXTURE = Path(__file__).parent / "fixtures" / "esco"


def _count(db, table):
    return db.exec(select(func.count()).select_from(table)).one()


def test_import_is_idempotent(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["vocabulary", "import-esco", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    occupations, skills = _count(db, EscoOccupation), _count(db, EscoSkill)
    assert occupations >= 2 and skills >= 3
    assert f"occupations: {occupations} added" in result.output
    row = db.exec(
        select(EscoOccupation).where(EscoOccupation.code == "esco:test-warehouse-worker")
    ).one()
    assert row.labels["nl"] == "magazijnmedewerker" and row.isco_group == "9333"
    again = runner.invoke(args=["vocabulary", "import-esco", str(FIXTURE)])
    assert again.exit_code == 0 and "0 added" in again.output
    assert (_count(db, EscoOccupation), _count(db, EscoSkill)) == (occupations, skills)


def test_bad_folder_is_a_message_not_a_traceback(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["vocabulary", "import-esco", str(tmp_path)])
    assert result.exit_code != 0 and "no ESCO occupations file" in result.output


def test_linked_items_are_the_built_in_ones_and_others_follow(app, db, make_user):
    """ESCO concepts naming a built-in entry are that entry (no second, separate item);
    the others are offered after the built-in list, labelled, never as codes."""
    app.test_cli_runner().invoke(args=["vocabulary", "import-esco", str(FIXTURE)])
    client = app.test_client()
    login(client, make_user("employer").email)
    body = client.get("/employer/vacancies/new?lang=nl").get_data(as_text=True)
    # every fixture occupation names a built-in one: no second, separate item
    assert 'value="warehouse-worker"' in body and 'value="esco:' not in body
    vacancy = new_vacancy(
        client,
        db,
        publish=True,
        occupation_code="esco:test-warehouse-worker",
        must_have=["esco:test-operate-forklift", "esco:test-store-goods"],
    )
    mentor = app.test_client()
    login(mentor, make_user("mentor").email)
    page = mentor.get(f"/vacancies/{vacancy.id}?lang=nl").get_data(as_text=True)
    assert "magazijnmedewerker" in page.lower() and "met een heftruck rijden" in page
    assert "goederen opslaan" in page and "esco:" not in page
