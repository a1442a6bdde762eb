"""The wheel carries the templates and catalogs, and the README's production section works
as written: installed into a fresh virtual environment, run from another folder."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "fr", "en", "ar")


def test_the_wheel_holds_templates_and_catalogs(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("bridge_portal-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {f"portal/{p.relative_to(ROOT)}" for p in (ROOT / "templates").rglob("*.html")}
    assert templates and templates <= names
    catalogs = {f"portal/translations/{lang}/LC_MESSAGES/messages.po" for lang in LANGUAGES}
    assert catalogs | {"portal/translations/messages.pot"} <= names
    assert "portal/gunicorn_settings.py" in names and "portal/static/portal.css" in names
    assert not any(name.startswith(("templates/", "translations/", "tests/")) for name in names)


def _production_block() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


# The README's commands, word for word (test_readme_lists_these_commands checks).
INSTALL = "pip install ."
IN_THE_WORKING_FOLDER = [
    "portal translations compile",
    "portal db upgrade",
    'portal users create --role coordinator --email you@example.org --name "Your Name"',
    "portal index rebuild",
]
SERVE = "gunicorn -c python:portal.gunicorn_settings 'portal:create_app()'"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_production_section_runs_in_a_fresh_venv_from_another_folder(tmp_path):
    block = _production_block()
    for command in [INSTALL, *IN_THE_WORKING_FOLDER, SERVE]:
        assert command in block, f"README's production section no longer says: {command}"

    venv, site = tmp_path / "venv", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site.mkdir()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "VIRTUAL_ENV"))}
    env.pop("DATABASE_URL", None)
    env |= {
        "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}",
        "PORTAL_ENV": "production",
        "PORTAL_SECRET_KEY": "a-production-secret-for-this-test",
        "DATABASE_URL": f"sqlite:///{site / 'portal.sqlite3'}",
        "PORTAL_SESSION_COOKIE_SECURE": "true",
        "PORTAL_BIND": f"127.0.0.1:{port}",
        "PORTAL_WORKERS": "2",
    }

    def run(command, cwd, stdin=None):
        done = subprocess.run(  # noqa: S602 - the README's command line, quoting and all
            command, shell=True, cwd=cwd, env=env, input=stdin, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    run(INSTALL, ROOT)
    run(IN_THE_WORKING_FOLDER[0], site)
    assert "database at" in run(IN_THE_WORKING_FOLDER[1], site)
    password = "a long production password\n"
    assert "created coordinator" in run(IN_THE_WORKING_FOLDER[2], site, stdin=password * 2)
    assert "rebuilt" in run(IN_THE_WORKING_FOLDER[3], site)
    assert "Compile catalogs, migrate" in run("portal start --help", site)

    server = subprocess.Popen(  # noqa: S602 - the README's command line, quoting and all
        SERVE,
        shell=True,
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = _get(base + "/healthz")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.3)
        assert status == 200 and json.loads(body)["status"] == "ok"
        status, page = _get(base + "/login?lang=fr")
        assert status == 200 and '<html lang="fr" dir="ltr">' in page
        assert "Se connecter" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    installed = next((venv / "lib").glob("python3*/site-packages/portal"))
    assert (installed / "translations/fr/LC_MESSAGES/messages.mo").is_file()
    assert not (installed / "instance").exists()
    assert (site / "instance" / "index" / "CURRENT").is_file()
