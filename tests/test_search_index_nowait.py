"""Nobody waits for the index (issue 18): a write returns while another process holds the
writer lock and shows in the index within a second once it is free; reads answer from the
index as it is; /healthz tells the lag without opening the index; a rebuild killed at any
moment leaves no worker, no lock and no half-built generation behind."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from portal import db as portal_db
from portal.matching.index import FEED, get_applier, get_store
from portal.models import Vacancy
from portal.services.search_feed import record_change
from search_index import IndexStore, SearchQuery, compare, open_engine, rebuild, sync

from .conftest import ROOT, csrf_token
from .search_index_kinds import KIND, add_organisation, organisation_kind  # noqa: F401
from .test_search_index_feed import rename_route  # noqa: F401

HOLD = "import fcntl, os, sys, time\n" + (
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('ready', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
)


def hold_lock(index_dir: Path, seconds: float) -> subprocess.Popen:
    """Another process holding writer.lock (as a rebuild does) for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(index_dir / "writer.lock"), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "ready"
    return holder


def names(store: IndexStore) -> set[str]:
    """What the live index holds, without syncing."""
    hits = store.engine().search(SearchQuery(KIND, limit=100))
    return {hit.fields["name"] for hit in hits}


@pytest.mark.usefixtures("organisation_kind")
def test_a_write_returns_while_another_process_holds_the_lock(app, db, client, rename_route):  # noqa: F811
    organisation = add_organisation(db, "Bakkerij Peeters")
    store = get_store(app)
    sync(store, app.extensions["portal_engine"])
    token = csrf_token(client)
    holder = hold_lock(store.path, 5.0)
    try:
        started = time.monotonic()
        response = client.post(rename_route.format(organisation.id), data={"csrf_token": token})
        assert response.status_code == 200
        assert time.monotonic() - started < 0.3
        started = time.monotonic()
        with app.app_context():  # a search answers from the index as it is, at once
            engine = open_engine(store, portal_db.engine())
        assert time.monotonic() - started < 0.3
        assert (
            names(store)
            == {"Bakkerij Peeters"}
            == {hit.fields["name"] for hit in engine.search(SearchQuery(KIND))}
        )
    finally:
        holder.kill()
        holder.wait()
    released = time.monotonic()
    while names(store) != {"Schrijnwerkerij Wouters"}:  # the applier retries on its own
        assert time.monotonic() - released < 1.0, "not in the index within 1 s"
        time.sleep(0.02)
    assert get_applier(app).wait(1.0)


@pytest.mark.usefixtures("organisation_kind")
def test_healthz_reports_the_lag_and_turns_503_past_the_threshold(app, tmp_path):
    app.config["HEALTH_MAX_LAG_CHANGES"] = 1
    bind = app.extensions["portal_engine"]
    with Session(bind) as db:
        add_organisation(db, "Bakkerij Peeters")
        sync(IndexStore(tmp_path / "index", FEED), bind)  # built by another store: app's stays shut
        client = app.test_client()
        holder = hold_lock(tmp_path / "index", 10.0)  # so nothing catches up meanwhile
        try:
            for _call in range(2):
                body = client.get("/healthz").get_json()["index"]
                assert body["ok"] and body["usable"] and body["lag"] == 0
            assert get_store(app)._open is None  # answered without opening the index
            add_organisation(db, "Garage Maes")
            response = client.get("/healthz")
            assert response.status_code == 200 and response.get_json()["index"]["lag"] == 1
            add_organisation(db, "Drukkerij Claes")
            response = client.get("/healthz")
            assert response.status_code == 503
            body = response.get_json()["index"]
            assert body["lag"] == 2 and body["lag_seconds"] > 0 and not body["ok"]
        finally:
            holder.kill()
            holder.wait()
    assert get_applier(app).wait(2.0)  # /healthz woke the applier, which caught up
    assert client.get("/healthz").status_code == 200


# -- a rebuild killed at several moments -----------------------------------------------------
@pytest.fixture(scope="module")
def bench_folder(tmp_path_factory):
    """A database of 2,000 vacancies and 2,000 participants, with its index built."""
    from portal.matching import bench

    folder = tmp_path_factory.mktemp("killed-rebuild")
    app = bench.throwaway_app(folder)
    bind = app.extensions["portal_engine"]
    with Session(bind) as db:
        bench.generate(db, 2000)
    with app.app_context():
        rebuild(get_store(app), bind)
    bind.dispose()
    return folder


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment names this index folder (the rebuild and its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")
def test_a_killed_rebuild_leaves_nothing_behind(bench_folder):
    from portal.matching import bench

    app = bench.throwaway_app(bench_folder)
    bind = app.extensions["portal_engine"]
    store = get_store(app)
    index_dir = str(store.path)
    env = os.environ | {
        "DATABASE_URL": app.config["DATABASE_URL"],
        "PORTAL_INDEX_DIR": index_dir,
        "PORTAL_SECRET_KEY": "killed-rebuild",
    }
    waits, half_built = [], []
    # Seconds after start (still importing), then after its new generation appeared.
    for moment, building in ((0.3, False), (0.3, True), (1.0, True), (2.0, True)):
        command = [Path(sys.executable).parent / "portal", "index", "rebuild", "--workers", "2"]
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while building and not store.stray_generations() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(moment)
        process.kill()
        process.wait()
        half_built += store.stray_generations()
        started = time.monotonic()
        with store.lock(timeout=1.0) as acquired:
            waits.append(time.monotonic() - started)
            assert acquired
        with Session(bind) as db:  # a write right after the kill, applied by the next sync
            vacancy = db.exec(select(Vacancy).limit(1)).one()
            vacancy.title = f"Magazijnier {moment} {building}"
            record_change(db, "vacancy", vacancy.id)
            db.commit()
        assert not sync(store, bind, lock_timeout=0).skipped
        assert store.stray_generations() == []
        time.sleep(0.2)
        assert _processes_with(f"PORTAL_INDEX_DIR={index_dir}") == []
    assert max(waits) < 0.1, waits
    assert half_built, "no kill landed while a generation was being built"
    with app.app_context():
        assert all(kind.clean for kind in compare(store, bind))
    bind.dispose()
