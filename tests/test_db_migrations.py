"""Migrations run from an empty database to head and back, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import inspect

from portal import db as portal_db

from .conftest import fresh_database


@pytest.fixture()
def empty_database(test_server, tmp_path):
    """A brand-new database of the kind the suite runs on (PORTAL_TEST_DATABASE_URL)."""
    if test_server is None:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    with fresh_database(test_server, "portal_migrations") as url:
        yield url


def test_empty_to_head_and_back(empty_database):
    engine = portal_db.make_engine(empty_database)
    assert portal_db.current_revision(engine) is None
    portal_db.upgrade(empty_database)
    assert portal_db.current_revision(engine) == portal_db.migration_head()
    tables = set(inspect(engine).get_table_names())
    assert {"user", "organisation", "login_failure", "audit_event", "alembic_version"} <= tables
    portal_db.downgrade(empty_database, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert portal_db.current_revision(engine) is None  # the version table kept, empty
    portal_db.upgrade(empty_database)
    assert portal_db.current_revision(engine) == portal_db.migration_head()
    engine.dispose()


def test_models_and_migrations_agree(empty_database):
    """Autogenerate finds nothing to do: every model change has its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    import portal.models  # noqa: F401

    portal_db.upgrade(empty_database)
    engine = portal_db.make_engine(empty_database)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()
