"""`portal bench pages --n N`: the portal's list pages under load, side by side with a bare
Flask app under the same gunicorn (same worker count), on N x N synthetic data in a
throwaway database. Loopback only; each page is driven for a fixed time (wrk when installed,
else a Python client with threads). Three rounds, worker RSS before and after; the last line
is one summary scripts can read. Rates are medians over the rounds, ratios to bare hello."""

import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

from sqlmodel import Session, select

from .bench import throwaway_app
from .bench_data import generate

PASSWORD = secrets.token_urlsafe(16)  # of the throwaway accounts, new each run
ROUNDS = 3
# (name, login role or None, path template); filled with ids picked from the data
PAGES = (
    ("login", None, "/login"),
    ("healthz", None, "/healthz"),
    ("candidates", "employer", "/employer/vacancies/{vacancy}/candidates"),
    ("openings", "mentor", "/mentor/participants/{participant}/openings"),
    ("cards", "participant", "/me/openings"),
    ("list", "mentor", "/vacancies/"),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _total(query, db, object_id) -> int:
    """How many rows its page shows, at most a full page (`max` keeps the first full one)."""
    return min(query(db, object_id, limit=1).total, 20)


def _accounts(db: Session) -> tuple[dict, dict]:
    """Login accounts for one employer, one mentor and one participant that all see a full
    page: the employer owns a vacancy with many candidates, the participant (of the mentor)
    has many openings."""
    from portal.models import Organisation, Participant, User, Vacancy
    from portal.services import accounts

    from . import service as matching

    vacancies = db.exec(select(Vacancy.id).order_by(Vacancy.id).limit(200)).all()
    people = db.exec(select(Participant.id).order_by(Participant.id).limit(400)).all()
    vacancy = db.get(
        Vacancy, max(vacancies, key=lambda i: _total(matching.candidates_for_vacancy, db, i))
    )
    participant = db.get(
        Participant, max(people, key=lambda i: _total(matching.openings_for_participant, db, i))
    )
    mentor = db.get(User, participant.mentor_id)
    mentor.password_hash = accounts.hash_password(PASSWORD)
    employer_organisation = db.get(Organisation, vacancy.organisation_id)
    made = {
        role: accounts.create_user(
            db,
            email=f"{role}@bench.invalid",
            password=PASSWORD,
            role=role,
            display_name=role.title(),
            organisation=organisation,
        )
        for role, organisation in (("employer", employer_organisation), ("participant", None))
    }
    participant.user_id = made["participant"].id
    db.commit()
    ids = {"vacancy": vacancy.id, "participant": participant.id}
    return {"mentor": mentor.email} | {role: user.email for role, user in made.items()}, ids


def _serve(spec: str, port: int, workers: int, env: dict, log) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-k",
        "sync",
        "-b",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        spec,
    ]
    process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return process
        except urllib.error.HTTPError:
            return process  # it answers (the bare app has no /healthz)
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"bench pages: gunicorn {spec} exited") from None
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"bench pages: gunicorn {spec} did not answer in 60 s")


def _login(base: str, email: str) -> str:
    """The Cookie header of a signed-in session."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login", timeout=30).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "email": email, "password": PASSWORD}
    opener.open(f"{base}/login", urllib.parse.urlencode(form).encode(), timeout=30)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def _worker_rss_mb(master: subprocess.Popen) -> list[int]:
    """Resident memory of each gunicorn worker (children of the master), in MB."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024)
    return sorted(sizes)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _wrk(url: str, cookie: str, seconds: float, connections: int) -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 30)
    text = out.stdout
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    for found in re.findall(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    ):
        errors += sum(int(n) for n in found)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": _ms(re.search(r"\s50%\s+(\S+)", text).group(1)),
        "p99": _ms(re.search(r"\s99%\s+(\S+)", text).group(1)),
        "errors": errors,
    }


def _python_client(url: str, cookie: str, seconds: float, connections: int) -> dict:
    """The load generator when wrk is missing: one thread per connection, bounded in time."""
    latencies, errors, stop = [], [0], time.monotonic() + seconds
    headers = {"Cookie": cookie} if cookie else {}

    def loop():
        while time.monotonic() < stop:
            begun = time.perf_counter()
            try:
                request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
                with urllib.request.urlopen(request, timeout=5) as r:  # noqa: S310
                    r.read()
                latencies.append((time.perf_counter() - begun) * 1000)
            except OSError:
                errors[0] += 1

    threads = [threading.Thread(target=loop) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies) or [0.0]
    return {
        "rps": len(latencies) / seconds,
        "p50": ordered[len(ordered) // 2],
        "p99": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
        "errors": errors[0],
    }


def _drive(url, cookie, seconds, connections):
    drive = _wrk if shutil.which("wrk") else _python_client
    return drive(url, cookie, seconds, connections)


@contextmanager
def world(n: int, seed: int = 1, echo=print, database_url: str | None = None):
    """N x N synthetic data with login accounts in a throwaway database and index folder, as
    the environment a portal process needs to serve it: yields (folder, env, emails, ids).
    Everything is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="portal-bench-pages-") as folder:
        app = throwaway_app(Path(folder), database_url)
        with app.test_request_context("/"), Session(app.extensions["portal_engine"]) as db:
            started = time.perf_counter()
            generate(db, n, seed)
            from portal.services.vacancies import lifecycle
            from search_index import rebuild, sync

            from .index import get_store

            store, bind = get_store(app), app.extensions["portal_engine"]
            rebuild(store, bind, lock_timeout=60, workers=2)
            emails, ids = _accounts(db)
            # the accounts' changes and the expiry the first list page would do, applied now:
            # a page process that applied them while another one counts made that one reopen
            # the index mid-count (a third more instructions, now and then)
            lifecycle.expire_due(db)
            sync(store, bind, lock_timeout=60)
            echo(f"generated and indexed {n} x {n} in {time.perf_counter() - started:.1f} s")
        url = app.config["DATABASE_URL"]
        app.extensions["portal_engine"].dispose()
        env = dict(
            os.environ,
            DATABASE_URL=url,
            PORTAL_ENV="production",
            PORTAL_SECRET_KEY=secrets.token_hex(16),
            PORTAL_SESSION_COOKIE_SECURE="false",
            PORTAL_INSTANCE_PATH=str(Path(folder) / "instance"),
            PORTAL_INDEX_DIR=app.config["INDEX_DIR"],
            PORTAL_DEFAULT_LOCALE="en",
            PORTAL_INDEX_APPLY_AFTER_REQUEST="false",
            PORTAL_LOG_LEVEL="WARNING",
        )
        yield Path(folder), env, emails, ids


def run(
    n: int,
    seconds: float = 10,
    connections: int = 32,
    workers: int = 4,
    seed: int = 1,
    echo=print,
    database_url: str | None = None,
) -> str:
    """Returns the summary line; everything it made is removed afterwards."""
    with world(n, seed, echo, database_url) as (folder, env, emails, ids):
        ports = _free_port(), _free_port()
        with open(folder / "gunicorn.log", "w") as log:
            bare = _serve("portal.matching.bench_hello:app", ports[0], workers, env, log)
            portal = _serve("portal:create_app()", ports[1], workers, env, log)
            try:
                return _measure(bare, portal, ports, emails, ids, seconds, connections, n, echo)
            finally:
                for process in (bare, portal):
                    process.terminate()
                    process.wait(timeout=30)


def _measure(bare, portal, ports, emails, ids, seconds, connections, n, echo) -> str:
    base = f"http://127.0.0.1:{ports[1]}"
    cookies = {role: _login(base, email) for role, email in emails.items()}
    targets = [("hello", f"http://127.0.0.1:{ports[0]}/", "")]
    targets += [
        (name, base + path.format(**ids), cookies.get(role, "")) for name, role, path in PAGES
    ]
    for _name, target, cookie in targets:  # warm-up: each worker opens its index and caches
        _drive(target, cookie, min(seconds, 2), connections)
    echo(f"worker RSS before: portal {_worker_rss_mb(portal)} MB, bare {_worker_rss_mb(bare)} MB")
    results: dict[str, list[dict]] = {name: [] for name, _t, _c in targets}
    for round_number in range(1, ROUNDS + 1):
        for name, target, cookie in targets:
            got = _drive(target, cookie, seconds, connections)
            results[name].append(got)
            echo(
                f"round {round_number} {name:<10} {got['rps']:8.1f} req/s  p50 {got['p50']:7.1f} "
                f"ms  p99 {got['p99']:7.1f} ms  errors {got['errors']}"
            )
    echo(
        f"worker RSS after {ROUNDS} rounds: portal {_worker_rss_mb(portal)} MB, "
        f"bare {_worker_rss_mb(bare)} MB"
    )
    rps = {name: statistics.median(r["rps"] for r in rows) for name, rows in results.items()}
    hello = rps["hello"] or 1.0
    for name, _role, path in PAGES:
        p99 = statistics.median(r["p99"] for r in results[name])
        echo(
            f"page {name:<10} {rps[name]:8.1f} req/s ({rps[name] / hello:6.1%} of hello), "
            f"p99 {p99:.1f} ms  {path}"
        )
    worst = max(r["p99"] for name, rows in results.items() if name != "hello" for r in rows)
    errors = sum(r["errors"] for rows in results.values() for r in rows)
    ratio = {name: rps[name] / hello for name in rps}
    return (
        f"pages n={n} hello_rps={hello:.0f} login_ratio={ratio['login']:.3f} "
        f"candidates_ratio={ratio['candidates']:.3f} openings_ratio={ratio['openings']:.3f} "
        f"cards_ratio={ratio['cards']:.3f} list_ratio={ratio['list']:.3f} "
        f"worst_p99_ms={worst:.0f} errors={errors}"
    )
