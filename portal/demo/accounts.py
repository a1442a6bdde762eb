"""Demo organisations and accounts: employers, WISEs, mentors, participants' logins, a
coordinator and one employer waiting for approval."""

import secrets
from dataclasses import dataclass

from sqlmodel import Session

from ..models import AccountStatus, Organisation, OrganisationKind, Role
from ..services.accounts import create_user

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
    ("Ahmad Haidari", "ahmad.haidari@deelnemer.example", "fa"),
    ("Mariam Tesfay", "mariam.tesfay@deelnemer.example", "ti"),
    ("Omar Al-Hassan", "omar.alhassan@deelnemer.example", "ar"),
    ("Olena Kovalenko", "olena.kovalenko@deelnemer.example", "uk"),
    ("Yusuf Rahimi", "yusuf.rahimi@deelnemer.example", "ps"),
    ("Amina Diallo", "amina.diallo@deelnemer.example", "fr"),
    ("Mehmet Yılmaz", "mehmet.yilmaz@deelnemer.example", "tr"),
    ("Hodan Warsame", "hodan.warsame@deelnemer.example", "so"),
]
COORDINATOR = ("Sofie Claes", "coordinatie@brugportaal.example")
PENDING_EMPLOYER = ("Pieter Wouters", "pieter@schoonmaakwouters.example", "Schoonmaak Wouters")


@dataclass
class Login:
    role: str
    email: str
    password: str


def _password() -> str:
    return "demo-" + secrets.token_urlsafe(9)


def add_accounts(db: Session, world: dict) -> None:
    """Organisations and accounts; every login lands in world["logins"] with its password."""
    logins: list[Login] = world["logins"]
    progress = world["progress"]
    world.update(employers=[], employer_users=[], wises=[], mentors=[], participants=[])

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
        world["employer_users"].append(account(Role.EMPLOYER, email, f"HR {name}", organisation))
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
