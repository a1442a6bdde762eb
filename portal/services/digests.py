"""Digests: the e-mails a user chose to get daily or weekly, one mail per topic when it is
due (Brussels time, see notification_choices.due_day), sent by exactly one process: it wins
the UPDATE of the choice's last digest day, then claims the waiting mails with a token.
Match alerts are written anew at sending time, in the reader's language: grouped by
participant, with the fit in words, the explanation's key lines and a link straight to the
propose form; a pair that no longer fits is left out."""

import uuid
from collections import defaultdict
from datetime import datetime

from flask_babel import force_locale
from sqlmodel import Session, col, delete, or_, select, update

from ..i18n import current_direction, isolate, ngettext
from ..matching import service as matching
from ..matching.rules import MET
from ..models import (
    Notification,
    NotificationChoice,
    Organisation,
    Participant,
    PendingMail,
    User,
    Vacancy,
)
from . import links, notifications
from . import notification_choices as choices

KEY_LINES = 3


def send_due(db: Session, now: datetime) -> int:
    """Send every digest that is due; returns how many were sent."""
    waiting = db.exec(
        select(PendingMail.user_id, PendingMail.topic)
        .where(col(PendingMail.claim).is_(None))
        .distinct()
    ).all()
    sent = 0
    for user_id, topic in waiting:
        how = choices.frequency(db, user_id, topic)
        if how == choices.OFF:
            _drop(db, user_id, topic)
        elif how == choices.IMMEDIATELY or _win(db, user_id, topic, how, now):
            sent += _send_one(db, user_id, topic)
    return sent


def _drop(db: Session, user_id: int, topic: str) -> None:
    db.exec(
        delete(PendingMail).where(
            col(PendingMail.user_id) == user_id,
            col(PendingMail.topic) == topic,
            col(PendingMail.claim).is_(None),
        )
    )
    db.commit()


def _win(db: Session, user_id: int, topic: str, how: str, now: datetime) -> bool:
    """True for the one process that moves the last digest day to the due day."""
    day = choices.due_day(how, now)
    won = db.exec(
        update(NotificationChoice)
        .where(
            col(NotificationChoice.user_id) == user_id,
            col(NotificationChoice.topic) == topic,
            or_(
                col(NotificationChoice.last_digest_on).is_(None),
                col(NotificationChoice.last_digest_on) < day,
            ),
        )
        .values(last_digest_on=day)
    ).rowcount
    db.commit()
    return bool(won)


def _send_one(db: Session, user_id: int, topic: str) -> int:
    token = uuid.uuid4().hex
    mine = (col(PendingMail.user_id) == user_id, col(PendingMail.topic) == topic)
    db.exec(update(PendingMail).where(*mine, col(PendingMail.claim).is_(None)).values(claim=token))
    db.commit()
    rows = list(
        db.exec(
            select(Notification)
            .join(PendingMail, col(PendingMail.notification_id) == Notification.id)
            .where(col(PendingMail.claim) == token)
            .order_by(col(Notification.id))
        )
    )
    user = db.get(User, user_id)
    mail = None
    if rows and user is not None:
        with force_locale(notifications.locale_of(user)):
            subject, body = compose(db, topic, rows)
        if body:
            mail = notifications.mail_for(db, user, subject, body, topic)
        for about in sorted({r.participant_id for r in rows if r.participant_id} if mail else ()):
            mail[notifications.PARTICIPANT_HEADER] = str(about)  # so an erasure finds it
    db.exec(delete(PendingMail).where(col(PendingMail.claim) == token))
    db.commit()
    if mail is None:
        return 0
    notifications.send(mail)
    return 1


def compose(db: Session, topic: str, rows: list[Notification]) -> tuple[str, str]:
    """(subject, body) in the current locale; an empty body when nothing is left to tell."""
    blocks, told = _mentor_alerts(db, [r for r in rows if r.kind == "match_alert"])
    for row in rows:
        if row.kind == "match_alert":
            continue
        lines = [f"• {row.subject}", f"  {row.body}"]
        if row.kind == "candidate_alert" and row.vacancy_id is not None:
            lines.append("  " + links.candidates_line(row.vacancy_id))
        blocks.append("\n".join(lines))
        told += 1
    subject = ngettext(
        "%(topic)s: %(num)d new message",
        "%(topic)s: %(num)d new messages",
        told,
        topic=str(choices.TOPICS[topic]),
    )
    return subject, "\n\n".join(blocks)


def _mentor_alerts(db: Session, rows: list[Notification]) -> tuple[list[str], int]:
    """One block per participant: each opening that still fits, with the fit in words,
    the key lines of the explanation and the link to the propose form; and how many."""
    by_person: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if row.vacancy_id not in by_person[row.participant_id]:
            by_person[row.participant_id].append(row.vacancy_id)
    blocks, told = [], 0
    for participant_id, vacancy_ids in by_person.items():
        person = db.get(Participant, participant_id)
        lines = []
        for vacancy_id in vacancy_ids:
            match = matching.evaluate_pair(db, vacancy_id, participant_id)
            vacancy = db.get(Vacancy, vacancy_id)
            if not match.passes or vacancy is None:
                continue
            fit = match.fit()
            organisation = db.get(Organisation, vacancy.organisation_id)
            names = f"{_own(vacancy.title)} — {_own(organisation.name)}"
            lines.append(f"• {names}: {fit.label}, {fit.words}")
            told += 1
            lines += [f"    - {line}" for line in key_lines(match.criteria)]
            lines.append("    " + links.propose_line(vacancy_id, participant_id))
        if person is not None and lines:
            blocks.append("\n".join([_own(f"{person.first_name} {person.last_name}"), *lines]))
    return blocks, told


def _own(text: str) -> str:
    """A typed name keeps its own direction inside a right-to-left mail (see isolate)."""
    return isolate(text) if current_direction() == "rtl" else text


def key_lines(criteria) -> list[str]:
    """What to check first: the criteria not fully met, else the must-have skills."""
    open_points = [c.message for c in criteria if c.status != MET]
    musts = [c.message for c in criteria if c.code == "skill_must"]
    return (open_points or musts)[:KEY_LINES]
