"""Migrations run from an empty database to head and back, on SQLite and PostgreSQL."""

import os
import uuid

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from portal import db as portal_db
from portal.config import normalise_database_url


@pytest.fixture()
def empty_database(tmp_path):
    """A brand-new database of the kind the suite runs on."""
    base = os.environ.get("DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    url = make_url(normalise_database_url(base))
    name = f"portal_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_empty_to_head_and_back(empty_database):
    engine = portal_db.make_engine(empty_database)
    assert portal_db.current_revision(engine) is None
    portal_db.upgrade(empty_database)
    assert portal_db.current_revision(engine) == portal_db.migration_head()
    tables = set(inspect(engine).get_table_names())
    assert {"user", "organisation", "login_failure", "audit_event", "alembic_version"} <= tables
    portal_db.downgrade(empty_database, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
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
