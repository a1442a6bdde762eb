"""Browser tests: Debian's Chromium driven by Playwright against the app served by gunicorn on a
free loopback port, with a throwaway SQLite database and index folder filled by `portal demo`.
Every page a test opens is checked by axe-core, for sideways scrolling and for console errors;
a failing page leaves a screenshot under tests/browser/artifacts/ (kept by CI)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .checks import PageChecker

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BIN = Path(sys.executable).parent
CARD = re.compile(r"Login code for (\S+): (\S+) \(date of birth (\S+)\)")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

try:
    from playwright import sync_api as playwright_api
except ImportError:  # pragma: no cover - the [test] extra brings it
    playwright_api = None


def _skip_reason() -> str | None:
    """Why the browser tests cannot run here (they skip with this reason), or None."""
    if playwright_api is None:
        return "playwright is missing: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}: apt-get install -y chromium"
    if not AXE.exists():
        return f"no axe-core at {AXE}: npm ci"
    if not os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"):
        return "browser tests serve their own SQLite copy: they run in the SQLite pass"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    if reason:
        here = Path(__file__).parent
        for item in items:
            if here in Path(item.fspath).parents:
                item.add_marker(pytest.mark.skip(reason=reason))


def _portal_env(folder: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
        "PORTAL_INDEX_DIR": str(folder / "index"),
        "PORTAL_MAIL_DIR": str(folder / "mail"),
        "PORTAL_SECRET_KEY": "browser-test-secret",
        "PORTAL_DEFAULT_LOCALE": "nl",
    }


def _run(folder: Path, *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "portal"), *args],
        cwd=folder,
        env=_portal_env(folder),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout + done.stderr


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """One migrated database with demo data; each journey starts from a copy of it."""
    folder = tmp_path_factory.mktemp("demo")
    _run(folder, "db", "upgrade")
    out = _run(folder, "demo")
    logins = {"card": {m[0]: (m[1], m[2]) for m in CARD.findall(out)}}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and "@" in parts[1]:
            logins.setdefault(parts[0], []).append((parts[1], parts[2]))
    return folder, logins


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving a copy of the demo database; stopped by its own process id."""

    def __init__(self, template: Path, folder: Path):
        shutil.copytree(template, folder)
        self.folder = folder
        self.url = f"http://127.0.0.1:{_free_port()}"
        self.log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-b",
                self.url.removeprefix("http://"),
                "-w",
                "2",
                "--timeout",
                "60",
                "wsgi:app",
            ],
            cwd=ROOT,
            env={**_portal_env(folder), "PORTAL_INSTANCE_PATH": str(folder)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer: {(self.folder / 'gunicorn.log').read_text()}")

    def cli(self, *args: str) -> str:
        return _run(self.folder, *args)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def checker_factory(browser):
    """New signed-out pages at a given width and language, each visit checked."""
    ARTIFACTS.mkdir(exist_ok=True)
    contexts = []

    def open_page(base_url: str, width: int, lang: str, name: str) -> PageChecker:
        # bypass_csp lets the test inject axe-core; users keep the strict policy.
        context = browser.new_context(
            base_url=base_url,
            viewport={"width": width, "height": 844 if width < 600 else 900},
            locale="ar" if lang == "ar" else "nl-BE",
            bypass_csp=True,
        )
        contexts.append(context)
        context.set_default_timeout(8000)
        return PageChecker(context.new_page(), AXE, ARTIFACTS, f"{name}-{lang}-{width}", lang)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    """One server per test module, on its own copy of the demo database."""
    running = Server(demo_template[0], tmp_path_factory.mktemp("server") / "data")
    yield running
    running.stop()


def pytest_terminal_summary(terminalreporter):
    """The numbers issue 13 asks for: page visits checked, per language."""
    from .checks import VISITS

    if VISITS:
        counts = " ".join(f"{lang}={n}" for lang, n in sorted(VISITS.items()))
        terminalreporter.write_line(
            f"browser page visits checked (axe serious/critical, width, console): {counts}"
        )
