"""Everything the portal holds about one participant, for their right of access: their own
rows, the proposals with every stage, the messages to their login, their sign-ins and the
audit lines about them. Counterparts appear as organisation names (and the mentor by name);
another participant's data never does."""

from datetime import date, datetime

from sqlmodel import Session, col, or_, select

from ...models import (
    AuditEvent,
    CheckIn,
    DataRequest,
    LoginFailure,
    Notification,
    Organisation,
    Participant,
    Proposal,
    ProposalEvent,
    User,
    Vacancy,
    utcnow,
)
from .. import audit
from .privacy import CHILD_TABLES
from .records import rows_of

ACCOUNT_FIELDS = ("email", "role", "status", "locale", "created_at", "last_login_at")


def _plain(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _row(row, skip=()) -> dict:
    return {k: _plain(v) for k, v in row.model_dump().items() if k not in skip}


def export(db: Session, actor: User, p: Participant) -> dict:
    """The whole record as plain JSON values; the export itself is audited."""
    data = {
        model.__tablename__: [_row(row, ("participant_id",)) for row in rows_of(db, p, model)]
        for model in CHILD_TABLES
    }
    _name_vacancies(db, data[Proposal.__tablename__], data["opening_reaction"])
    for proposal in data[Proposal.__tablename__]:
        events = select(ProposalEvent).where(ProposalEvent.proposal_id == proposal["id"])
        proposal["events"] = [_row(e) for e in db.exec(events.order_by(ProposalEvent.id))]
    hires = select(CheckIn).join(Proposal).where(Proposal.participant_id == p.id)
    data[CheckIn.__tablename__] = [_row(row) for row in db.exec(hires.order_by(CheckIn.id))]
    data[DataRequest.__tablename__] = [_row(row) for row in rows_of(db, p, DataRequest)]
    data.update(_login_data(db, p))
    data["audit_event"] = _audit_lines(db, p)
    record_download(db, actor, p, "json")
    return {
        "exported_at": utcnow().isoformat(),
        "participant": _row(p, ("login_code_hash",)),
        "mentor": _counterpart(db, db.get(User, p.mentor_id)),
        "organisation": _organisation_name(db, p.organisation_id),
        **data,
    }


def record_download(db: Session, actor: User, p: Participant, form: str) -> None:
    """Every download of the record (the JSON file or the page to read) is an audited view."""
    audit.record(db, actor.id, "participant.exported", "participant", p.id, f"{actor.role} {form}")
    db.commit()


def _organisation_name(db: Session, organisation_id: int | None) -> str | None:
    organisation = db.get(Organisation, organisation_id) if organisation_id else None
    return organisation.name if organisation else None


def _counterpart(db: Session, user: User | None) -> dict | None:
    if user is None:
        return None
    return {"name": user.display_name, "organisation": _organisation_name(db, user.organisation_id)}


def _name_vacancies(db: Session, *row_lists) -> None:
    """Each proposal and reaction says which vacancy, at which employer."""
    ids = {row["vacancy_id"] for rows in row_lists for row in rows}
    query = (
        select(Vacancy.id, Vacancy.title, Organisation.name)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .where(col(Vacancy.id).in_(ids))
    )
    names = {vid: (title, org) for vid, title, org in db.exec(query)}
    for rows in row_lists:
        for row in rows:
            row["vacancy_title"], row["employer"] = names.get(row["vacancy_id"], (None, None))


def _login_data(db: Session, p: Participant) -> dict:
    """Their login, the messages sent to it and the failed sign-ins on it."""
    user = db.get(User, p.user_id) if p.user_id else None
    if user is None:
        return {"account": None, "notification": [], "login_failure": []}
    keys = [user.email] + ([f"code:{p.login_code_hash[:40]}"] if p.login_code_hash else [])
    failures = select(LoginFailure.at).where(col(LoginFailure.email).in_(keys))
    messages = select(Notification).where(Notification.user_id == user.id)
    return {
        "account": {name: _plain(getattr(user, name)) for name in ACCOUNT_FIELDS},
        "notification": [_row(n) for n in db.exec(messages.order_by(Notification.id))],
        "login_failure": [_plain(at) for at in db.exec(failures.order_by(LoginFailure.at))],
    }


def _audit_lines(db: Session, p: Participant) -> list[dict]:
    """What was done with their data (and by their login): when, what, and who as a role and
    an organisation, never another person's name."""
    about = [(AuditEvent.subject_type == "participant") & (AuditEvent.subject_id == p.id)]
    if p.user_id:
        about.append((AuditEvent.subject_type == "user") & (AuditEvent.subject_id == p.user_id))
        about.append(AuditEvent.actor_id == p.user_id)
    query = (
        select(AuditEvent, User.role, Organisation.name)
        .join(User, User.id == AuditEvent.actor_id, isouter=True)
        .join(Organisation, Organisation.id == User.organisation_id, isouter=True)
        .where(or_(*about))
        .order_by(AuditEvent.id)
    )
    return [
        {"at": _plain(event.at), "action": event.action, "by_role": role,
         "by_organisation": organisation, "detail": event.detail}
        for event, role, organisation in db.exec(query)
    ]  # fmt: skip
