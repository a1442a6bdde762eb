"""Running the tests in a shell that holds the portal's own settings (a deploy shell, a .env)
leaves that database and index folder untouched: the suite only uses its own database."""

import hashlib
import os
import subprocess
import sys

import pytest
from sqlalchemy import MetaData, create_engine, select

from .conftest import ROOT, fresh_database, make_app

NESTED_RUN = "PORTAL_TEST_NESTED_RUN"
# Tests that wipe data: the `app` fixture's teardown resets the database, `portal demo
# --reset` wipes it, and the migration tests create, downgrade and drop databases.
WIPING_TESTS = ["tests/test_cli_demo.py", "tests/test_db_migrations.py"]


def database_rows(url: str) -> dict[str, list]:
    engine = create_engine(url)
    tables = MetaData()
    with engine.connect() as connection:
        tables.reflect(connection)
        rows = {
            name: sorted(map(repr, connection.execute(select(table))))
            for name, table in tables.tables.items()
        }
    engine.dispose()
    return rows


def folder_files(folder) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def runtime_database(request, test_server, tmp_path):
    """The portal's own database, as DATABASE_URL would name it in a deploy shell."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'production.sqlite3'}"
    elif test_server is None:
        pytest.skip("PORTAL_TEST_DATABASE_URL is not set: no PostgreSQL server to use")
    else:
        with fresh_database(test_server, "portal_runtime") as url:
            yield url


@pytest.mark.skipif(bool(os.environ.get(NESTED_RUN)), reason="only in the outer run")
def test_a_run_leaves_the_runtime_database_and_folders_alone(runtime_database, tmp_path):
    index_dir = tmp_path / "production-index"
    app = make_app(runtime_database, tmp_path / "production", INDEX_DIR=str(index_dir))
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    app.extensions["portal_engine"].dispose()
    rows, files = database_rows(runtime_database), folder_files(index_dir)
    assert rows["user"] and files, "the runtime database and index hold data"

    shell = os.environ | {
        "DATABASE_URL": runtime_database,
        "PORTAL_INDEX_DIR": str(index_dir),
        "PORTAL_MAIL_DIR": str(tmp_path / "production-mail"),
        "PORTAL_ENV": "production",
        "PORTAL_SECRET_KEY": "production-secret",
        NESTED_RUN: "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", *WIPING_TESTS],
        cwd=ROOT,
        env=shell,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert database_rows(runtime_database) == rows, "the run changed the runtime database"
    assert folder_files(index_dir) == files, "the run changed the runtime index folder"
    assert not (tmp_path / "production-mail").exists()
    assert run.returncode == 0, run.stdout + run.stderr
    assert " passed" in run.stdout and " failed" not in run.stdout, run.stdout
