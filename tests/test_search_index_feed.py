"""The change feed and keeping the index in step with it: after a request, across processes."""

import subprocess
import sys
import time
from datetime import timedelta

import pytest
from flask import Blueprint
from sqlmodel import col, delete, select

from portal import db as portal_db
from portal.access import public
from portal.matching.index import FEED, get_applier, get_store
from portal.models import IndexChange, Organisation
from portal.services.search_feed import record_change
from search_index import SearchQuery, doc_key, open_engine, sync
from search_index.store import IndexStore
from search_index.sync import SyncResult

from .conftest import ROOT, post
from .search_index_kinds import KIND, add_organisation, organisation_kind  # noqa: F401

pytestmark = pytest.mark.usefixtures("organisation_kind")


def feed_ids(db) -> list[int]:
    return list(db.exec(select(IndexChange.id).order_by(col(IndexChange.id))).all())


def indexed(app) -> dict[str, str]:
    """What the live index holds, read without syncing first."""
    return get_store(app).engine().digests(KIND)


def test_feed_ids_increase_and_never_come_back(app, db):
    first = add_organisation(db, "Bakkerij Peeters")
    second = add_organisation(db, "Garage Maes")
    ids = feed_ids(db)
    assert len(ids) == 2 and ids[0] < ids[1]
    assert [c.object_id for c in db.exec(select(IndexChange).order_by(IndexChange.id))] == [
        first.id,
        second.id,
    ]
    db.exec(delete(IndexChange))
    db.commit()
    add_organisation(db, "Drukkerij Claes")
    assert feed_ids(db)[0] > ids[1]


def test_unknown_op_is_refused(app, db):
    with pytest.raises(ValueError, match="op"):
        record_change(db, KIND, 1, "rename")
    db.rollback()


@pytest.fixture()
def rename_route(app):
    """A page that changes an organisation the way a real service would (the write and its
    change row in one transaction), to exercise the sync that follows every request."""
    bp = Blueprint("index_test", __name__)

    @bp.route("/index-test/rename/<int:organisation_id>", methods=["POST"])
    @public
    def rename(organisation_id):
        session = portal_db.session()
        organisation = session.get(Organisation, organisation_id)
        organisation.name = "Schrijnwerkerij Wouters"
        record_change(session, KIND, organisation_id)
        session.commit()
        return "renamed"

    app.register_blueprint(bp)
    return "/index-test/rename/{}"


def test_a_recorded_change_is_in_the_index_within_a_second_of_the_request(
    app, db, client, rename_route
):
    organisation = Organisation(name="Bakkerij Peeters", kind="employer", status="active")
    db.add(organisation)
    db.commit()
    with app.app_context():
        sync(get_store(), portal_db.engine())  # the first sync builds the index
    assert indexed(app) != {}
    started = time.monotonic()
    response = post(client, rename_route.format(organisation.id))
    assert response.status_code == 200
    assert get_applier(app).wait(1.0)  # nobody read: the applier did it after the response
    engine = get_store(app).engine()
    hits = engine.search(SearchQuery(KIND, text="schrijnwerkerij", text_fields=("name",)))
    assert time.monotonic() - started < 1.0
    assert [hit.object_id for hit in hits] == [organisation.id]
    assert get_store(app).last_change_id == feed_ids(db)[-1]


def test_a_request_without_changes_does_not_touch_the_index(app, client):
    client.get("/login")
    assert get_store(app).current_name() is None


def test_an_object_that_stops_being_matchable_leaves_the_index(app, db):
    organisation = add_organisation(db, "Hotel Scheldezicht")
    with app.app_context():
        engine = open_engine(get_store(), portal_db.engine())
        assert doc_key(KIND, organisation.id) in engine.digests(KIND)
        organisation.status = "disabled"
        db.add(organisation)
        record_change(db, KIND, organisation.id)
        db.commit()
        assert open_engine(get_store(), portal_db.engine()).digests(KIND) == {}
        record_change(db, KIND, organisation.id, "delete")  # deleting a missing key is fine
        db.commit()
        assert sync(get_store(), portal_db.engine()).applied == 1


def test_a_rolled_back_change_leaves_nothing_to_apply(app, db):
    with app.app_context():
        session = portal_db.session()
        organisation = Organisation(name="Nooit Bewaard", kind="employer", status="active")
        session.add(organisation)
        session.flush()
        record_change(session, KIND, organisation.id)
        session.rollback()
    assert feed_ids(db) == []
    assert indexed(app) == {}


def test_two_processes_writing_at_once_both_end_up_in_the_index(app, database_url, tmp_path):
    index_dir = str(tmp_path / "index")
    with app.app_context():
        sync(get_store(), portal_db.engine())
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.search_index_worker", "write", database_url, index_dir]
            + ["8", name],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Bouw", "Zorg")
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read()
    keys = indexed(app)
    names = sorted(
        hit.fields["name"] for hit in get_store(app).engine().search(SearchQuery(KIND, limit=100))
    )
    assert len(keys) == 16
    assert names == sorted([f"Bouw {n}" for n in range(8)] + [f"Zorg {n}" for n in range(8)])


def test_pruning_the_feed_rebuilds_only_indexes_that_had_not_applied_it(app, db, tmp_path):
    """Two hosts: one index applied everything, the other lags behind; old rows go."""
    bind = app.extensions["portal_engine"]
    behind = IndexStore(tmp_path / "other-host-index", FEED)
    add_organisation(db, "Bakkerij Peeters")
    sync(behind, bind)  # the other host stops here
    add_organisation(db, "Garage Maes")
    live = get_store(app)
    sync(live, bind)
    for change in db.exec(select(IndexChange)).all():
        change.created_at = change.created_at - timedelta(days=40)
        db.add(change)
    db.commit()
    add_organisation(db, "Drukkerij Claes")  # recent: stays in the feed
    old_ids = feed_ids(db)[:-1]

    result = app.test_cli_runner().invoke(args=["index", "prune", "--keep-days", "30"])
    assert result.exit_code == 0, result.output
    assert "removed 2 change rows older than 30 days" in result.output
    remaining = feed_ids(db)
    assert len(remaining) == 1 and remaining[0] > old_ids[-1]

    assert sync(live, bind) == SyncResult(applied=1)
    lagging = sync(behind, bind)
    assert lagging.rebuilt
    names = {"Bakkerij Peeters", "Garage Maes", "Drukkerij Claes"}
    for store in (live, behind):
        hits = store.engine().search(SearchQuery(KIND, limit=10))
        assert {hit.fields["name"] for hit in hits} == names
    # nothing older left to prune: the marker stays where it was
    again = app.test_cli_runner().invoke(args=["index", "prune", "--keep-days", "30"])
    assert "removed 0 change rows" in again.output and f"after change {old_ids[-1]}" in again.output
