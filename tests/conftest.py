"""Test set-up: a real database, migrated once per run and emptied after each test, a real
index folder per test, and the real CSRF protection; the helpers read the token from the
page like a browser.

The run never touches the portal's own database or folders: `DATABASE_URL`, `FLASK_*` and
`PORTAL_*` (all but `PORTAL_TEST_*`) are removed from the environment before any app exists,
also for the subprocesses the tests start. With `PORTAL_TEST_DATABASE_URL` (a PostgreSQL
server) the run creates a database of its own there and drops it at the end; without it, a
SQLite file in a temporary folder."""

import os
import re
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from portal import create_app, demo
from portal import db as portal_db
from portal.config import ConfigError, normalise_database_url
from portal.services import accounts

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PASSWORD = "correct horse battery"
TEST_SERVER_VARIABLE = "PORTAL_TEST_DATABASE_URL"
TEST_SERVER = pytest.StashKey[str | None]()
SCRUBBED = pytest.StashKey[list[str]]()


def is_runtime_setting(name: str) -> bool:
    """Whatever the portal, Flask or gunicorn.conf.py would read at run time."""
    if name.startswith("PORTAL_TEST_"):
        return False
    return name == "DATABASE_URL" or name.startswith(("PORTAL_", "FLASK_"))


def parse_test_server(raw: str | None) -> str | None:
    """The PostgreSQL server of PORTAL_TEST_DATABASE_URL, or None for a temporary SQLite
    file. A SQLite URL is refused: the run would write into a file someone named."""
    if not raw:
        return None
    try:
        url = make_url(normalise_database_url(raw))
    except ConfigError as error:
        raise pytest.UsageError(f"{TEST_SERVER_VARIABLE}: {error}") from error
    if url.get_backend_name() != "postgresql":
        raise pytest.UsageError(
            f"{TEST_SERVER_VARIABLE} must name a PostgreSQL server, for example "
            "postgresql://postgres@127.0.0.1:5432/postgres (the tests create and drop a "
            f"database of their own there), not {raw!r}. For SQLite leave it unset: the "
            "tests then use a file in a temporary folder."
        )
    return url.render_as_string(hide_password=False)


def pytest_configure(config):
    config.stash[TEST_SERVER] = parse_test_server(os.environ.get(TEST_SERVER_VARIABLE))
    config.stash[SCRUBBED] = sorted(name for name in os.environ if is_runtime_setting(name))
    for name in config.stash[SCRUBBED]:
        del os.environ[name]


def pytest_report_header(config):
    server = config.stash[TEST_SERVER]
    where = f"a fresh database on {make_url(server)!r}" if server else "a temporary SQLite file"
    ignored = ", ".join(config.stash[SCRUBBED]) or "none set"
    return [f"portal tests: {where}; ignored runtime settings: {ignored}"]


@contextmanager
def fresh_database(server_url: str, prefix: str):
    """A uniquely named, empty database on the server, dropped when the block ends
    (also on a failure or Ctrl-C, which pytest turns into the fixtures' teardown)."""
    url = make_url(server_url)
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def test_server(pytestconfig) -> str | None:
    return pytestconfig.stash[TEST_SERVER]


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """The app reads .mo files; compile them the way `portal translations compile` does."""
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "translations"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def database_url(test_server, tmp_path_factory):
    if test_server is None:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.sqlite3'}"
        portal_db.upgrade(url)
        yield url
        return
    with fresh_database(test_server, "portal_test") as url:
        portal_db.upgrade(url)
        yield url


def make_app(database_url, tmp_path, **overrides):
    settings = {
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": database_url,
        "INDEX_DIR": str(tmp_path / "index"),
        "SECRET_KEY": "test-secret-key",
        "PASSWORD_HASH_PROFILE": "test",
        "BABEL_DEFAULT_LOCALE": "nl",
        # Match alerts are their own tests' subject (test_alerts_*): they turn them on.
        "ALERTS_AFTER_REQUEST": False,
    }
    settings.update(overrides)
    return create_app(settings)


@pytest.fixture()
def app(database_url, tmp_path):
    app = make_app(database_url, tmp_path)
    yield app
    with app.app_context():
        demo.reset(portal_db.session())
    app.extensions["portal_engine"].dispose()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def db(app):
    """A session for arranging and checking rows directly. No app context stays pushed:
    requests of the test client must each get their own `g`, as in production."""
    session = Session(app.extensions["portal_engine"], expire_on_commit=False)
    yield session
    session.close()


def csrf_token(client, url="/login") -> str:
    page = client.get(url, follow_redirects=True)
    match = TOKEN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def post(client, url, data=None, token_from="/login", **kwargs):
    """POST like a browser: with the token the site gave this client."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client, token_from))
    return client.post(url, data=data, **kwargs)


def login(client, email, password=PASSWORD, **kwargs):
    return post(client, "/login", {"email": email, "password": password}, **kwargs)


@pytest.fixture()
def make_user(app, db):
    """Create an account (and its organisation) straight in the database."""
    from portal.models import AccountStatus, Organisation, OrganisationKind

    def factory(
        role="employer", email=None, status=AccountStatus.ACTIVE, organisation=None, **extra
    ):
        with app.app_context():
            if organisation is None and role in {"employer", "mentor", "participant"}:
                kind = OrganisationKind.EMPLOYER if role == "employer" else OrganisationKind.WISE
                organisation = Organisation(
                    name=f"Org of {email or role}", kind=kind, status="active"
                )
                db.add(organisation)
                db.flush()
            user = accounts.create_user(
                db,
                email=email or f"{role}-{os.urandom(3).hex()}@example.org",
                password=PASSWORD,
                role=role,
                display_name=extra.pop("display_name", f"Test {role}"),
                organisation=organisation,
                status=status,
                **extra,
            )
            db.commit()
            return user

    return factory
