"""Demo rows for the employer area: a profile and a usual mentoring commitment for each
demo employer, and vacancies in several Flemish towns (published ones with varied
commitments, one draft, one past its closing date)."""

from datetime import date, timedelta

from sqlmodel import Session

from .. import clock
from ..models import Vacancy
from ..services import organisations
from ..services.vacancies import lifecycle
from ..services.vacancies.content import CommitmentData, VacancyData
from .vacancy_rows import VACANCIES

PROFILES = [
    (
        "logistics",
        "Industrieweg 12",
        "9052",
        "Griet Van Damme",
        "09 210 45 67",
        "50-249",
        "Familiebedrijf dat voeding en drank opslaat en levert aan winkels in Oost-Vlaanderen.",
    ),
    (
        "hospitality",
        "Scheldekaai 4",
        "2000",
        "Tom Janssens",
        "03 225 18 90",
        "10-49",
        "Hotel met 60 kamers en een restaurant aan de Schelde.",
    ),
    (
        "construction",
        "Dendermondsesteenweg 88",
        "9300",
        "Koen De Smet",
        "053 70 12 34",
        "50-249",
        "Bouwt en renoveert woningen en scholen in de Denderstreek.",
    ),
    (
        "green",
        "Meensesteenweg 210",
        "8500",
        "An Vandenberghe",
        "056 22 33 44",
        "10-49",
        "Onderhoudt parken, tuinen en bermen voor gemeenten en bedrijven.",
    ),
    (
        "care",
        "Lindenlaan 3",
        "3000",
        "Karima Bouzid",
        "016 30 40 50",
        "50-249",
        "Woonzorgcentrum met 120 bewoners en een eigen keuken en wasserij.",
    ),
]

COMMITMENTS = [
    CommitmentData(
        "Ploegleider dagploeg",
        4,
        3,
        "Dag 1: rondleiding en veiligheid. "
        "Week 1: samen orderpicken met de ploegleider. Week 2: eigen zone.",
        True,
        True,
        "Arabisch, Pools",
        4,
        "monthly",
    ),
    CommitmentData(
        "Chef van de afwas",
        3,
        2,
        "Eerste week naast een vaste collega. Daarna elke vrijdag een kort gesprek.",
        False,
        True,
        "Tigrinya, Engels",
        2,
        "2-weeks",
    ),
    CommitmentData(
        "Ervaren metser in de ploeg",
        6,
        6,
        "Eerste maand altijd in dezelfde ploeg. VCA-opleiding in maand 1.",
        True,
        False,
        "Turks, Frans",
        0,
        "milestones",
    ),
    CommitmentData(
        "Teamverantwoordelijke",
        2,
        4,
        "Start met een dag meelopen. Werkplanning met foto's in de bestelwagen.",
        False,
        True,
        "",
        4,
        "monthly",
    ),
    CommitmentData(
        "Hoofd logistiek",
        5,
        6,
        "Peter of meter voor de eerste zes maanden. Taalcoach komt elke dinsdag.",
        True,
        True,
        "Arabisch, Dari",
        8,
        "2-weeks",
    ),
]


def add_demo_vacancies(db: Session, world: dict) -> None:
    employers, users = world["employers"], world["employer_users"]
    for organisation, user, profile, commitment in zip(
        employers, users, PROFILES, COMMITMENTS, strict=True
    ):
        sector, street, postcode, contact, phone, size, description = profile
        data = organisations.ProfileData(
            organisation.name, sector, street, postcode, contact, phone, size, description
        )
        organisations.update_profile(db, user, organisation, data)
        organisations.set_default_commitment(db, user, organisation, commitment)
    today = clock.today()
    for number, (index, title, occupation, tasks, skills, extra, adjust, *state) in enumerate(
        VACANCIES
    ):
        # Every start lies after the demo participants' first free day (a week from today).
        start = today + timedelta(days=21 + 2 * number)
        data = VacancyData(
            title=title,
            occupation_code=occupation,
            tasks=tasks,
            must_have=skills[0],
            nice_to_have=skills[1],
            start_date=start,
            closing_date=start - timedelta(days=3),
            contract_type="open-ended",
            commitment=CommitmentData(**(vars(COMMITMENTS[index]) | adjust)),
        )
        for name, value in extra.items():
            setattr(data, name, value)
        vacancy, _created = lifecycle.create(db, users[index], data)
        if state != ["draft"]:
            lifecycle.publish(db, users[index], vacancy)
        if state == ["past"]:
            _backdate(db, vacancy, today)


def _backdate(db: Session, vacancy: Vacancy, today: date) -> None:
    """A vacancy published a while ago whose closing date has passed: the first read
    marks it expired, as `portal vacancies expire` would."""
    vacancy.start_date = today - timedelta(days=40)
    vacancy.closing_date = today - timedelta(days=2)
    db.add(vacancy)
    db.commit()
