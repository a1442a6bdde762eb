"""Match alerts and notification choices: which (vacancy, participant) pairs were already
announced, how far the alert pass has read the change feed, how each user wants their
e-mails per topic, and the mails that wait for a digest."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import utcnow


class AlertCursor(SQLModel, table=True):
    """One row (id 1): the last change of the feed the alert pass has claimed. Its own
    cursor, apart from every index folder's: alerts are sent once, not once per host."""

    __tablename__ = "alert_cursor"

    id: int | None = Field(default=None, primary_key=True)
    last_change_id: int = 0
    updated_at: datetime = Field(default_factory=utcnow)


class AlertPair(SQLModel, table=True):
    """A pair that was announced. `fits` turns False when the pair stopped fitting, so it
    is announced again only after that; the unique pair keeps two processes from both
    announcing it."""

    __tablename__ = "alert_pair"
    __table_args__ = (UniqueConstraint("vacancy_id", "participant_id"),)

    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: int = Field(foreign_key="vacancy.id", index=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    fits: bool = True
    announced_at: datetime = Field(default_factory=utcnow)


class NotificationChoice(SQLModel, table=True):
    """How a user wants the e-mails of one topic: immediately, daily, weekly or off (no row:
    immediately). `last_digest_on` is the Brussels day of the last digest sent."""

    __tablename__ = "notification_choice"
    __table_args__ = (UniqueConstraint("user_id", "topic"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    topic: str = Field(max_length=20)
    frequency: str = Field(max_length=20)
    last_digest_on: date | None = None


class PendingMail(SQLModel, table=True):
    """A notification whose e-mail waits for the recipient's digest. `claim` is set by the
    one process that sends that digest."""

    __tablename__ = "pending_mail"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    notification_id: int = Field(foreign_key="notification.id", index=True, ondelete="CASCADE")
    topic: str = Field(max_length=20)
    claim: str | None = Field(default=None, max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
