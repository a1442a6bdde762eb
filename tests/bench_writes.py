"""Write POST latency while rebuilds run and are killed (issue 18), on loopback only:

    .venv/bin/python -m tests.bench_writes [--n 2000] [--clients 4] [--writes 40] [--workers 3]

Builds a bench database (N vacancies x N participants, SQLite in a temporary folder) and its
index, serves it with gunicorn, and has each client thread (one employer each) create and
publish vacancies while a loop starts `portal index rebuild --workers 2` and SIGKILLs it
after a random 0.3-3 s (every third one may finish). Prints p50/p99/max of the write POSTs,
acknowledged writes lost (not in the database, or not published), and `portal index check`."""

import argparse
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from sqlmodel import Session, select

from .conftest import PASSWORD, ROOT, TOKEN
from .test_employers_vacancies import vacancy_form

PORTAL = str(Path(sys.executable).parent / "portal")


class Browser:
    """One signed-in employer over one loopback connection per request (gunicorn sync)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location"), text

    def sign_in(self, email: str) -> str:
        token = TOKEN.search(self.request("GET", "/login")[2]).group(1)
        status, _loc, _text = self.request(
            "POST", "/login", {"csrf_token": token, "email": email, "password": PASSWORD}
        )
        assert status == 302, "sign-in failed"
        return TOKEN.search(self.request("GET", "/employer/vacancies/new")[2]).group(1)


def prepare(folder: Path, n: int, clients: int) -> tuple[str, list[str]]:
    from portal.matching import bench
    from portal.matching.index import get_store
    from portal.models import Organisation
    from portal.services import accounts
    from search_index import rebuild

    app = bench.throwaway_app(folder)
    bind = app.extensions["portal_engine"]
    emails = [f"bench-employer-{number}@example.org" for number in range(clients)]
    with app.app_context(), Session(bind) as db:
        bench.generate(db, n)
        for email in emails:
            organisation = Organisation(name=email, kind="employer", status="active")
            db.add(organisation)
            db.flush()
            accounts.create_user(
                db, email=email, password=PASSWORD, role="employer",
                display_name=email, organisation=organisation,
            )  # fmt: skip
        db.commit()
        rebuild(get_store(app), bind)
    bind.dispose()
    return app.config["DATABASE_URL"], emails


def writer(port, email, writes, timings, acknowledged, errors):
    browser = Browser(port)
    token = browser.sign_in(email)
    for _number in range(writes):
        started = time.perf_counter()
        status, location, _text = browser.request(
            "POST", "/employer/vacancies/new?lang=en", vacancy_form(csrf_token=token)
        )
        timings.append(time.perf_counter() - started)
        if status != 302 or not re.search(r"/\d+$", location or ""):
            errors.append(f"create {status}")
            continue
        vacancy_id = int(location.rsplit("/", 1)[-1])
        started = time.perf_counter()
        status, _location, _text = browser.request(
            "POST", f"/employer/vacancies/{vacancy_id}/publish", {"csrf_token": token}
        )
        timings.append(time.perf_counter() - started)
        if status == 302:
            acknowledged.append(vacancy_id)
        else:
            errors.append(f"publish {status}")


def rebuild_loop(env, stop, outcome):
    rng = random.Random(18)
    while not stop.is_set():
        process = subprocess.Popen(
            [PORTAL, "index", "rebuild", "--workers", "2"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        outcome["started"] += 1
        try:
            process.wait(timeout=rng.uniform(0.3, 3.0) * (3 if rng.random() < 0.33 else 1))
            outcome["finished"] += 1
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            outcome["killed"] += 1


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--writes", type=int, default=40, help="vacancies per client")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--no-rebuilds", action="store_true", help="baseline: no rebuild loop")
    parser.add_argument(
        "--follower", action="store_true", help="web workers do not apply; a follower does"
    )
    args = parser.parse_args()
    from portal.models import Vacancy

    with tempfile.TemporaryDirectory(prefix="portal-bench-writes-") as tmp:
        folder = Path(tmp)
        url, emails = prepare(folder, args.n, args.clients)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = os.environ | {
            "DATABASE_URL": url,
            "PORTAL_SECRET_KEY": "bench-writes",
            "PORTAL_INDEX_DIR": str(folder / "index"),
            "PORTAL_ENV": "production",
            "PORTAL_INDEX_APPLY_AFTER_REQUEST": "false" if args.follower else "true",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(args.workers),
             "-b", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        follower = subprocess.Popen(
            [PORTAL, "index", "sync", "--follow"] if args.follower else ["true"], cwd=ROOT,
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _attempt in range(150):
                try:
                    Browser(port).request("GET", "/healthz")
                    break
                except OSError:
                    time.sleep(0.2)
            timings, acknowledged, errors = [], [], []
            outcome = {"started": 0, "finished": 0, "killed": 0}
            stop = threading.Event()
            rebuilds = threading.Thread(target=rebuild_loop, args=(env, stop, outcome))
            if not args.no_rebuilds:
                rebuilds.start()
            clients = [
                threading.Thread(
                    target=writer, args=(port, e, args.writes, timings, acknowledged, errors)
                )
                for e in emails
            ]
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            stop.set()
            if rebuilds.is_alive():
                rebuilds.join()
            lag_deadline = time.monotonic() + 10
            while time.monotonic() < lag_deadline:  # the applier retries after the last kill
                body = Browser(port).request("GET", "/healthz")[2]
                if '"lag":0,' in body.replace(" ", ""):
                    break
                time.sleep(0.1)
        finally:
            for process in (server, follower):
                process.terminate()
                process.wait(timeout=30)
        from sqlalchemy import create_engine

        bind = create_engine(url)
        with Session(bind) as db:
            stored = {
                v.id: v.status for v in db.exec(select(Vacancy).where(Vacancy.id.in_(acknowledged)))
            }
        bind.dispose()
        lost = sum(1 for i in acknowledged if stored.get(i) != "published")
        check = subprocess.run(
            [PORTAL, "index", "check"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        ms = [t * 1000 for t in timings]
        print(
            f"bench-writes n={args.n} clients={args.clients} gunicorn_workers={args.workers} "
            f"write_posts={len(ms)} p50_ms={percentile(ms, 0.5):.0f} "
            f"p99_ms={percentile(ms, 0.99):.0f} max_ms={max(ms):.0f} "
            f"acknowledged={len(acknowledged)} lost={lost} errors={len(errors)} "
            f"rebuilds started={outcome['started']} killed={outcome['killed']} "
            f"finished={outcome['finished']} index_check_exit={check.returncode}"
        )
        if check.returncode:
            print(check.stdout[-2000:])


if __name__ == "__main__":
    main()
