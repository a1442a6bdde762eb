"""Rebuilding an index from the database into a fresh generation, then swapping it in."""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from .feed import catch_up, max_change_id
from .registry import providers
from .store import IndexStore

Wrap = Callable[[Iterable[dict]], Iterable[dict]]


@dataclass(frozen=True)
class RebuildResult:
    documents: int
    seconds: float
    last_change_id: int
    caught_up: int

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else float(self.documents)


def all_documents(db: Session) -> Iterator[dict]:
    for kind_provider in providers():
        for raw in kind_provider.iter_all(db):
            yield kind_provider.prepare(raw)


def expected_total(db: Session) -> int | None:
    """Documents a rebuild will write, when every provider can count them cheaply."""
    counters = [p.count_all for p in providers()]
    if any(counter is None for counter in counters):
        return None
    return sum(counter(db) for counter in counters)


def rebuild_locked(store: IndexStore, bind: Engine, wrap: Wrap | None = None) -> RebuildResult:
    """With the writer lock held: build, swap, then apply what changed meanwhile.

    The feed's newest id is read BEFORE the documents: everything up to it is in the
    snapshot, everything after it is applied from the feed once the new generation is live
    (applying a change twice is harmless)."""
    store.remove_other_generations()  # half-built folders of a killed rebuild
    start_id = max_change_id(bind)
    name, _path = store.new_generation()
    engine = store.create_engine(name)
    started = time.perf_counter()
    with Session(bind) as db:
        docs: Iterable[dict] = all_documents(db)
        written = engine.rebuild(wrap(docs) if wrap else docs)
    seconds = time.perf_counter() - started
    store.write_state(name, schema_version=store.expected_schema_version(), last_change_id=start_id)
    engine.close()
    store.swap(name)
    caught_up = catch_up(store, store.engine(), bind)
    return RebuildResult(written, seconds, start_id, caught_up)


def rebuild(
    store: IndexStore, bind: Engine, wrap: Wrap | None = None, lock_timeout: float | None = None
) -> RebuildResult | None:
    """None when another writer kept the lock longer than the timeout."""
    with store.lock(lock_timeout) as acquired:
        if not acquired:
            return None
        return rebuild_locked(store, bind, wrap)
