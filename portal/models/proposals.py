"""Proposals: a mentor putting a participant forward for a vacancy, every stage change as a
dated, attributed event; and the in-portal notifications that follow them."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import utcnow


class Stage(StrEnum):
    PROPOSED = "proposed"
    EMPLOYER_INTERESTED = "employer_interested"
    DECLINED = "declined"
    INTRO_MEETING = "intro_meeting"
    TRIAL = "trial"
    HIRED = "hired"
    NOT_HIRED = "not_hired"
    WITHDRAWN = "withdrawn"


OPEN_STAGES = frozenset(
    {Stage.PROPOSED, Stage.EMPLOYER_INTERESTED, Stage.INTRO_MEETING, Stage.TRIAL}
)


def open_pair_key(vacancy_id: int, participant_id: int) -> str:
    """Set while a proposal is open: the unique column allows one open proposal per pair
    (NULL once it is closed, and NULLs never collide), on SQLite and PostgreSQL alike."""
    return f"{vacancy_id}:{participant_id}"


class Proposal(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: int = Field(foreign_key="vacancy.id", index=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    mentor_id: int = Field(foreign_key="user.id", index=True)
    stage: str = Field(default=Stage.PROPOSED, max_length=30, index=True)
    open_pair: str | None = Field(default=None, max_length=40, unique=True)
    motivation: str = Field(sa_column=Column(Text, nullable=False))
    # Soft criteria the mentor overrode, with the written reason (never the right to work).
    override_codes: str = Field(default="", max_length=200)
    override_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # The participant's "interested": in their own account, or with the mentor at their side.
    interest_at: datetime | None = None
    interest_by_id: int | None = Field(default=None, foreign_key="user.id")
    interest_with_mentor: bool = False
    # What the stages recorded.
    decline_reason: str = Field(default="", max_length=40)
    meeting_on: date | None = None
    meeting_time: str = Field(default="", max_length=5)
    meeting_place: str = Field(default="", max_length=200)
    meeting_minutes: int = 60
    # The SEQUENCE of the meeting's calendar invitation: raised by every update and the cancel.
    meeting_sequence: int = 0
    trial_start: date | None = None
    trial_end: date | None = None
    contract_type: str = Field(default="", max_length=30)
    hire_start: date | None = None
    not_hired_reason: str = Field(default="", max_length=40)
    closing_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ProposalEvent(SQLModel, table=True):
    """One stage change (or a recorded interest or consent): when, by whom, in which role,
    with what details."""

    __tablename__ = "proposal_event"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=30)  # a stage, or "interest" / "share_contact"
    from_stage: str = Field(default="", max_length=30)
    at: datetime = Field(default_factory=utcnow)
    by_id: int | None = Field(default=None, foreign_key="user.id")
    by_role: str = Field(max_length=20)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Notification(SQLModel, table=True):
    """A message in the recipient's list, written in the recipient's language."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=40)
    subject: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    proposal_id: int | None = Field(
        default=None, foreign_key="proposal.id", index=True, ondelete="CASCADE"
    )
    # A match alert: the vacancy (both sides) and, for the mentor, the participant; the
    # alert goes with either of them.
    vacancy_id: int | None = Field(
        default=None, foreign_key="vacancy.id", index=True, ondelete="CASCADE"
    )
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", index=True, ondelete="CASCADE"
    )
    created_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = Field(default=None, index=True)


class Reaction(StrEnum):
    INTERESTED = "interested"
    NOT_FOR_ME = "not_for_me"


class OpeningReaction(SQLModel, table=True):
    """A participant's answer to a matched opening before any proposal: "I am interested"
    (the mentor is told and may then propose) or "not for me" (with an optional reason; the
    opening is hidden from the participant's list). One row per pair, the latest answer."""

    __tablename__ = "opening_reaction"
    __table_args__ = (UniqueConstraint("participant_id", "vacancy_id"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    vacancy_id: int = Field(foreign_key="vacancy.id", index=True, ondelete="CASCADE")
    reaction: str = Field(max_length=20)
    reason: str = Field(default="", max_length=20)
    # The participant in their own account, or the mentor with the participant at their side.
    by_id: int | None = Field(default=None, foreign_key="user.id")
    by_role: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
