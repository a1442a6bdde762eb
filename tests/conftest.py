"""Test set-up: a real database (SQLite file, or PostgreSQL when DATABASE_URL is set),
migrated once per run and emptied after each test, a real index folder per test, and
the real CSRF protection; the helpers read the token from the page like a browser."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session

from portal import create_app, demo
from portal import db as portal_db
from portal.services import accounts

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PASSWORD = "correct horse battery"


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
def database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.sqlite3'}"
    from portal.config import normalise_database_url

    url = normalise_database_url(url)
    portal_db.upgrade(url)
    return url


def make_app(database_url, tmp_path, **overrides):
    settings = {
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": database_url,
        "INDEX_DIR": str(tmp_path / "index"),
        "SECRET_KEY": "test-secret-key",
        "PASSWORD_HASH_PROFILE": "test",
        "BABEL_DEFAULT_LOCALE": "nl",
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
