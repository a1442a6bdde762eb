"""Who looked at a participant's information, from the audit log: each view or download told
as a role, an organisation and a day. A coordinator stays "a coordinator"; the person's own
looks are left out."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ... import clock
from ...models import AuditEvent, Organisation, Participant, Role, User

VIEW_ACTIONS = ("participant.viewed", "participant.exported")


@dataclass(frozen=True)
class ProfileView:
    role: str
    organisation: str | None  # None for a coordinator
    day: date


def profile_views(db: Session, p: Participant, limit: int = 60) -> list[ProfileView]:
    """Newest first, one line per role, organisation and day."""
    query = (
        select(AuditEvent.at, User.role, Organisation.name)
        .join(User, User.id == AuditEvent.actor_id)
        .join(Organisation, Organisation.id == User.organisation_id, isouter=True)
        .where(
            AuditEvent.subject_type == "participant",
            AuditEvent.subject_id == p.id,
            col(AuditEvent.action).in_(VIEW_ACTIONS),
        )
        .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
    )
    if p.user_id is not None:
        query = query.where(AuditEvent.actor_id != p.user_id)
    views: list[ProfileView] = []
    for at, role, organisation in db.exec(query.limit(limit * 20)):
        day = at.astimezone(clock.BRUSSELS).date()
        view = ProfileView(role, None if role == Role.COORDINATOR else organisation, day)
        if view not in views:
            views.append(view)
        if len(views) == limit:
            break
    return views
