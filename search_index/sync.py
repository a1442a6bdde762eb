"""Keeping an index in step with the database: `sync` (the one writer applies the feed,
rebuilding first when the index is unusable), `open_engine` (a reader's entry point, which
never waits for another process's writer) and `lag` (how far behind, without opening it)."""

import logging
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from .engine import SearchEngine, WriteLocked
from .feed import catch_up, max_change_id, pruned_through, seconds_behind
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


def _fresh(store: IndexStore, bind: Engine) -> SearchEngine | None:
    """The live engine when it needs no writer (usable, caught up, nothing stray beside it)."""
    engine = _usable(store)
    if engine is not None and store.caught_up(max_change_id(store.feed, bind)):
        return engine
    return None


def sync(store: IndexStore, bind: Engine, lock_timeout: float | None = None) -> SyncResult:
    """Apply pending changes. Never waits for the lock when there is nothing to do; returns
    skipped=True (no error) when the lock stayed taken for `lock_timeout` seconds. Every
    writer first removes what a killed rebuild left behind."""
    if _fresh(store, bind) is not None:
        return SyncResult()
    with store.lock(lock_timeout) as acquired:
        if not acquired:
            return SyncResult(skipped=True)
        store.remove_other_generations()
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


def open_engine(
    store: IndexStore, bind: Engine, lock_timeout: float = 0.0, local_wait: float = 1.0
) -> SearchEngine:
    """The engine to search, caught up with the feed first when the writer lock is free (so
    changes of other processes or hosts show up). When another process writes (a rebuild),
    it answers from the index as it is; when a thread of this process writes (the applier
    after a request), it waits up to `local_wait` s for it, so a page shows its own
    process's writes. Raises IndexUnusable only when no usable index exists and another
    writer is still building it."""
    engine = _fresh(store, bind)  # most calls: one query and three small file reads
    if engine is not None:
        return engine
    if sync(store, bind, lock_timeout).skipped and store.wait_for_local_writer(local_wait):
        sync(store, bind, lock_timeout)
    return store.engine()


def lag(store: IndexStore, bind: Engine) -> dict:
    """How far the live generation is behind the feed, from two small files and two
    queries: the index itself is not opened. Never raises."""
    name = store.current_name()
    state = store.read_state(name) if name else {}
    applied = int(state.get("last_change_id", 0))
    body = {
        "generation": name,
        "usable": bool(name) and state.get("schema_version") == store.expected_schema_version(),
        "last_change_id": applied,
    }
    try:
        newest = max_change_id(store.feed, bind)
        behind = seconds_behind(store.feed, bind, applied)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        log.warning("index lag: %s", exc)
        return body | {"feed_error": type(exc).__name__}
    return body | {
        "feed_max_id": newest,
        "lag": max(newest - applied, 0),
        "lag_seconds": round(behind, 3),
    }


def health(store: IndexStore, bind: Engine) -> dict:
    """status() (opens the index: documents) plus the lag; never raises, never writes."""
    return store.status() | lag(store, bind)
