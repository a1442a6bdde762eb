"""Demo data: a believable Flemish set-up to click through, never for production. Only the
CLI (`portal demo`, `portal start`) and the tests import this package; services never do.

`fill` calls the parts in one explicit order, each building on the rows of the ones before:
accounts, then the employers' vacancies, the participants' profiles, the proposals, and the
hires with their check-ins, and last the match alerts those changes bring."""

from collections.abc import Callable

from sqlmodel import Session, SQLModel, func, select, text

from ..models import User
from ..services.errors import ServiceError
from . import accounts, alerts, checkins, participants, proposals, vacancies
from .accounts import Login

PARTS: tuple[Callable[[Session, dict], None], ...] = (
    accounts.add_accounts,
    vacancies.add_demo_vacancies,
    participants.add_demo_participants,
    proposals.add_demo_proposals,
    checkins.add_demo_checkins,
    alerts.add_demo_alerts,
)


def database_is_empty(db: Session) -> bool:
    return db.exec(select(func.count()).select_from(User)).one() == 0


def reset(db: Session) -> None:
    """Remove every row (not the tables), children first."""
    for table in reversed(SQLModel.metadata.sorted_tables):
        db.exec(text(f'DELETE FROM "{table.name}"'))  # noqa: S608 - names come from metadata
    db.commit()


def fill(
    db: Session, *, reset_first: bool = False, progress: Callable[[str], None] = print
) -> list[Login]:
    """Fill an empty database; refuse one with data unless asked to reset it."""
    if not database_is_empty(db):
        if not reset_first:
            raise ServiceError(
                "The database already has data. Run `portal demo --reset` to wipe it "
                "and load the demo data."
            )
        progress("Removing existing data ...")
        reset(db)
    world: dict = {"logins": [], "progress": progress}
    for part in PARTS:
        part(db, world)
    db.commit()
    progress(f"Done: {len(world['logins'])} accounts.")
    return world["logins"]
