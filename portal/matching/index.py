"""The index inside the web app: one store per app (opened on first use, never at import),
and the embedded default's sync right after every request or command that recorded changes."""

import logging

from flask import Flask, current_app, g

from search_index import IndexStore, SyncResult, sync

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.config.setdefault("INDEX_LOCK_TIMEOUT", 5.0)
    app.config.setdefault("INDEX_SYNC_AFTER_REQUEST", True)
    app.teardown_appcontext(_sync_recorded_changes)


def get_store(app: Flask | None = None) -> IndexStore:
    app = app or current_app
    store = app.extensions.get("portal_index")
    if store is None:
        store = IndexStore(app.config["INDEX_DIR"], app.config["INDEX_LOCK_TIMEOUT"])
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
