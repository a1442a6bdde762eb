"""Recording changes for the search index: every write that changes what is searchable calls
`record_change` inside its own transaction, so the change row commits (or rolls back) with it."""

from flask import g, has_app_context
from sqlalchemy import text
from sqlmodel import Session

from ..models import ChangeOp, IndexChange

# Any constant works: it names the one PostgreSQL advisory lock that orders the feed.
FEED_LOCK_KEY = 0x1D8C4A


def record_change(db: Session, kind: str, object_id: int, op: str = ChangeOp.UPSERT) -> None:
    """Add a change row to the caller's transaction (no commit).

    On PostgreSQL the transaction first takes an advisory lock held until it ends, so change
    ids become visible in id order: a follower that has applied up to id N can never later
    see a smaller id commit. (SQLite has one writer at a time, which gives the same order.)"""
    if op not in {ChangeOp.UPSERT, ChangeOp.DELETE}:
        raise ValueError(f"unknown index change op {op!r}")
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK_KEY})
    db.add(IndexChange(kind=kind, object_id=object_id, op=str(op)))
    db.flush()
    if has_app_context():
        g.index_changes_recorded = True
