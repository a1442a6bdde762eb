"""ESCO occupations and skills imported by `portal vocabulary import-esco`; they extend the
built-in vocabulary (portal.vocabulary) and are keyed by a portal code `esco:<id>`."""

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from .base import utcnow


class EscoOccupation(SQLModel, table=True):
    __tablename__ = "esco_occupation"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=120, unique=True)
    uri: str = Field(max_length=255, unique=True)
    esco_code: str = Field(default="", max_length=40)
    isco_group: str = Field(default="", max_length=10)
    labels: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    imported_at: datetime = Field(default_factory=utcnow)


class EscoSkill(SQLModel, table=True):
    __tablename__ = "esco_skill"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=120, unique=True)
    uri: str = Field(max_length=255, unique=True)
    skill_type: str = Field(default="", max_length=40)
    labels: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    imported_at: datetime = Field(default_factory=utcnow)
