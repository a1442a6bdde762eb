"""Database access: one engine per app, one session per request (kept on flask.g),
SQLite tuned for several worker processes, and the Alembic migration state."""

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from flask import current_app, g
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, which migrations/env.py keeps
_VERSIONS = text(f"SELECT version_num FROM {VERSION_TABLE}")  # noqa: S608 - a constant


def init_app(app) -> None:
    """Create the engine lazily (no connection is opened before the first request)."""
    app.extensions["portal_engine"] = make_engine(app.config["DATABASE_URL"])
    app.teardown_appcontext(_close_session)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = url.split("///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers and one writer work at once across gunicorn workers."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def engine() -> Engine:
    return current_app.extensions["portal_engine"]


def session() -> Session:
    """The session of this request or CLI command; closed at teardown."""
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    return g.db_session


def _close_session(_exc=None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@cache
def migration_head() -> str:
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    return heads[0]


def current_revision(bind: Engine) -> str | None:
    """The revision the database is at, None before the first migration; several (a
    branched history) joined by commas. Alembic's version table is read directly: /healthz
    asks on every call, and a MigrationContext cost a third of it."""
    with bind.connect() as connection:
        try:
            found = connection.execute(_VERSIONS).scalars().all()
        except DBAPIError:
            connection.rollback()
            if inspect(connection).has_table(VERSION_TABLE):
                raise
            return None
    return ",".join(sorted(found)) or None


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)
