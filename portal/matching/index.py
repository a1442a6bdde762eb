"""The index inside the web app: one store and one applier per app (made on first use, never
at import), handed what the engine library needs from the portal (its change table, its
postcodes, the engine chosen by INDEX_ENGINE). A request that recorded changes only wakes the
applier, which brings the index up to date after the response (search_index/applier.py says
why a thread); a CLI command, with nobody waiting for a page, syncs before it ends."""

import logging

from flask import Flask, current_app, g

from search_index import ENGINES, ChangeTable, IndexStore, sync
from search_index.applier import Applier

from ..models import IndexChange, IndexChangePruned
from ..services import postcodes

log = logging.getLogger(__name__)
FEED = ChangeTable(rows=IndexChange, pruned=IndexChangePruned)


def init_app(app: Flask) -> None:
    app.config.setdefault("INDEX_LOCK_TIMEOUT", 5.0)
    app.config.setdefault("INDEX_SYNC_AFTER_REQUEST", True)
    app.config.setdefault("INDEX_ENGINE", "whoosh")  # "memory": the simple engine of the tests
    if app.config["INDEX_ENGINE"] not in ENGINES:
        choices = ", ".join(sorted(ENGINES))
        raise ValueError(
            f"INDEX_ENGINE must be one of {choices}, not {app.config['INDEX_ENGINE']!r}"
        )
    app.teardown_request(_wake_applier)
    app.teardown_appcontext(_sync_recorded_changes)


def get_store(app: Flask | None = None) -> IndexStore:
    app = app or current_app
    store = app.extensions.get("portal_index")
    if store is None:
        store = IndexStore(
            app.config["INDEX_DIR"],
            FEED,
            app.config["INDEX_LOCK_TIMEOUT"],
            engine_type=ENGINES[app.config["INDEX_ENGINE"]],
            places=postcodes.nearby_with_distance,
        )
        app.extensions["portal_index"] = store
    return store


def get_applier(app: Flask | None = None) -> Applier:
    app = app or current_app
    applier = app.extensions.get("portal_index_applier")
    if applier is None:
        applier = Applier(
            get_store(app),
            app.extensions["portal_engine"],
            after=app.extensions.get("portal_after_index_sync"),
        )
        app.extensions["portal_index_applier"] = applier
    return applier


def _recorded() -> bool:
    """The flag set by record_change; a rolled-back change simply finds nothing to apply."""
    return g.pop("index_changes_recorded", False) and current_app.config["INDEX_SYNC_AFTER_REQUEST"]


def _wake_applier(_exc=None) -> None:
    """After the view (and its commit), before the response is sent: never waits."""
    if _recorded():
        get_applier().notify()


def _sync_recorded_changes(_exc=None) -> None:
    """When a CLI command's app context ends. Never raises: the command's work is committed,
    and the next sync will catch up."""
    if not _recorded():
        return
    try:
        result = sync(get_store(), current_app.extensions["portal_engine"])
    except Exception:  # noqa: BLE001 - logged; the feed keeps the change for the next sync
        log.exception("index sync after a command failed")
        return
    if result.skipped:
        log.info("index busy; changes will be applied by the next sync")
