"""Vacancies, their mentoring commitment, skills and certificates.

Structured fields are real columns or rows so the search index can build cheap filter
terms: `dutch_level` is an ordinal (A0 = 0 ... C1 = 5) next to its code, shifts are four
booleans, dates are `date` columns and postcodes four characters."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import utcnow


class VacancyStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    EXPIRED = "expired"  # was published, its closing date passed
    FILLED = "filled"
    CLOSED = "closed"


SHIFT_NAMES = ("day", "evening", "night", "weekend")


class Vacancy(SQLModel, table=True):
    # The open ones (published, closing date not passed): every vacancy list counts and
    # sorts them, and expire_due looks for the overdue ones, on each read.
    __table_args__ = (Index("ix_vacancy_status_closing", "status", "closing_date"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    status: str = Field(default=VacancyStatus.DRAFT, max_length=20, index=True)
    title: str = Field(max_length=160)
    occupation_code: str = Field(max_length=120, index=True)
    tasks: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    dutch_level: int = Field(index=True)  # ordinal 0..5
    dutch_level_code: str = Field(max_length=2)
    language_coaching: bool = Field(default=False)
    postcode: str = Field(max_length=4, index=True)
    town: str = Field(default="", max_length=120)
    hours_per_week: int = Field(index=True)
    shift_day: bool = Field(default=False)
    shift_evening: bool = Field(default=False)
    shift_night: bool = Field(default=False)
    shift_weekend: bool = Field(default=False)
    contract_type: str = Field(max_length=30)
    positions: int = Field(default=1)
    start_date: date
    closing_date: date = Field(index=True)
    licence_category: str = Field(default="", max_length=4)
    # One-time token of the form that created it: a double submit finds the first vacancy.
    form_nonce: str | None = Field(default=None, max_length=64, unique=True)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    published_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def shifts(self) -> list[str]:
        return shifts_of(self)


def shifts_of(vacancy) -> list[str]:
    """The shifts of a vacancy, or of a row that carries its shift_* columns."""
    return [name for name in SHIFT_NAMES if getattr(vacancy, f"shift_{name}")]


class MentoringCommitment(SQLModel, table=True):
    """What the employer promises around a hire. A row with `vacancy_id` NULL is the
    organisation's default; each vacancy has its own row, copied from the default and
    adjusted, so a later change of the default never rewrites a published promise."""

    __tablename__ = "mentoring_commitment"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    vacancy_id: int | None = Field(
        default=None, foreign_key="vacancy.id", unique=True, ondelete="CASCADE"
    )
    buddy_role: str = Field(max_length=120)
    buddy_hours_per_week: int
    months: int
    onboarding_plan: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    language_coach: bool = Field(default=False)
    visual_instructions: bool = Field(default=False)
    colleague_languages: str = Field(default="", max_length=200)
    trial_weeks: int = Field(default=0)  # 0: no trial period
    aftercare_rhythm: str = Field(max_length=20)
    updated_at: datetime = Field(default_factory=utcnow)


class VacancySkill(SQLModel, table=True):
    __tablename__ = "vacancy_skill"
    __table_args__ = (UniqueConstraint("vacancy_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: int = Field(foreign_key="vacancy.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=200, index=True)  # vocabulary code, or the typed text
    must_have: bool = Field(default=True)
    free_text: bool = Field(default=False)  # typed by the employer, not from the vocabulary


class VacancyCertificate(SQLModel, table=True):
    __tablename__ = "vacancy_certificate"
    __table_args__ = (UniqueConstraint("vacancy_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: int = Field(foreign_key="vacancy.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=40)
    employer_trains: bool = Field(default=False)
