"""Correction and erasure requests: asked by the participant (or their mentor at their side),
answered by a coordinator within the legal month (GDPR art. 12(3)), with a reminder to the
coordinators a week before the deadline. An erasure is done by the one erasure service."""

from datetime import UTC, timedelta

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, func, select

from .. import clock
from ..i18n import _, _l
from ..models import (
    AccountStatus,
    DataRequest,
    Participant,
    RequestKind,
    RequestOutcome,
    Role,
    User,
    utcnow,
)
from . import audit, notifications
from .errors import NotFoundError, ServiceError
from .participants import privacy
from .proposals.stage_rules import clean_text

DEADLINE = relativedelta(months=1)
REMIND_DAYS = 7

REQUEST_DUE = (
    _l("Data request due on %(date)s"),
    _l(
        "A data request must be answered by %(date)s (one month after it came in). "
        "Handle it in the portal under Data requests."
    ),
)
REQUEST_DONE = (_l("Your data request"), _l("We did what you asked."))
REQUEST_REFUSED = (
    _l("Your data request"),
    _l("We cannot do what you asked. Why: %(reason)s"),
)


def ask(db: Session, actor: User, p: Participant, kind: str, text: str) -> DataRequest:
    """A new request in the coordinators' queue; the deadline is one month from today."""
    if kind not in set(RequestKind):
        raise ServiceError(_("Choose what we should do."), field="kind")
    text = clean_text(text, "text", _("Write what we should do."))
    request = DataRequest(
        participant_id=p.id,
        kind=kind,
        text=text,
        created_at=clock.now().astimezone(UTC),
        created_by_id=actor.id,
        created_by_role=actor.role,
        due_on=clock.today() + DEADLINE,
    )
    db.add(request)
    db.flush()
    audit.record(db, actor.id, "data_request.asked", "participant", p.id, kind)
    db.commit()
    return request


def requests_of(db: Session, p: Participant) -> list[DataRequest]:
    query = select(DataRequest).where(DataRequest.participant_id == p.id)
    return list(db.exec(query.order_by(col(DataRequest.id).desc())))


def open_queue(db: Session) -> list[tuple[DataRequest, Participant]]:
    """Open requests, the nearest deadline first."""
    query = (
        select(DataRequest, Participant)
        .join(Participant)
        .where(col(DataRequest.handled_at).is_(None))
        .order_by(DataRequest.due_on, DataRequest.id)
    )
    return list(db.exec(query))


def open_count(db: Session) -> int:
    query = select(func.count()).where(col(DataRequest.handled_at).is_(None))
    return db.exec(query.where(col(DataRequest.participant_id).is_not(None))).one()


def handled(db: Session, limit: int = 30) -> list[tuple[DataRequest, User | None]]:
    """The latest answered requests with who answered (None: the retention sweep)."""
    query = (
        select(DataRequest, User)
        .join(User, col(User.id) == DataRequest.handled_by_id, isouter=True)
        .where(col(DataRequest.handled_at).is_not(None))
    )
    return list(db.exec(query.order_by(col(DataRequest.handled_at).desc()).limit(limit)))


def decide(
    db: Session, coordinator: User, request_id: int, outcome: str, reason: str
) -> DataRequest:
    """Record what was done, by whom and when. An erasure marked done erases the person
    (the request stays, without their data); a refusal needs the reason."""
    request = db.get(DataRequest, request_id)
    if request is None:
        raise NotFoundError()
    if request.handled_at is not None or request.participant_id is None:
        raise ServiceError(_("This request has already been handled."))
    if outcome not in (RequestOutcome.DONE, RequestOutcome.REFUSED):
        raise ServiceError(_("Choose what was done."), field="outcome")
    required = _("Write why you refuse.") if outcome == RequestOutcome.REFUSED else None
    request.reason = clean_text(reason, "reason", required)
    request.outcome, request.handled_at, request.handled_by_id = outcome, utcnow(), coordinator.id
    db.add(request)
    p = db.get(Participant, request.participant_id)
    audit.record(db, coordinator.id, f"data_request.{outcome}", "participant", p.id, request.kind)
    if request.kind == RequestKind.ERASURE and outcome == RequestOutcome.DONE:
        privacy.erase(db, coordinator, p, "request")  # commits; the request loses its text
        return request
    db.commit()
    person = db.get(User, p.user_id) if p.user_id else None
    message = REQUEST_DONE if outcome == RequestOutcome.DONE else REQUEST_REFUSED
    notifications.notify(db, [person], "data_request", message, about=p.id, reason=request.reason)
    return request


def remind_due(db: Session) -> int:
    """One reminder to every coordinator per open request whose deadline is a week away or
    less; the row remembers it, so running this daily is safe. Returns how many."""
    limit = clock.today() + timedelta(days=REMIND_DAYS)
    query = select(DataRequest).where(
        col(DataRequest.handled_at).is_(None),
        col(DataRequest.reminded_at).is_(None),
        DataRequest.due_on <= limit,
    )
    rows = list(db.exec(query.order_by(DataRequest.due_on, DataRequest.id)))
    coordinators = list(
        db.exec(
            select(User).where(User.role == Role.COORDINATOR, User.status == AccountStatus.ACTIVE)
        )
    )
    for row in rows:
        row.reminded_at = utcnow()
        db.add(row)
        db.commit()
        notifications.notify(db, coordinators, "data_request_due", REQUEST_DUE,
                             about=row.participant_id, date=row.due_on)  # fmt: skip
    return len(rows)
