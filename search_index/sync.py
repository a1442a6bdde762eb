"""Keeping an index in step with the database: `sync` (the one writer applies the feed,
rebuilding first when the index is unusable) and `open_engine` (a reader's entry point)."""

import logging
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from .engine import SearchEngine, WriteLocked
from .feed import catch_up, max_change_id, pruned_through
from .rebuild import rebuild_locked
from .store import IndexStore, IndexUnusable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncResult:
    applied: int = 0
    rebuilt: bool = False
    skipped: bool = False  # another writer kept the lock: the next sync applies the rest


def _usable(store: IndexStore) -> SearchEngine | None:
    try:
        return store.engine()
    except IndexUnusable as reason:
        log.info("index at %s needs a rebuild: %s", store.path, reason)
        return None


def sync(store: IndexStore, bind: Engine, lock_timeout: float | None = None) -> SyncResult:
    """Apply pending changes. Never waits for the lock when there is nothing to do; returns
    skipped=True (no error) when the lock stayed taken for `lock_timeout` seconds."""
    engine = _usable(store)
    if engine is not None and max_change_id(store.feed, bind) <= store.last_change_id:
        return SyncResult()
    with store.lock(lock_timeout) as acquired:
        if not acquired:
            return SyncResult(skipped=True)
        engine = _usable(store)  # the previous holder may have rebuilt it meanwhile
        if engine is not None and store.last_change_id < pruned_through(store.feed, bind):
            log.info("index at %s missed changes pruned from the feed: rebuilding", store.path)
            engine = None
        if engine is None:
            result = rebuild_locked(store, bind)
            return SyncResult(applied=result.caught_up, rebuilt=True)
        try:
            return SyncResult(applied=catch_up(store, engine, bind))
        except WriteLocked:
            log.warning("Whoosh write lock of %s held by another program", store.path)
            return SyncResult(skipped=True)


def open_engine(store: IndexStore, bind: Engine, lock_timeout: float = 1.0) -> SearchEngine:
    """The engine to search, rebuilt when unusable and caught up with the feed first (so
    changes made by other processes or hosts show up). Raises IndexUnusable only when no
    usable index exists and another writer is still building it."""
    sync(store, bind, lock_timeout)
    return store.engine()


def health(store: IndexStore, bind: Engine) -> dict:
    """status() plus how far the index lags behind the feed; never raises."""
    try:
        sync(store, bind, lock_timeout=0.25)
        lag = {"feed_max_id": max_change_id(store.feed, bind)}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        log.warning("index health: %s", exc)
        lag = {"feed_error": type(exc).__name__}
    status = store.status()
    if "feed_max_id" in lag and status["ok"]:
        lag["lag"] = max(lag["feed_max_id"] - status["last_change_id"], 0)
    return status | lag
