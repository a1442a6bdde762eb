"""Participants: the profile a mentor keeps together with the participant, the mentor's
endorsement and the participant's consent. Structured columns and rows (no free-text blobs
for anything matching needs) so the search index can derive its filter terms."""

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from .base import utcnow


class Participant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # Their own login (role participant); None until the mentor creates it.
    user_id: int | None = Field(default=None, foreign_key="user.id", unique=True)
    mentor_id: int = Field(foreign_key="user.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    active: bool = Field(default=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    # Person and contact (never shown to an employer without consent to that proposal).
    first_name: str = Field(max_length=80)
    last_name: str = Field(default="", max_length=80)
    date_of_birth: date | None = None
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    preferred_languages: str = Field(default="", max_length=100)  # codes, space-separated
    spoken_languages: str = Field(default="", max_length=200)  # codes, space-separated

    # Placement at the WISE.
    placement_job: str = Field(default="", max_length=120)
    placement_kind: str = Field(default="", max_length=20)  # art60 | other
    placement_start: date | None = None
    placement_end: date | None = None

    # Dutch: code (A0..C1), ordinal 0..5 for range filters, date of the assessment.
    dutch_level: str | None = Field(default=None, max_length=2)
    dutch_level_rank: int | None = Field(default=None, index=True)
    dutch_assessed_on: date | None = None

    # Mobility.
    home_postcode: str | None = Field(default=None, max_length=4, index=True)
    max_travel_km: int | None = None
    transport: str = Field(default="", max_length=100)  # codes, space-separated
    licences: str = Field(default="", max_length=60)  # codes, space-separated

    # Availability.
    hours_per_week: int | None = None
    shift_day: bool = False
    shift_evening: bool = False
    shift_night: bool = False
    shift_weekend: bool = False
    available_from: date | None = None

    # Right to work: filtered on, never shown to employers.
    right_to_work: str | None = Field(default=None, max_length=20)
    right_to_work_until: date | None = None

    # Low-literacy sign-in: a short code (stored as a keyed hash) plus the date of birth.
    login_code_hash: str | None = Field(default=None, max_length=64, unique=True)
    login_code_issued_at: datetime | None = None


class ParticipantSkill(SQLModel, table=True):
    __tablename__ = "participant_skill"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    skill: str = Field(max_length=80, index=True)
    level: int = Field(default=1)  # 1 learning, 2 can do with help, 3 can do alone
    evidence: str = Field(default="", max_length=300)


class ParticipantOccupation(SQLModel, table=True):
    __tablename__ = "participant_occupation"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    occupation: str = Field(max_length=80, index=True)


class ParticipantCertificate(SQLModel, table=True):
    __tablename__ = "participant_certificate"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    certificate: str = Field(max_length=40, index=True)
    expires_on: date | None = None


class ParticipantSupportNeed(SQLModel, table=True):
    __tablename__ = "participant_support_need"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    need: str = Field(max_length=40, index=True)


class Endorsement(SQLModel, table=True):
    """A mentor's statement that the participant is ready for a regular job."""

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    mentor_id: int | None = Field(default=None, foreign_key="user.id")
    evidence: str = Field(max_length=2000)
    strengths: str = Field(default="", max_length=1000)
    given_at: datetime = Field(default_factory=utcnow)
    valid_until: date
    revoked_at: datetime | None = None
    revoked_by_id: int | None = Field(default=None, foreign_key="user.id")


class Consent(SQLModel, table=True):
    """One versioned, dated agreement. scope "matching": to be matched at all;
    "share_contact": name and contact to one employer, for one vacancy/proposal."""

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    scope: str = Field(max_length=20, index=True)
    vacancy_id: int | None = Field(default=None, index=True)
    proposal_id: int | None = Field(default=None, index=True)
    version: int = Field(default=1)
    text_version: str = Field(max_length=20)
    given_at: datetime = Field(default_factory=utcnow)
    given_by_id: int | None = Field(default=None, foreign_key="user.id")
    with_mentor: bool = False
    withdrawn_at: datetime | None = None
    withdrawn_by_id: int | None = Field(default=None, foreign_key="user.id")
