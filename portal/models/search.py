"""The change feed (outbox) of the search index: one row per write that changed what is
searchable, recorded in the same transaction as the write itself."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import utcnow


class ChangeOp(StrEnum):
    UPSERT = "upsert"  # (re)load the object: it is indexed if matchable, removed otherwise
    DELETE = "delete"  # the object is gone


class IndexChange(SQLModel, table=True):
    __tablename__ = "index_change"
    # AUTOINCREMENT on SQLite: ids never come back after old rows are removed, so an index
    # that remembers "applied up to id N" can never skip a newer row.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)  # "vacancy", "participant", ...
    object_id: int
    op: str = Field(max_length=10)
    created_at: datetime = Field(default_factory=utcnow)


class IndexChangePruned(SQLModel, table=True):
    """One row: the feed no longer holds the changes up to `through_id` (`portal index
    prune`). An index that applied fewer changes than that is rebuilt by its next sync."""

    __tablename__ = "index_change_pruned"

    id: int | None = Field(default=None, primary_key=True)
    through_id: int = 0
    pruned_at: datetime = Field(default_factory=utcnow)
