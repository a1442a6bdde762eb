"""Applying the change feed to an index: rows newer than the index's last_change_id, in id
order, in batches; each batch is one index commit, after which the folder's state records
the batch's last id. Re-applying a row is harmless (upsert by key, deleting a missing key is
a no-op), so a crash between the commit and the state write only repeats work.

The feed's tables belong to the application, which hands them over as a ChangeTable."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, func, select

from .engine import SearchEngine, doc_key
from .registry import provider

log = logging.getLogger(__name__)
BATCH_SIZE = 500
DELETE = "delete"  # a change row's op: the object is gone ("upsert": reload it)


@dataclass(frozen=True)
class ChangeTable:
    """`rows`: the model of the change rows (id, kind, object_id, op, created_at), written
    in the transaction of every searchable write; `pruned`: the one-row model (id 1) with
    `through_id` and `pruned_at`, the mark of the last prune."""

    rows: type
    pruned: type


def max_change_id(feed: ChangeTable, bind: Engine) -> int:
    """The newest change: the feed's last row, or the last pruned one when none is left (a
    prune removes only rows up to its mark, so any row left is newer than the mark)."""
    with bind.connect() as connection:  # one round trip: every page asks before it searches
        return connection.execute(_newest_statement(feed)).scalar_one()


@lru_cache(maxsize=8)
def _newest_statement(feed: ChangeTable):
    """max_change_id's query, built once per feed: every page runs it."""
    marker = select(feed.pruned.through_id).where(feed.pruned.id == 1).scalar_subquery()
    return select(func.coalesce(func.max(feed.rows.id), marker, 0))


def pruned_through(feed: ChangeTable, bind: Engine) -> int:
    """Changes up to this id are no longer in the feed (0: nothing was pruned)."""
    with Session(bind) as db:
        marker = db.get(feed.pruned, 1)
        return marker.through_id if marker else 0


def prune(feed: ChangeTable, bind: Engine, older_than: datetime) -> tuple[int, int]:
    """Remove the rows written before `older_than`: (rows removed, pruned through id).
    An index on any host that had not applied them yet is rebuilt by its next sync."""
    with Session(bind) as db:
        through = db.exec(
            select(func.max(feed.rows.id)).where(col(feed.rows.created_at) < older_than)
        ).one()
        marker = db.get(feed.pruned, 1) or feed.pruned(id=1)
        if through is None:
            return 0, marker.through_id
        removed = db.exec(delete(feed.rows).where(col(feed.rows.id) <= through)).rowcount
        marker.through_id = max(marker.through_id, through)
        marker.pruned_at = datetime.now(UTC)
        db.add(marker)
        db.commit()
        return removed, marker.through_id


def changes_after(feed: ChangeTable, bind: Engine, after_id: int, limit: int) -> list:
    with Session(bind, expire_on_commit=False) as db:
        query = (
            select(feed.rows)
            .where(col(feed.rows.id) > after_id)
            .order_by(col(feed.rows.id))
            .limit(limit)
        )
        return list(db.exec(query).all())


def seconds_behind(feed: ChangeTable, bind: Engine, after_id: int) -> float:
    """Age of the oldest change newer than `after_id` (0 when none is pending)."""
    with Session(bind) as db:
        oldest = db.exec(
            select(feed.rows.created_at)
            .where(col(feed.rows.id) > after_id)
            .order_by(col(feed.rows.id))
            .limit(1)
        ).first()
    if oldest is None:
        return 0.0
    if oldest.tzinfo is None:  # SQLite hands naive UTC back
        oldest = oldest.replace(tzinfo=UTC)
    return max((datetime.now(UTC) - oldest).total_seconds(), 0.0)


def apply_changes(engine: SearchEngine, bind: Engine, changes: Sequence) -> None:
    """One commit for the batch; each object is indexed as the database has it now."""
    latest: dict[tuple[str, int], str] = {}
    for change in changes:
        latest[(change.kind, change.object_id)] = change.op
    deletes: list[str] = []
    reload: dict[str, list[int]] = {}
    for (kind, object_id), op in latest.items():
        if provider(kind) is None:
            log.warning("index change for unregistered kind %r ignored", kind)
        elif op == DELETE:
            deletes.append(doc_key(kind, object_id))
        else:
            reload.setdefault(kind, []).append(object_id)
    upserts: list[dict] = []
    with Session(bind) as db:
        for kind, ids in reload.items():
            kind_provider = provider(kind)
            found = [kind_provider.prepare(raw) for raw in kind_provider.load_documents(db, ids)]
            upserts.extend(found)
            present = {doc["object_id"] for doc in found}
            deletes.extend(doc_key(kind, i) for i in ids if i not in present)
    engine.apply(upserts, deletes)


def catch_up(store, engine: SearchEngine, bind: Engine, batch_size: int = BATCH_SIZE) -> int:
    """Apply every pending change to the live generation (writer lock held); returns how
    many feed rows were applied."""
    name = store.current_name()
    last = store.last_change_id
    applied = 0
    while changes := changes_after(store.feed, bind, last, batch_size):
        apply_changes(engine, bind, changes)
        last = changes[-1].id
        store.write_state(name, last_change_id=last)
        applied += len(changes)
    return applied
