"""Rebuilding an index from the database into a fresh generation, then swapping it in."""

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from sqlalchemy.engine import Engine
from sqlmodel import Session

from .engine import Part, Progress
from .feed import catch_up, max_change_id
from .registry import Provider, providers
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


def provider_documents(bind: Engine, provider: Provider, parent_pid: int) -> Iterator[dict]:
    """The index documents of one kind, read in a session of their own."""
    if os.getpid() != parent_pid:
        bind.dispose(close=False)  # a forked rebuild worker: never share the parent's connections
    with Session(bind) as db:
        for raw in provider.iter_all(db):
            yield provider.prepare(raw)


def parts(bind: Engine, wrap: Wrap | None = None) -> list[Part]:
    """One part per registered kind (a worker each in a parallel rebuild)."""
    found = []
    for provider in providers():
        part = partial(provider_documents, bind, provider, os.getpid())
        found.append(partial(_wrapped, part, wrap) if wrap else part)
    return found


def _wrapped(part: Part, wrap: Wrap) -> Iterable[dict]:
    return wrap(part())


def expected_total(db: Session) -> int | None:
    """Documents a rebuild will write, when every provider can count them cheaply."""
    counters = [p.count_all for p in providers()]
    if any(counter is None for counter in counters):
        return None
    return sum(counter(db) for counter in counters)


def rebuild_locked(
    store: IndexStore,
    bind: Engine,
    wrap: Wrap | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> RebuildResult:
    """With the writer lock held: build, swap, then apply what changed meanwhile. `workers`
    above 1 builds the kinds in parallel processes; `wrap` wraps each kind's documents.

    The feed's newest id is read BEFORE the documents: everything up to it is in the
    snapshot, everything after it is applied from the feed once the new generation is live
    (applying a change twice is harmless)."""
    store.remove_other_generations()  # half-built folders of a killed rebuild
    start_id = max_change_id(store.feed, bind)
    name, _path = store.new_generation()
    engine = store.create_engine(name)
    started = time.perf_counter()
    written = engine.rebuild(parts(bind, wrap), workers=workers, progress=progress)
    seconds = time.perf_counter() - started
    store.write_state(name, schema_version=store.expected_schema_version(), last_change_id=start_id)
    engine.close()
    store.swap(name)
    caught_up = catch_up(store, store.engine(), bind)
    return RebuildResult(written, seconds, start_id, caught_up)


def rebuild(
    store: IndexStore,
    bind: Engine,
    wrap: Wrap | None = None,
    lock_timeout: float | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> RebuildResult | None:
    """None when another writer kept the lock longer than the timeout."""
    with store.lock(lock_timeout) as acquired:
        if not acquired:
            return None
        return rebuild_locked(store, bind, wrap, workers, progress)
