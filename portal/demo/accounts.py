"""Demo data: a believable Flemish set-up to click through, never for production."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session, SQLModel, func, select, text

from ..models import AccountStatus, Organisation, OrganisationKind, Role, User
from .accounts import create_user
from .errors import ServiceError

EMPLOYERS = [
    ("Logistiek Van Damme", "logistiek@vandamme.example"),
    ("Hotel Scheldezicht", "hr@scheldezicht.example"),
    ("Bouwbedrijf De Smet", "jobs@desmetbouw.example"),
    ("Groendienst Leiestreek", "personeel@groenleie.example"),
    ("Woonzorgcentrum Ter Linde", "vacatures@terlinde.example"),
]
WISES = [
    ("De Werkplaats vzw", "Gent"),
    ("Kringloopcentrum Ter Schelde vzw", "Antwerpen"),
]
MENTORS = [
    ("Els Verbeke", "els.verbeke@werkplaats.example", 0),
    ("Jonas Peeters", "jonas.peeters@werkplaats.example", 0),
    ("Fatima El Idrissi", "fatima.elidrissi@terschelde.example", 1),
]
PARTICIPANTS = [
    ("Ahmad Haidari", "ahmad.haidari@deelnemer.example", "ar"),
    ("Mariam Tesfay", "mariam.tesfay@deelnemer.example", "en"),
    ("Omar Al-Hassan", "omar.alhassan@deelnemer.example", "ar"),
    ("Olena Kovalenko", "olena.kovalenko@deelnemer.example", "en"),
    ("Yusuf Rahimi", "yusuf.rahimi@deelnemer.example", "fr"),
    ("Amina Diallo", "amina.diallo@deelnemer.example", "fr"),
]
COORDINATOR = ("Sofie Claes", "coordinatie@brugportaal.example")
PENDING_EMPLOYER = ("Pieter Wouters", "pieter@schoonmaakwouters.example", "Schoonmaak Wouters")


@dataclass
class Login:
    role: str
    email: str
    password: str


# Later areas (vacancies, profiles, proposals) add their demo rows through this list, so one
# command keeps filling a coherent world in the right order.
EXTENSIONS: list[Callable[[Session, dict], None]] = []


def database_is_empty(db: Session) -> bool:
    return db.exec(select(func.count()).select_from(User)).one() == 0


def reset(db: Session) -> None:
    """Remove every row (not the tables), children first."""
    for table in reversed(SQLModel.metadata.sorted_tables):
        db.exec(text(f'DELETE FROM "{table.name}"'))  # noqa: S608 - names come from metadata
    db.commit()


def _password() -> str:
    return "demo-" + secrets.token_urlsafe(9)


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
    logins: list[Login] = []
    world: dict = {"employers": [], "wises": [], "mentors": [], "participants": []}
    world["progress"] = progress

    def account(role, email, name, organisation=None, status=AccountStatus.ACTIVE, locale=None):
        password = _password()
        user = create_user(
            db,
            email=email,
            password=password,
            role=role,
            display_name=name,
            organisation=organisation,
            status=status,
            locale=locale,
        )
        logins.append(Login(role, email, password))
        return user

    progress("Organisations ...")
    for name, _email in EMPLOYERS:
        organisation = Organisation(
            name=name, kind=OrganisationKind.EMPLOYER, status=AccountStatus.ACTIVE
        )
        db.add(organisation)
        world["employers"].append(organisation)
    for name, _town in WISES:
        organisation = Organisation(
            name=name, kind=OrganisationKind.WISE, status=AccountStatus.ACTIVE
        )
        db.add(organisation)
        world["wises"].append(organisation)
    db.flush()

    progress("Accounts ...")
    world["coordinator"] = account(Role.COORDINATOR, COORDINATOR[1], COORDINATOR[0])
    for organisation, (name, email) in zip(world["employers"], EMPLOYERS, strict=True):
        world.setdefault("employer_users", []).append(
            account(Role.EMPLOYER, email, f"HR {name}", organisation)
        )
    for name, email, wise_index in MENTORS:
        world["mentors"].append(account(Role.MENTOR, email, name, world["wises"][wise_index]))
    for index, (name, email, locale) in enumerate(PARTICIPANTS):
        wise = world["wises"][index % len(world["wises"])]
        world["participants"].append(account(Role.PARTICIPANT, email, name, wise, locale=locale))
    pending_org = Organisation(name=PENDING_EMPLOYER[2], kind=OrganisationKind.EMPLOYER)
    db.add(pending_org)
    db.flush()
    account(
        Role.EMPLOYER, PENDING_EMPLOYER[1], PENDING_EMPLOYER[0], pending_org, AccountStatus.PENDING
    )

    for extend in EXTENSIONS:
        extend(db, world)
    db.commit()
    progress(f"Done: {len(logins)} accounts.")
    return logins


def _register_extensions() -> None:
    from .vacancies_demo import add_demo_vacancies

    if add_demo_vacancies not in EXTENSIONS:
        EXTENSIONS.append(add_demo_vacancies)


_register_extensions()
