"""A writer killed while holding the lock (mid-commit or mid-rebuild) leaves nothing that
blocks the next one or goes missing; a writer that is alive and busy makes others wait,
then give up quietly (the next sync applies their changes)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from portal import db as portal_db
from portal.matching.index import get_store
from search_index import SearchQuery, compare, open_engine, sync

from .conftest import ROOT
from .search_index_kinds import KIND, add_organisation, organisation_kind  # noqa: F401

pytestmark = pytest.mark.usefixtures("organisation_kind")


@pytest.fixture()
def worker(database_url, tmp_path):
    """Start a worker process; wait for its "ready"; it is killed at the end if still alive."""
    started = []

    def start(mode: str, *args: str):
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.search_index_worker", mode]
            + [database_url, str(tmp_path / "index"), *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        line = process.stdout.readline()
        assert line.strip() == "ready", process.stderr.read()
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


def kill(process) -> None:
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=10) == -signal.SIGKILL


def test_a_writer_killed_mid_commit_is_recovered_with_nothing_missing(app, db, worker):
    store = get_store(app)
    bind = app.extensions["portal_engine"]
    add_organisation(db, "Bakkerij Peeters")
    sync(store, bind)
    holder = worker("hold-write")
    # While it holds the lock, a request's change waits, then is left for the next sync.
    store.lock_timeout = 0.3
    add_organisation(db, "Garage Maes")
    assert sync(store, bind).skipped
    kill(holder)
    folder = store.generation_path(store.current_name())
    assert (folder / "MAIN_WRITELOCK").exists()  # Whoosh's lock file stays behind
    assert (store.path / "writer.lock").exists()
    result = sync(store, bind)
    assert not result.skipped and result.applied == 1
    engine = store.engine()
    assert {hit.fields["name"] for hit in engine.search(SearchQuery(KIND))} == {
        "Bakkerij Peeters",
        "Garage Maes",
    }
    assert all(kind.clean for kind in compare(store, bind))


def test_a_rebuild_killed_half_way_leaves_the_live_index_and_is_cleaned_up(app, db, worker):
    store = get_store(app)
    bind = app.extensions["portal_engine"]
    for name in ("Logistiek Van Damme", "Hotel Scheldezicht", "Bouwbedrijf De Smet"):
        add_organisation(db, name)
    sync(store, bind)
    live = store.current_name()
    kill(worker("hold-rebuild"))
    assert len(list(store.path.glob("gen-*"))) == 2  # the half-built generation
    assert store.current_name() == live
    add_organisation(db, "Groendienst Leiestreek")
    engine = open_engine(store, bind)
    assert engine.count(KIND) == 4
    assert app.test_cli_runner().invoke(args=["index", "rebuild"]).exit_code == 0
    assert [p.name for p in store.path.glob("gen-*")] == [store.current_name()]
    assert all(kind.clean for kind in compare(store, bind))


def test_a_busy_index_never_fails_the_users_request(app, worker):
    store = get_store(app)
    store.lock_timeout = 0.3
    bind = app.extensions["portal_engine"]
    sync(store, bind)
    holder = worker("hold-write")
    with app.test_request_context():
        add_organisation(portal_db.session(), "Drukkerij Claes")
    # the request's own sync found the index busy and let it be, without an error
    assert store.engine().count(KIND) == 0
    kill(holder)
    assert open_engine(store, bind).count(KIND) == 1


def test_the_follower_applies_changes_within_a_second_and_stops_on_sigterm(app, db, worker):
    store = get_store(app)
    follower = worker("follow", "--interval", "0.1")
    add_organisation(db, "Bakkerij Peeters")  # outside a request: only the follower syncs
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        if store.current_name() and store.engine().count(KIND) == 1:
            break
        time.sleep(0.05)
    else:
        # the first poll also builds the index; allow for a slow start, then insist
        time.sleep(3)
        assert store.engine().count(KIND) == 1
    started = time.monotonic()
    add_organisation(db, "Garage Maes")
    while store.engine().count(KIND) < 2:
        assert time.monotonic() - started < 1.0, "change not visible within a second"
        time.sleep(0.02)
    follower.send_signal(signal.SIGTERM)
    assert follower.wait(timeout=10) == 0
    assert "applied" in follower.stdout.read()
