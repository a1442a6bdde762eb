"""Starting is easy: an employer whose new organisation waits for approval already writes its
vacancy as a draft; when a coordinator approves the account, those drafts are published
(through `vacancies.publish`, which alone decides that only approved organisations publish)
and the employer gets a notification and an e-mail."""

from sqlmodel import Session, col, select

from ..i18n import _, _l
from ..models import AccountStatus, Organisation, Role, User, Vacancy, VacancyStatus
from . import notifications
from .errors import ServiceError
from .vacancies import content, lifecycle

APPROVED = (
    _l("Your account is approved"),
    _l("A coordinator approved your account. You can now use the portal."),
)
APPROVED_PUBLISHED = (
    _l("Your account is approved and your vacancy is online"),
    _l(
        "A coordinator approved your account. Mentors can now see these vacancies: "
        "%(titles)s. Still a draft (check it and publish it): %(drafts)s."
    ),
)


def waiting_organisation(db: Session, user: User) -> Organisation | None:
    """The organisation of an employer who may draft before approval: the account and its
    new organisation both wait for approval. Joining an organisation that already exists
    gives no access to it before a coordinator approves."""
    if user.role != Role.EMPLOYER or user.status != AccountStatus.PENDING:
        return None
    organisation = db.get(Organisation, user.organisation_id) if user.organisation_id else None
    if organisation is None or organisation.status != AccountStatus.PENDING:
        return None
    return organisation


def require_waiting_organisation(db: Session, user: User) -> Organisation:
    organisation = waiting_organisation(db, user)
    if organisation is None:
        raise ServiceError(_("Only a new employer who waits for approval can do this."))
    return organisation


def create_draft(db: Session, user: User, data: content.VacancyData, nonce: str | None):
    """A draft of the waiting organisation; only `account_approved` publishes it."""
    require_waiting_organisation(db, user)
    return lifecycle.create(db, user, data, nonce=nonce)


def drafts(db: Session, user: User) -> list[Vacancy]:
    query = select(Vacancy).where(Vacancy.created_by_id == user.id)
    return list(db.exec(query.order_by(col(Vacancy.id))).all())


def account_approved(db: Session, user: User) -> None:
    """After `accounts.decide` approved the account: publish the drafts it wrote while it
    waited (those that cannot be published yet stay drafts) and tell the user."""
    published, kept = [], []
    for vacancy in drafts(db, user):
        if vacancy.status != VacancyStatus.DRAFT:
            continue
        try:
            lifecycle.publish(db, user, vacancy)
        except ServiceError:
            db.rollback()
            kept.append(vacancy.title)
        else:
            published.append(vacancy.title)
    if published or kept:
        notifications.notify(
            db,
            [user],
            "account_approved",
            APPROVED_PUBLISHED,
            titles=", ".join(published) or "—",
            drafts=", ".join(kept) or "—",
        )
    else:
        notifications.notify(db, [user], "account_approved", APPROVED)
