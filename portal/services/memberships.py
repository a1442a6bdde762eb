"""Who belongs to an organisation. A sign-up that names an existing organisation does not
join it by that name: the organisation's own active accounts accept it, or a coordinator
links it explicitly on the approval screen; until then the account waits and reads nothing."""

from sqlmodel import Session, col, func, select

from ..i18n import _, _l
from ..models import AccountStatus, Organisation, User, new_session_token, utcnow
from . import audit, notifications
from .errors import ForbiddenError, ServiceError

ASKS_TO_JOIN = (
    _l("%(name)s asks to join %(organisation)s"),
    _l(
        "%(name)s registered with the name of your organisation, %(organisation)s. Only if "
        "this person works with you, accept them in the portal under Account, Colleagues.",
    ),
)


def same_name(db: Session, name: str, kind: str, but: int | None = None) -> Organisation | None:
    """The organisation of this kind with this name (case and spaces ignored)."""
    query = select(Organisation).where(
        func.lower(Organisation.name) == " ".join(name.split()).lower(),
        Organisation.kind == kind,
    )
    if but is not None:
        query = query.where(col(Organisation.id) != but)
    return db.exec(query).first()


def _members(db: Session, organisation_id: int, but: int | None = None) -> list[User]:
    query = select(User).where(
        User.organisation_id == organisation_id, User.status == AccountStatus.ACTIVE
    )
    if but is not None:
        query = query.where(col(User.id) != but)
    return list(db.exec(query.order_by(User.id)).all())


def joins_existing(db: Session, user: User) -> bool:
    """Would approving this account give it an organisation others already use?"""
    return bool(user.organisation_id and _members(db, user.organisation_id, but=user.id))


def ask_to_join(db: Session, user: User) -> None:
    if not joins_existing(db, user):
        return
    organisation = db.get(Organisation, user.organisation_id)
    notifications.notify(  # commits
        db,
        _members(db, organisation.id),
        "asks_to_join",
        ASKS_TO_JOIN,
        name=user.display_name,
        organisation=organisation.name,
    )


def waiting_colleagues(db: Session, holder: User) -> list[User]:
    query = select(User).where(
        User.organisation_id == holder.organisation_id,
        User.status == AccountStatus.PENDING,
        User.role == holder.role,
    )
    return list(db.exec(query.order_by(User.created_at)).all()) if holder.organisation_id else []


def accept_colleague(db: Session, holder: User, user_id: int) -> User:
    """An active account of the organisation lets a waiting sign-up of its role in."""
    user = db.get(User, user_id)
    if user is None or user not in waiting_colleagues(db, holder):
        raise ForbiddenError()
    user.status, user.approved_at, user.approved_by_id = AccountStatus.ACTIVE, utcnow(), holder.id
    user.session_token = new_session_token()  # signs in afresh, with its new rights
    db.add(user)
    audit.record(db, holder.id, "account.accepted_by_colleague", "user", user.id)
    db.commit()
    return user


def check_join(db: Session, user: User, link: bool) -> None:
    """A coordinator approves a sign-up into an existing organisation only with the link
    chosen explicitly."""
    if joins_existing(db, user) and not link:
        organisation = db.get(Organisation, user.organisation_id)
        raise ServiceError(
            _(
                "%(name)s would join the existing organisation %(organisation)s and read its "
                "proposals. Choose “Approve and link” only if this person works there.",
                name=user.display_name,
                organisation=organisation.name,
            )
        )
