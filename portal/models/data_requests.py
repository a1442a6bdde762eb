"""Data requests: a participant (or their mentor at their side) asks the portal to correct or
erase what it holds about them. The coordinator must answer within one month (GDPR art.
12(3)); what was done, by whom and when stays on the row, also after an erasure (which
empties the text and unlinks the person)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from .base import utcnow


class RequestKind(StrEnum):
    CORRECTION = "correction"
    ERASURE = "erasure"


class RequestOutcome(StrEnum):
    DONE = "done"
    REFUSED = "refused"
    ERASED = "erased"  # closed because all the person's data was erased meanwhile


class DataRequest(SQLModel, table=True):
    __tablename__ = "data_request"

    id: int | None = Field(default=None, primary_key=True)
    # None once the person is erased: the row then only says what was asked and done.
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    kind: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_by_role: str = Field(max_length=20)
    due_on: date = Field(index=True)  # the legal deadline: one month after the request
    reminded_at: datetime | None = None  # the coordinators were reminded (once)
    handled_at: datetime | None = Field(default=None, index=True)
    handled_by_id: int | None = Field(default=None, foreign_key="user.id")
    outcome: str = Field(default="", max_length=20)
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
