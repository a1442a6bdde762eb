"""The employers' front door: requests from employers not ready to post a vacancy (leads for
the mentors of the WISEs in that region) and the coordinator's switches for public pages."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow


class EmployerLead(SQLModel, table=True):
    """ "We often need warehouse staff in Gent, day shifts": reaches the mentors of the
    WISEs whose postcode lies in `region` (a province, or the Brussels region)."""

    __tablename__ = "employer_lead"

    id: int | None = Field(default=None, primary_key=True)
    organisation_name: str = Field(max_length=200)
    contact_name: str = Field(max_length=120)
    contact_email: str = Field(max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    occupation_group: str = Field(max_length=40)
    postcode: str = Field(max_length=4)
    region: str = Field(max_length=60, index=True)
    text: str = Field(max_length=1000)
    locale: str = Field(default="nl", max_length=10)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class PortalSetting(SQLModel, table=True):
    """A yes/no switch the coordinator sets in the portal (not in the config file), so every
    worker process and host reads the same value."""

    __tablename__ = "portal_setting"

    key: str = Field(primary_key=True, max_length=60)
    enabled: bool = Field(default=True)
    changed_at: datetime = Field(default_factory=utcnow)
    changed_by_id: int | None = Field(default=None, foreign_key="user.id")
