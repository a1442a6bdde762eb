"""ESCO occupations and skills imported by `portal vocabulary import-esco`; they extend the
built-in vocabulary (portal.vocabulary) and are keyed by a portal code `esco:<id>`."""

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from .base import utcnow


class _EscoConcept(SQLModel):
    """Columns every imported ESCO concept has."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=120, unique=True)
    uri: str = Field(max_length=255, unique=True)
    labels: dict = Field(default_factory=dict, sa_type=JSON, nullable=False)
    alt_labels: dict = Field(default_factory=dict, sa_type=JSON, nullable=False)
    # The built-in entry this concept names (same URI or name); None: it stands on its own.
    builtin_code: str | None = Field(default=None, max_length=80)
    imported_at: datetime = Field(default_factory=utcnow)


class EscoOccupation(_EscoConcept, table=True):
    __tablename__ = "esco_occupation"

    esco_code: str = Field(default="", max_length=40)
    isco_group: str = Field(default="", max_length=10)


class EscoSkill(_EscoConcept, table=True):
    __tablename__ = "esco_skill"

    skill_type: str = Field(default="", max_length=40)
