"""Notifications: an in-portal list per user and an e-mail, both in the RECIPIENT's language.

E-mail goes through SMTP when PORTAL_SMTP_HOST is set; the embedded default writes each
message as an .eml file to PORTAL_MAIL_DIR (instance/mail) and logs it. A mail that cannot be
sent is logged, never fails the user's request: the in-portal list already has the message."""

import functools
import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import default
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask_babel import force_locale
from sqlmodel import Session, col, func, select, update

from ..config import LANGUAGES, RTL_LANGUAGES
from ..i18n import _, day_text, isolate
from ..models import Notification, Participant, PendingMail, Proposal, Role, User, utcnow
from . import mail_format, settings
from . import notification_choices as choices
from .errors import ForbiddenError, NotFoundError

log = logging.getLogger(__name__)

# A message is a (subject, body) pair of lazy strings (_l) with %(name)s placeholders: each is
# translated inside the recipient's locale, then filled in (lazy values too, in that locale);
# a part may also be a function of the values (see _fill).
Message = tuple


def locale_of(user: User) -> str:
    if user.locale in LANGUAGES:
        return user.locale
    return settings.default_locale()


def _mail_address(db: Session, user: User) -> str | None:
    """A participant who signs in with a code has no real login address: use the e-mail in
    their profile, when there is one."""
    if not user.email.endswith(".invalid"):
        return user.email
    if user.role == Role.PARTICIPANT:
        p = db.exec(select(Participant).where(Participant.user_id == user.id)).first()
        if p is not None and p.email:
            return p.email
    return None


def notify(
    db: Session,
    recipients,
    kind: str,
    message: Message,
    proposal_id: int | None = None,
    about: int | None = None,
    calendar=None,
    **params,
) -> None:
    """One notification per recipient (each once), written and mailed in their language.
    `calendar(user, language)` may give a CalendarFile to attach for that recipient.
    Commits; call it after the change it reports has been committed (see `deliver_each`)."""
    item = Item(recipients, params, proposal_id, about, calendar=calendar)
    deliver_each(db, kind, message, [item])


@dataclass
class Delivery:
    told: int = 0  # notifications written (not kept: a pass may write thousands)
    mailed: int = 0  # e-mails sent now (the others wait for a digest, or are off)


@dataclass
class Item:
    """One message of `deliver_each`: its recipients and values; `about` the participant it
    concerns, `vacancy_id` set for a match alert (which goes with its pair)."""

    recipients: list
    params: dict
    proposal_id: int | None = None
    about: int | None = None
    vacancy_id: int | None = None
    calendar: object = None  # (user, language) -> CalendarFile | None
    # () -> a line only the e-mail adds, in the reader's language: the link to act on (the
    # portal's list links the notification itself)
    mail_line: object = None


def deliver_each(db: Session, kind: str, message: Message, items: list[Item]) -> Delivery:
    """Several messages of one kind in one transaction (the alert pass tells hundreds at
    once). Each recipient's choice for the kind's topic sends the e-mail now, keeps it for
    their digest, or leaves the message in the portal only; a meeting's calendar file goes
    now unless e-mails of the topic are off (a digest would bring it too late). Each mail
    carries the id of the participant it is about (`about`, or the proposal's), so an
    erasure finds it."""
    topic = choices.topic_of(kind)
    people = [u for item in items for u in item.recipients if u is not None]
    how_of = choices.frequencies(db, {u.id for u in people}, topic)
    result, mails, waiting = Delivery(), [], []
    for item in items:
        about = item.about
        if about is None and item.proposal_id is not None:
            proposal = db.get(Proposal, item.proposal_id)
            about = proposal.participant_id if proposal else None
        seen = set()
        for user in item.recipients:
            if user is None or user.id in seen:
                continue
            seen.add(user.id)
            language = locale_of(user)
            with force_locale(language):
                shown = _dated(item.params)
                values = _isolated(shown) if language in RTL_LANGUAGES else shown
                subject, body = _fit(_fill(message[0], values)), _fill(message[1], values)
                attached = item.calendar(user, language) if item.calendar else None
            row = Notification(
                user_id=user.id,
                kind=kind,
                subject=subject,
                body=body,
                proposal_id=item.proposal_id,
                vacancy_id=item.vacancy_id,
                participant_id=about if item.vacancy_id is not None else None,
            )
            db.add(row)
            result.told += 1
            how = how_of.get(user.id, choices.IMMEDIATELY)
            if how in choices.DIGESTS and attached is None:
                waiting.append((user, row))
            elif how != choices.OFF:
                html = functools.partial(_html_parts, message, shown, values)
                mail = mail_for(
                    db, user, subject, body, topic, about, html, attached, item.mail_line
                )
                mails += [mail] if mail is not None else []
    db.flush()
    for user, row in waiting:
        db.add(PendingMail(user_id=user.id, notification_id=row.id, topic=topic))
    db.commit()
    for mail in mails:
        send(mail)
    result.mailed = len(mails)
    return result


def mail_for(
    db: Session,
    user: User,
    subject: str,
    body: str,
    topic,
    about=None,
    html=None,
    calendar=None,
    line=None,
):
    """The e-mail of a message to one user, in their language, as text and HTML (`html()`
    gives the subject and paragraphs with typed values isolated; else they come from the
    text), with `line()` under the message (see Item.mail_line) and the unsubscribe line
    of its topic; None when the user has no address to write to. What only the mail
    needs is made only when there is an address."""
    address = _mail_address(db, user)
    if not address:
        return None
    language = locale_of(user)
    with force_locale(language):
        footer = _("You find this message in the portal under Notifications.")
        unsubscribe, headers = choices.with_unsubscribe("", user, topic)
        head, paragraphs = html() if html else (subject, mail_format.paragraphs_of(body))
        own = [line()] if line else []
        page = mail_format.html_page(
            head, [*paragraphs, *own], language, f"{footer}\n{unsubscribe}"
        )
    text = "\n\n".join([body, *own, f"{footer}\n{unsubscribe}"])
    return _email(
        address, subject, text, language, user.id, about, headers=headers, html=page,
        calendar=calendar,
    )  # fmt: skip


def _fill(part, values: dict) -> str:
    """A message part: a lazy string with %(name)s placeholders, or a function of the
    values (for words that depend on a count: ngettext), in the current locale."""
    return part(values) if callable(part) else str(part) % values


def _html_parts(message: Message, params: dict, values: dict) -> tuple:
    """(subject, [body]) as HTML: each typed value escaped and isolated in <bdi>; a part
    that is a function of the values is escaped whole (by the template)."""
    subject, body = (
        _fill(part, values) if callable(part) else mail_format.fill_html(str(part), params)
        for part in message
    )
    return subject, [body]


SUBJECT_MAX = Notification.__table__.c.subject.type.length


def _fit(subject: str) -> str:
    """A long vacancy title must not overflow the subject column (PostgreSQL refuses it)."""
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def _dated(params: dict) -> dict:
    """A date value written out in the current locale, with its weekday ("Tuesday, 2 March
    2027", "dinsdag 2 maart 2027"): a number-only date reads differently from country to
    country, and a meeting is remembered by its day."""
    return {key: day_text(v, "full") if type(v) is date else v for key, v in params.items()}


def _isolated(params: dict) -> dict:
    """Names and titles in a right-to-left message keep their own direction (see isolate)."""
    return {key: isolate(v) if isinstance(v, str) else v for key, v in params.items()}


USER_HEADER, PARTICIPANT_HEADER = "X-Portal-User", "X-Portal-Participant"


def _email(
    to: str,
    subject: str,
    body: str,
    language: str,
    user_id,
    about,
    *,
    headers=None,
    html=None,
    calendar=None,
) -> EmailMessage:
    """A mail without its own `html` gets the plain text as HTML paragraphs."""
    config = settings.mail()
    mail = EmailMessage()
    for name, value in (headers or {}).items():  # e.g. List-Unsubscribe
        mail[name] = value
    mail[USER_HEADER] = str(user_id)
    if about is not None:
        mail[PARTICIPANT_HEADER] = str(about)
    mail["From"] = config["SMTP_FROM"]
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain="brugportaal")
    if html is None:
        html = mail_format.html_page(subject, mail_format.paragraphs_of(body), language)
    mail_format.fill_body(mail, body, html, calendar)
    mail["Content-Language"] = language  # last: the body parts reset and move Content-* headers
    return mail


@functools.cache
def _warn_no_smtp_host(folder: str) -> None:
    """A warning on purpose (nothing left the house), but once per process: the demo alone
    writes dozens of mails."""
    log.warning("no SMTP host: e-mails are written to %s, not sent", folder)


def send(mail: EmailMessage) -> None:
    config = settings.mail()
    try:
        if config["SMTP_HOST"]:
            with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=15) as smtp:
                if config["SMTP_TLS"]:
                    smtp.starttls()
                if config["SMTP_USER"]:
                    smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
                smtp.send_message(mail)
            log.info("mail sent to user %s", mail[USER_HEADER])  # ids only, never an address
            return
        folder = Path(config["MAIL_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{utcnow():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(bytes(mail))
        _warn_no_smtp_host(str(folder))
        log.debug("mail to user %s written to %s", mail[USER_HEADER], path.name)
    except (OSError, smtplib.SMTPException) as error:
        log.error("mail to user %s not sent (%s)", mail[USER_HEADER], type(error).__name__)


def erase_mail(participant_id: int, addresses: set[str]) -> int:
    """Remove the mail files about this participant or sent to their addresses (the
    embedded default keeps every mail as a file); returns how many."""
    folder = Path(settings.mail()["MAIL_DIR"])
    removed = 0
    for path in folder.glob("*.eml") if folder.is_dir() else ():
        with path.open("rb") as handle:
            headers = BytesHeaderParser(policy=default).parse(handle)
        about = headers.get_all(PARTICIPANT_HEADER) or []  # a digest names several people
        if str(participant_id) in about or headers["To"] in addresses:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


# --- the list ---------------------------------------------------------------------------------


def list_for(db: Session, user: User, limit: int = 100) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user.id)
    return list(db.exec(query.order_by(col(Notification.id).desc()).limit(limit)).all())


def unread_count(db: Session, user: User) -> int:
    return db.exec(select(unread_of(user.id))).one()


def unread_of(user_id):
    """The unread count of a user (an id or a column) as a scalar subquery: the page header
    shows it, and the sign-in check reads it with the user in one statement."""
    query = select(func.count()).where(
        col(Notification.user_id) == user_id, col(Notification.read_at).is_(None)
    )
    return query.scalar_subquery()


def mark_read(db: Session, user: User, notification_id: int | None = None) -> None:
    """One notification (only the user's own), or all of them when no id is given."""
    if notification_id is not None:
        row = db.get(Notification, notification_id)
        if row is None:
            raise NotFoundError()
        if row.user_id != user.id:
            raise ForbiddenError()
    query = update(Notification).where(
        col(Notification.user_id) == user.id, col(Notification.read_at).is_(None)
    )
    if notification_id is not None:
        query = query.where(col(Notification.id) == notification_id)
    db.exec(query.values(read_at=utcnow()))
    db.commit()
