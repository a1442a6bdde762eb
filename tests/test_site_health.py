"""Health check, start-up configuration errors and the migration gate."""

import pytest

from portal import create_app
from portal.config import ConfigError
from portal.matching.index import get_applier

from .conftest import make_app


def test_healthz_reports_database_and_index(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"]["reachable"] and body["database"]["at_head"]
    assert body["index"]["ok"] is True
    assert body["index"]["lag"] == 0 and body["index"]["lag_seconds"] == 0


def test_app_refuses_to_serve_on_a_database_behind_the_migrations(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path)
    client = app.test_client()
    response = client.get("/login?lang=en")
    assert response.status_code == 503
    assert "portal db upgrade" in response.get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["database"]["at_head"] is False


def test_unreachable_database_is_a_503_not_a_500(tmp_path):
    app = make_app("postgresql://nobody@127.0.0.1:1/none", tmp_path)
    client = app.test_client()
    assert client.get("/login").status_code == 503
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["database"]["reachable"] is False


@pytest.mark.parametrize(
    "url", ["not a url at all", "postgresql://user@host:notaport/db", "mysql://u@h/db"]
)
def test_malformed_database_url_is_a_clear_start_up_error(tmp_path, url):
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": url, "SECRET_KEY": "x"})


def test_database_url_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/portal")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["DATABASE_URL"] == "postgresql+psycopg://u:p@db.example:5432/portal"


def test_production_without_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="PORTAL_SECRET_KEY"):
        create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


def test_embedded_default_makes_a_secret_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    settings = {"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    first = create_app(dict(settings)).config["SECRET_KEY"]
    second = create_app(dict(settings)).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_bad_number_in_the_environment_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_LOGIN_MAX_FAILURES", "five")
    with pytest.raises(ConfigError, match="PORTAL_LOGIN_MAX_FAILURES"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})


def test_sqlite_runs_with_wal_and_foreign_keys(app):
    with app.app_context():
        from portal import db

        with db.engine().connect() as connection:
            if connection.dialect.name != "sqlite":
                pytest.skip("SQLite pragmas")
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_unreadable_index_folder_is_created_again(app, tmp_path):
    index_dir = tmp_path / "index"
    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / "portal-state.json").write_text('{"schema_version": 1}')
    (index_dir / "_MAIN_1.toc").write_text("garbage")
    client = app.test_client()
    body = client.get("/healthz").get_json()
    assert body["index"]["ok"] is True and body["index"]["usable"] is False
    assert get_applier(app).wait(5.0)  # /healthz woke the applier, which built the index
    assert client.get("/healthz").get_json()["index"]["usable"] is True
