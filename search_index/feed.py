"""Applying the change feed to an index: rows newer than the index's last_change_id, in id
order, in batches; each batch is one index commit, after which the folder's state records
the batch's last id. Re-applying a row is harmless (upsert by key, deleting a missing key is
a no-op), so a crash between the commit and the state write only repeats work."""

import logging
from collections.abc import Sequence

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from portal.models import ChangeOp, IndexChange

from .engine import SearchEngine, doc_key
from .registry import provider

log = logging.getLogger(__name__)
BATCH_SIZE = 500


def max_change_id(bind: Engine) -> int:
    with Session(bind) as db:
        return db.exec(select(func.max(IndexChange.id))).one() or 0


def changes_after(bind: Engine, after_id: int, limit: int) -> list[IndexChange]:
    with Session(bind, expire_on_commit=False) as db:
        query = (
            select(IndexChange)
            .where(col(IndexChange.id) > after_id)
            .order_by(col(IndexChange.id))
            .limit(limit)
        )
        return list(db.exec(query).all())


def apply_changes(engine: SearchEngine, bind: Engine, changes: Sequence[IndexChange]) -> None:
    """One commit for the batch; each object is indexed as the database has it now."""
    latest: dict[tuple[str, int], str] = {}
    for change in changes:
        latest[(change.kind, change.object_id)] = change.op
    deletes: list[str] = []
    reload: dict[str, list[int]] = {}
    for (kind, object_id), op in latest.items():
        if provider(kind) is None:
            log.warning("index change for unregistered kind %r ignored", kind)
        elif op == ChangeOp.DELETE:
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
    while changes := changes_after(bind, last, batch_size):
        apply_changes(engine, bind, changes)
        last = changes[-1].id
        store.write_state(name, last_change_id=last)
        applied += len(changes)
    return applied
