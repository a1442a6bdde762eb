"""Check-ins: the aftercare contacts after a hire (by default at 1, 3, 6 and 12 months after
the first working day). One row per hire and milestone, created when the reminder goes out
or when the mentor records the contact, whichever comes first."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class CheckIn(SQLModel, table=True):
    __tablename__ = "check_in"
    __table_args__ = (UniqueConstraint("proposal_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    # The hired proposal (hire start date and employer); erased with it.
    proposal_id: int = Field(foreign_key="proposal.id", index=True, ondelete="CASCADE")
    month: int  # months after the hire start
    due_on: date = Field(index=True)
    notified_at: datetime | None = None  # the due reminder went out (once)

    # The mentor's record.
    recorded_at: datetime | None = Field(default=None, index=True)
    recorded_by_id: int | None = Field(default=None, foreign_key="user.id")
    held_on: date | None = None  # the day of the contact (never in the future)
    still_employed: bool | None = None
    left_on: date | None = None
    leave_reason: str = Field(default="", max_length=30)
    leave_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    wants_help_again: bool | None = None
    participant_rating: str = Field(default="", max_length=20)  # good | mixed | difficult
    participant_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    employer_rating: str = Field(default="", max_length=20)
    employer_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Commitment item code -> kept | partly | not (only the items the vacancy promised).
    commitment: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The mentor reopened the profile for new matches after this recorded leave.
    reopened_at: datetime | None = None

    # The employer's own view (its organisation's hires only).
    employer_view_at: datetime | None = None
    employer_view_by_id: int | None = Field(default=None, foreign_key="user.id")
    employer_view_rating: str = Field(default="", max_length=20)
    employer_view_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
