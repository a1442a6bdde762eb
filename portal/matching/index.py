"""The index inside the web app: one store per app (opened on first use, never at import)
handed what the engine library needs from the portal (its change table, its postcodes,
the engine chosen by INDEX_ENGINE), and the embedded default's sync right after every
request or command that recorded changes."""

import logging

from flask import Flask, current_app, g

from search_index import ENGINES, ChangeTable, IndexStore, SyncResult, sync

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


def _sync_recorded_changes(_exc=None) -> None:
    """Runs when the request's (or CLI command's) app context ends, after its commit. The
    flag is set by record_change; a rolled-back change simply finds nothing to apply.
    Never raises: the user's request succeeded, and the next sync will catch up."""
    if not g.pop("index_changes_recorded", False):
        return
    if not current_app.config["INDEX_SYNC_AFTER_REQUEST"]:
        return
    try:
        result: SyncResult = sync(get_store(), current_app.extensions["portal_engine"])
    except Exception:  # noqa: BLE001 - logged; the feed keeps the change for the next sync
        log.exception("index sync after request failed")
        return
    if result.skipped:
        log.info("index busy; changes will be applied by the next sync")
