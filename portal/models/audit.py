"""Who did what to whom: every view of personal data and every account decision."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(max_length=60, index=True)
    subject_type: str = Field(max_length=40)
    subject_id: int | None = Field(default=None, index=True)
    detail: str = Field(default="", max_length=500)
