"""Rebuilding into a fresh folder and swapping it in; unusable indexes rebuilt on open; the
check that compares index and database; status and health."""

import shutil

import pytest
from sqlmodel import Session, select

from portal import db as portal_db
from portal.matching.index import get_store
from portal.models import Organisation
from search_index import (
    TERM,
    Field,
    SearchQuery,
    compare,
    open_engine,
    rebuild,
    register_provider,
    sync,
)
from search_index.store import STATE_FILE

from .search_index_kinds import (  # noqa: F401
    KIND,
    add_organisation,
    iter_all,
    load_documents,
    organisation_kind,
    register,
    rename_organisation,
)

pytestmark = pytest.mark.usefixtures("organisation_kind")


def names(app) -> set[str]:
    engine = get_store(app).engine()
    return {hit.fields["name"] for hit in engine.search(SearchQuery(KIND, limit=1000))}


def test_rebuild_swaps_in_a_fresh_folder_and_keeps_changes_made_during_it(app, db, tmp_path):
    for name in ("Logistiek Van Damme", "Hotel Scheldezicht", "Bouwbedrijf De Smet"):
        add_organisation(db, name)
    first = add_organisation(db, "Groendienst Leiestreek")
    store = get_store(app)
    with app.app_context():
        sync(store, portal_db.engine())
    old = store.current_name()
    bind = app.extensions["portal_engine"]

    def meanwhile(docs):
        """Other requests keep writing while the rebuild reads the database."""
        for number, doc in enumerate(docs):
            if number == 1:
                with Session(bind, expire_on_commit=False) as other:
                    add_organisation(other, "Woonzorgcentrum Ter Linde")
                    rename_organisation(other, first.id, "Groendienst Leie")
            yield doc

    result = rebuild(store, bind, wrap=meanwhile)
    assert result.documents >= 4 and result.caught_up >= 1
    assert store.current_name() != old
    assert not (tmp_path / "index" / old).exists()
    assert [p.name for p in (tmp_path / "index").glob("gen-*")] == [store.current_name()]
    assert names(app) == {
        "Logistiek Van Damme",
        "Hotel Scheldezicht",
        "Bouwbedrijf De Smet",
        "Groendienst Leie",
        "Woonzorgcentrum Ter Linde",
    }
    assert all(kind.clean for kind in compare(store, bind))


def test_rebuild_command_shows_progress_and_speed(app, db):
    add_organisation(db, "Logistiek Van Damme")
    add_organisation(db, "Schoonmaak Wouters", status="pending")  # not matchable
    result = app.test_cli_runner().invoke(args=["index", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "rebuilt 1 documents" in result.output and "docs/s" in result.output
    assert names(app) == {"Logistiek Van Damme"}


@pytest.mark.parametrize(
    "damage",
    ["missing folder", "garbage table of contents", "missing segments", "other schema version"],
)
def test_an_unusable_index_is_rebuilt_when_opened(app, db, damage):
    add_organisation(db, "Bakkerij Peeters")
    store = get_store(app)
    bind = app.extensions["portal_engine"]
    sync(store, bind)
    folder = store.generation_path(store.current_name())
    add_organisation(db, "Garage Maes")  # recorded, not yet applied
    store._open = None  # a fresh process: nothing opened yet
    if damage == "missing folder":
        shutil.rmtree(store.path)
    elif damage == "garbage table of contents":
        for toc in folder.glob("*.toc"):
            toc.write_text("garbage")
    elif damage == "missing segments":
        for segment in folder.glob("*.seg"):
            segment.unlink()
    else:
        (folder / STATE_FILE).write_text('{"schema_version": "1-old", "last_change_id": 0}')
    engine = open_engine(store, bind)
    assert set(engine.digests(KIND)) == {f"{KIND}:{o.id}" for o in db.exec(select(Organisation))}
    assert store.current_name() != folder.name


def test_a_new_field_of_a_kind_changes_the_schema_version_and_rebuilds(app, db):
    add_organisation(db, "Bakkerij Peeters")
    store = get_store(app)
    bind = app.extensions["portal_engine"]
    sync(store, bind)
    before = store.current_name()
    register_provider(
        KIND,
        load_documents,
        iter_all,
        fields={
            "name": Field("text", stored=True),
            "org_kind": Field("term", stored=True),
            "city": TERM,
        },
    )
    assert sync(store, bind).rebuilt
    assert store.current_name() != before
    register()


def test_check_reports_missing_extra_and_stale_and_exits_1(app, db):
    kept = add_organisation(db, "Bakkerij Peeters")
    gone = add_organisation(db, "Garage Maes")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["index", "check"])
    assert result.exit_code == 0, result.output
    assert "agree" in result.output
    # Writes that forgot to record their change:
    quiet = Organisation(name="Drukkerij Claes", kind="employer", status="active")
    db.add(quiet)
    db.get(Organisation, kept.id).name = "Bakkerij Peeters & Zonen"
    db.get(Organisation, gone.id).status = "disabled"
    db.commit()
    result = runner.invoke(args=["index", "check"])
    assert result.exit_code == 1
    assert f"missing {KIND}:{quiet.id}" in result.output
    assert f"extra {KIND}:{gone.id}" in result.output
    assert f"stale {KIND}:{kept.id}" in result.output
    assert runner.invoke(args=["index", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["index", "check"]).exit_code == 0


def test_status_and_health_report_last_change_and_lag(app, db, client):
    add_organisation(db, "Bakkerij Peeters")  # outside a request: nothing synced
    runner = app.test_cli_runner()
    result = runner.invoke(args=["index", "status"])
    assert result.exit_code == 0, result.output
    assert "usable False" in result.output  # status only looks, it never writes
    assert runner.invoke(args=["index", "sync"]).exit_code == 0
    result = runner.invoke(args=["index", "status"])
    assert "documents 1" in result.output and "lag 0" in result.output
    body = client.get("/healthz").get_json()["index"]
    assert body["ok"] and body["lag"] == 0
    assert body["last_change_id"] == body["feed_max_id"] > 0


def test_sync_command_applies_pending_changes(app, db):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["index", "sync"]).exit_code == 0
    with Session(app.extensions["portal_engine"]) as other:
        add_organisation(other, "Bakkerij Peeters")  # outside any request: nothing synced
    assert names(app) == set()
    result = runner.invoke(args=["index", "sync"])
    assert result.exit_code == 0 and "applied 1 changes" in result.output
    assert names(app) == {"Bakkerij Peeters"}
