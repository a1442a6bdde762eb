"""The real server: gunicorn with four workers, as in production."""

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import PASSWORD, TOKEN

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _running(database_url, tmp_path, **extra_env):
    port = _free_port()
    env = (
        os.environ
        | {
            "DATABASE_URL": database_url,
            "PORTAL_SECRET_KEY": "gunicorn-test-key",
            "PORTAL_INDEX_DIR": str(tmp_path / "gunicorn-index"),
            "PORTAL_ENV": "production",
        }
        | extra_env
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "4", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - loopback only
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # slow boot under load
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not start")
    try:
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:  # gunicorn gives busy workers graceful_timeout (30 s); under load it can use it
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture()
def server(app, database_url, tmp_path):
    """Plain HTTP on the loopback: the Secure cookie is turned off explicitly, or the
    browser below would never send it back."""
    with _running(database_url, tmp_path, PORTAL_SESSION_COOKIE_SECURE="false") as base:
        yield base


def test_production_cookie_is_secure_with_hsts_and_no_server_banner(app, database_url, tmp_path):
    """Issue 12 finding 10."""
    with (
        _running(database_url, tmp_path) as base,
        urllib.request.urlopen(base + "/login") as response,  # noqa: S310 - loopback only
    ):
        headers = response.headers
    assert "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "gunicorn" not in (headers.get("Server") or "").lower()


def _browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _sign_in(base, email, password):
    browser = _browser()
    page = browser.open(base + "/login").read().decode()
    data = urllib.parse.urlencode(
        {"csrf_token": TOKEN.search(page).group(1), "email": email, "password": password}
    ).encode()
    return browser.open(base + "/login", data=data)


def test_login_page_in_four_languages(server):
    for lang, direction in [("nl", "ltr"), ("fr", "ltr"), ("en", "ltr"), ("ar", "rtl")]:
        with urllib.request.urlopen(f"{server}/login?lang={lang}") as response:  # noqa: S310
            html = response.read().decode()
        assert re.search(rf'<html lang="{lang}" dir="{direction}">', html)


def test_lockout_holds_across_worker_processes(server, make_user):
    user = make_user("employer", email="across@example.org")
    for _attempt in range(5):
        response = _sign_in(server, user.email, "wrong password!")
        assert response.geturl().endswith("/login")
    # Twenty fresh connections land on several of the four workers; all refuse.
    for _attempt in range(20):
        response = _sign_in(server, user.email, PASSWORD)
        assert response.geturl().endswith("/login"), "locked account signed in on some worker"
