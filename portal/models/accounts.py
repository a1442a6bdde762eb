"""Logins, their roles and the organisations they belong to."""

import secrets
from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from .base import utcnow


class Role(StrEnum):
    EMPLOYER = "employer"
    MENTOR = "mentor"
    PARTICIPANT = "participant"
    COORDINATOR = "coordinator"


class AccountStatus(StrEnum):
    PENDING = "pending"  # self-registered, waits for a coordinator
    ACTIVE = "active"
    DISABLED = "disabled"


class OrganisationKind(StrEnum):
    EMPLOYER = "employer"  # regular economy
    WISE = "wise"  # work integration social enterprise


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    kind: str = Field(max_length=20, index=True)
    status: str = Field(default=AccountStatus.PENDING, max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    # Employer profile (see portal.services.organisations); empty for a WISE.
    sector: str | None = Field(default=None, max_length=40)
    street: str | None = Field(default=None, max_length=200)
    postcode: str | None = Field(default=None, max_length=4)
    town: str | None = Field(default=None, max_length=120)
    contact_name: str | None = Field(default=None, max_length=120)
    contact_phone: str | None = Field(default=None, max_length=40)
    size: str | None = Field(default=None, max_length=10)
    description: str | None = Field(default=None, max_length=1000)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=20, index=True)
    status: str = Field(default=AccountStatus.PENDING, max_length=20, index=True)
    display_name: str = Field(max_length=120)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    locale: str | None = Field(default=None, max_length=10)
    # Part of the login cookie; replacing it ends every session that carries the old one.
    session_token: str = Field(default_factory=new_session_token, max_length=64)
    must_change_password: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    approved_at: datetime | None = None
    approved_by_id: int | None = Field(default=None, foreign_key="user.id")
    last_login_at: datetime | None = None

    # flask-login protocol -------------------------------------------------------------
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.status != AccountStatus.DISABLED

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_approved(self) -> bool:
        return self.status == AccountStatus.ACTIVE


class LoginFailure(SQLModel, table=True):
    """One failed login; counted in the database so every worker process sees the lock."""

    __tablename__ = "login_failure"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
