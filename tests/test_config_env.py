"""Settings from the environment (Flask's PORTAL_ prefix), the one instance folder every
path derives from, and logging configured once."""

import logging
from email.message import EmailMessage
from pathlib import Path

import pytest

from portal import create_app
from portal.config import ConfigError
from portal.services import notifications


@pytest.fixture()
def clean_env(monkeypatch, tmp_path):
    """No PORTAL_ setting of the machine running the tests leaks in; work from tmp_path."""
    import os

    for name in list(os.environ):
        if name.startswith("PORTAL_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_the_instance_folder_is_in_the_working_folder_by_default(clean_env, tmp_path):
    app = create_app({"SECRET_KEY": "x"})
    instance = tmp_path / "instance"
    assert Path(app.instance_path) == instance
    assert app.config["INDEX_DIR"] == str(instance / "index")
    assert app.config["MAIL_DIR"] == str(instance / "mail")
    assert app.config["DATABASE_URL"] == f"sqlite:///{instance / 'portal.sqlite3'}"


def test_one_setting_moves_index_mail_secret_and_database(clean_env, tmp_path):
    folder = tmp_path / "srv" / "portal"
    clean_env.setenv("PORTAL_INSTANCE_PATH", str(folder))
    app = create_app()
    assert Path(app.instance_path) == folder
    assert app.config["INDEX_DIR"] == str(folder / "index")
    assert app.config["MAIL_DIR"] == str(folder / "mail")
    assert (folder / "secret_key").read_text().strip() == app.config["SECRET_KEY"]
    assert not (tmp_path / "instance").exists()


def test_a_folder_set_on_its_own_wins_over_the_instance_folder(clean_env, tmp_path):
    clean_env.setenv("PORTAL_INSTANCE_PATH", str(tmp_path / "inst"))
    clean_env.setenv("PORTAL_INDEX_DIR", str(tmp_path / "fast-disk" / "index"))
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["INDEX_DIR"] == str(tmp_path / "fast-disk" / "index")
    assert app.config["MAIL_DIR"] == str(tmp_path / "inst" / "mail")


def test_environment_values_get_the_type_of_their_setting(clean_env):
    clean_env.setenv("PORTAL_SESSION_COOKIE_SECURE", "yes")
    clean_env.setenv("PORTAL_SMTP_TLS", "false")
    clean_env.setenv("PORTAL_SMTP_PORT", "25")
    clean_env.setenv("PORTAL_SMTP_PASSWORD", "12345")
    clean_env.setenv("PORTAL_DEFAULT_LOCALE", "fr")
    clean_env.setenv("PORTAL_CHECKIN_MONTHS", "3")
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SMTP_TLS"] is False
    assert app.config["SMTP_PORT"] == 25
    assert app.config["SMTP_PASSWORD"] == "12345"
    assert app.config["BABEL_DEFAULT_LOCALE"] == "fr"
    assert app.config["CHECKIN_MONTHS"] == (3,)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORTAL_SESSION_COOKIE_SECURE", "maybe"),
        ("PORTAL_SMTP_PORT", "twenty-five"),
        ("PORTAL_DEFAULT_LOCALE", "de"),
        ("PORTAL_CHECKIN_MONTHS", "1,three"),
        ("PORTAL_LOG_LEVEL", "loud"),
        ("PORTAL_FREEZE_HEAP", "sometimes"),
    ],
)
def test_a_bad_value_stops_the_start_with_its_name(clean_env, name, value):
    clean_env.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        create_app({"SECRET_KEY": "x"})


@pytest.mark.parametrize(
    ("env", "frozen"),
    [({"PORTAL_ENV": "production"}, True), ({}, False), ({"PORTAL_FREEZE_HEAP": "yes"}, True)],
)
def test_production_hides_the_start_up_heap_from_full_collections(clean_env, env, frozen):
    """In a process of its own: a frozen heap stays frozen for the rest of the process."""
    import os
    import subprocess
    import sys

    script = "import gc, portal; portal.create_app(); print(gc.get_freeze_count())"
    child = dict(os.environ, PORTAL_SECRET_KEY="x", **env)
    out = subprocess.run(
        [sys.executable, "-c", script], env=child, capture_output=True, text=True, check=True
    )
    assert (int(out.stdout) > 50_000) is frozen


def test_the_log_level_comes_from_the_environment(clean_env):
    clean_env.setenv("PORTAL_LOG_LEVEL", "warning")
    app = create_app({"SECRET_KEY": "x"})
    assert app.logger.getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("search_index.sync").getEffectiveLevel() == logging.WARNING
    create_app({"SECRET_KEY": "x"})
    assert len(app.logger.handlers) == 1  # configured again, not twice


def test_without_smtp_host_the_warning_comes_once_per_process(clean_env, tmp_path, caplog):
    app = create_app({"SECRET_KEY": "x", "MAIL_DIR": str(tmp_path / "mail")})
    caplog.set_level(logging.WARNING)
    with app.app_context():
        for number in range(3):
            mail = EmailMessage()
            mail["To"], mail["Subject"] = "someone@example.org", f"mail {number}"
            mail.set_content("hello")
            notifications.send(mail)
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 3
    warnings = [r for r in caplog.records if "no SMTP host" in r.getMessage()]
    assert len(warnings) == 1
