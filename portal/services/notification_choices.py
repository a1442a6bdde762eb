"""How each user wants the e-mails of a topic (new matches, proposal steps, check-in
reminders): immediately, in a daily or a weekly digest, or not at all. The in-portal list
always gets the message; the choice is only about e-mail. Mails of other kinds (accounts,
sign-in) always go out at once. Every topic mail carries a one-click unsubscribe link that
needs no sign-in: a token signed with the app secret (its own salt), so it cannot be
guessed or turned into someone else's."""

from datetime import date, datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, col, select

from .. import clock
from ..i18n import _, _l
from ..models import NotificationChoice, User
from . import links, settings
from .errors import NotFoundError, ServiceError

IMMEDIATELY, DAILY, WEEKLY, OFF = "immediately", "daily", "weekly", "off"
DIGESTS = frozenset({DAILY, WEEKLY})
FREQUENCIES = {
    IMMEDIATELY: _l("Immediately"),
    DAILY: _l("Once a day, in a digest"),
    WEEKLY: _l("Once a week, in a digest"),
    OFF: _l("No e-mail (only in the portal)"),
}
ALERTS, PROPOSALS, CHECKINS = "alerts", "proposals", "checkins"
TOPICS = {
    ALERTS: _l("New matches"),
    PROPOSALS: _l("Proposal steps"),
    CHECKINS: _l("Check-in reminders"),
}
KIND_TOPICS = {
    "match_alert": ALERTS,
    "candidate_alert": ALERTS,
    "proposal_new": PROPOSALS,
    "proposal_answer": PROPOSALS,
    "meeting_planned": PROPOSALS,
    "hired": PROPOSALS,
    "opening_interest": PROPOSALS,
    "opening_not_for_me": PROPOSALS,
    "share_withdrawn": PROPOSALS,
    "checkin_due": CHECKINS,
}
UNSUBSCRIBE_SALT = "notification-unsubscribe"


def topic_of(kind: str) -> str | None:
    return KIND_TOPICS.get(kind)


def frequency(db: Session, user_id: int, topic: str | None) -> str:
    if topic is None:
        return IMMEDIATELY
    row = _row(db, user_id, topic)
    return row.frequency if row else IMMEDIATELY


def frequencies(db: Session, user_ids: set[int], topic: str | None) -> dict[int, str]:
    """The choice of each of these users (one query; a user without a row: absent, which
    means immediately)."""
    if topic is None or not user_ids:
        return {}
    query = select(NotificationChoice.user_id, NotificationChoice.frequency).where(
        col(NotificationChoice.user_id).in_(sorted(user_ids)), NotificationChoice.topic == topic
    )
    return dict(db.exec(query).all())


def choices_of(db: Session, user: User) -> dict[str, str]:
    return {topic: frequency(db, user.id, topic) for topic in TOPICS}


def _row(db: Session, user_id: int, topic: str) -> NotificationChoice | None:
    query = select(NotificationChoice).where(
        NotificationChoice.user_id == user_id, NotificationChoice.topic == topic
    )
    return db.exec(query).first()


def save(db: Session, user: User, wanted: dict[str, str]) -> None:
    """Store the choices (one per topic). A digest chosen today starts from today: the
    first one comes at the next due moment, not at once."""
    for topic, how in wanted.items():
        if topic not in TOPICS or how not in FREQUENCIES:
            raise ServiceError(_("Choose one of the options."), field=topic)
    for topic, how in wanted.items():
        row = _row(db, user.id, topic) or NotificationChoice(user_id=user.id, topic=topic)
        if how in DIGESTS and row.frequency != how:
            row.last_digest_on = clock.today()
        row.frequency = how
        db.add(row)
    db.commit()


# -- digests --------------------------------------------------------------------------------


def due_day(how: str, now: datetime) -> date | None:
    """The Brussels day of the latest digest moment at `now`: every day from DIGEST_HOUR,
    weekly on Monday from that hour. A digest is due when the last one is older."""
    day = now.date() if now.hour >= settings.digest_hour() else now.date() - timedelta(days=1)
    if how == DAILY:
        return day
    if how == WEEKLY:
        return day - timedelta(days=day.weekday())
    return None


# -- one-click unsubscribe ------------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(settings.secret_key(), salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, topic: str) -> str:
    return _serializer().dumps([user_id, topic])


def read_token(db: Session, token: str) -> tuple[User, str]:
    """The user and topic of a link; NotFoundError for a tampered or unknown one."""
    try:
        user_id, topic = _serializer().loads(token)
    except (BadSignature, TypeError, ValueError) as error:
        raise NotFoundError() from error
    user = db.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or topic not in TOPICS:
        raise NotFoundError()
    return user, topic


def unsubscribe(db: Session, token: str) -> str:
    """Turn the link's topic off for its user; returns the topic."""
    user, topic = read_token(db, token)
    save(db, user, {topic: OFF})
    return topic


def with_unsubscribe(body: str, user: User, topic: str | None) -> tuple[str, dict]:
    """The body with the unsubscribe line and the List-Unsubscribe headers (RFC 8058:
    a mail program may unsubscribe with one POST); a mail outside the topics has neither."""
    if topic is None:
        return body, {}
    url = links.absolute("notifications.unsubscribe", token=unsubscribe_token(user.id, topic))
    settings_url = links.absolute("notifications.settings")
    lines = _("No more of these e-mails: %(url)s", url=url)
    lines += "\n" + _("Choose how you get e-mails: %(url)s", url=settings_url)
    headers = {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return f"{body}\n{lines}\n", headers
