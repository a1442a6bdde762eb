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

# employer index, title, occupation, tasks, skills, extra fields, commitment changes
VACANCIES = [
    (
        0,
        "Magazijnmedewerker orderpicking",
        "order-picker",
        "Je neemt bestellingen uit de rekken met een handscanner en zet ze klaar op paletten.",
        (["order-picking", "hand-scanner"], ["forklift"]),
        {
            "dutch_level_code": "A2",
            "language_coaching": True,
            "postcode": "9052",
            "hours_per_week": 38,
            "shifts": ["day", "evening"],
            "contract_type": "temp-to-perm",
            "certificates": ["forklift"],
            "certificates_trained": ["forklift"],
        },
        {},
    ),
    (
        0,
        "Heftruckchauffeur nachtploeg",
        "forklift-driver",
        "Je lost vrachtwagens en zet paletten in de rekken met de heftruck.",
        (["forklift", "loading-unloading"], ["teamwork"]),
        {
            "dutch_level_code": "A2",
            "postcode": "2030",
            "hours_per_week": 36,
            "shifts": ["night"],
            "contract_type": "open-ended",
            "positions": 2,
            "certificates": ["forklift", "vca-basic"],
            "certificates_trained": ["vca-basic"],
        },
        {"buddy_hours_per_week": 2, "months": 2},
    ),
    (
        1,
        "Afwasser in de hotelkeuken",
        "dishwasher",
        "Je wast borden, potten en pannen en houdt de keuken proper.",
        (["dishwashing", "kitchen-cleaning"], ["hygiene-rules"]),
        {
            "dutch_level_code": "A1",
            "postcode": "2000",
            "hours_per_week": 30,
            "shifts": ["evening", "weekend"],
            "contract_type": "fixed-term",
            "positions": 2,
        },
        {},
    ),
    (
        1,
        "Kamermedewerker",
        "room-attendant",
        "Je maakt de bedden op en poetst de kamers en badkamers na vertrek van de gasten.",
        (["bed-making", "sanitary-cleaning"], ["customer-friendliness"]),
        {
            "dutch_level_code": "A1",
            "language_coaching": True,
            "postcode": "2000",
            "hours_per_week": 24,
            "shifts": ["day", "weekend"],
            "contract_type": "open-ended",
        },
        {"trial_weeks": 0},
    ),
    (
        2,
        "Handlanger op de werf",
        "construction-labourer",
        "Je helpt de metsers: mortel maken, stenen aanvoeren en de werf opruimen.",
        (["mortar-concrete", "site-cleanup"], ["hand-tools"]),
        {
            "dutch_level_code": "A2",
            "postcode": "9300",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "temp-to-perm",
            "licence_category": "B",
            "certificates": ["vca-basic"],
            "certificates_trained": ["vca-basic"],
        },
        {},
    ),
    (
        2,
        "Hulp schilder",
        "painter-helper",
        "Je maakt muren klaar, plakt af en schildert samen met een ervaren schilder.",
        (["painting"], []),
        {
            "dutch_level_code": "A1",
            "postcode": "9100",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "fixed-term",
        },
        {},
        "draft",
    ),
    (
        3,
        "Groenarbeider parken",
        "green-worker",
        "Je maait gras, snoeit hagen en houdt parken en bermen netjes.",
        (["lawn-mowing", "hedge-trimming"], ["garden-machines"]),
        {
            "dutch_level_code": "A1",
            "postcode": "8800",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "open-ended",
            "licence_category": "B",
        },
        {"language_coach": True},
    ),
    (
        3,
        "Seizoenshulp tuinonderhoud",
        "gardener",
        "Je plant, wiedt en ruimt bladeren op in tuinen van klanten.",
        (["planting", "weeding"], []),
        {
            "dutch_level_code": "A0",
            "language_coaching": True,
            "postcode": "8500",
            "hours_per_week": 30,
            "shifts": ["day"],
            "contract_type": "seasonal",
        },
        {},
        "past",
    ),
    (
        4,
        "Logistiek assistent zorg",
        "care-logistics-assistant",
        "Je brengt maaltijden en linnen naar de afdelingen en helpt bij het opdienen.",
        (["meal-assistance", "hygiene-rules"], ["empathy"]),
        {
            "dutch_level_code": "B1",
            "language_coaching": True,
            "postcode": "3000",
            "hours_per_week": 30,
            "shifts": ["day", "weekend"],
            "contract_type": "open-ended",
            "certificates": ["food-hygiene"],
            "certificates_trained": ["food-hygiene"],
        },
        {},
    ),
    (
        4,
        "Medewerker wasserij",
        "laundry-worker",
        "Je sorteert, wast, strijkt en plooit het linnen van de bewoners.",
        (["industrial-washing-machines", "folding-laundry"], ["ironing"]),
        {
            "dutch_level_code": "A1",
            "postcode": "2800",
            "hours_per_week": 25,
            "shifts": ["day"],
            "contract_type": "temp-to-perm",
        },
        {"visual_instructions": True, "months": 3},
    ),
    (
        0,
        "Inpakker webshoporders",
        "packer",
        "Je pakt bestellingen van de webshop in dozen, kleeft de labels en zet ze klaar.",
        (["packing", "labelling"], ["order-picking"]),
        {
            "dutch_level_code": "A2",
            "postcode": "9050",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "temp-to-perm",
        },
        {},
    ),
    (
        0,
        "Operator verpakkingslijn",
        "packaging-line-operator",
        "Je volgt de verpakkingslijn voor drankflessen op en controleert de dozen.",
        (["production-line", "quality-control"], ["machine-operation"]),
        {
            "dutch_level_code": "A2",
            "postcode": "2800",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "open-ended",
        },
        {},
    ),
    (
        1,
        "Keukenmedewerker ontbijt en lunch",
        "kitchen-assistant",
        "Je snijdt groenten, maakt broodjes klaar en houdt de keuken proper.",
        (["food-preparation", "kitchen-cleaning"], ["hygiene-rules"]),
        {
            "dutch_level_code": "A1",
            "postcode": "2000",
            "hours_per_week": 32,
            "shifts": ["day", "evening"],
            "contract_type": "open-ended",
            "certificates": ["food-hygiene"],
            "certificates_trained": ["food-hygiene"],
        },
        {},
    ),
    (
        1,
        "Schoonmaker publieke ruimtes",
        "office-cleaner",
        "Je poetst de lobby, de gangen en de vergaderzalen van het hotel.",
        (["cleaning-surfaces", "floor-cleaning"], ["cleaning-machines"]),
        {
            "dutch_level_code": "A1",
            "language_coaching": True,
            "postcode": "2018",
            "hours_per_week": 30,
            "shifts": ["day"],
            "contract_type": "open-ended",
        },
        {"visual_instructions": True},
    ),
    (
        2,
        "Monteur prefab-elementen",
        "assembler",
        "Je bouwt houten wanden en kozijnen in elkaar in ons atelier.",
        (["assembling", "hand-tools"], ["measuring"]),
        {
            "dutch_level_code": "A2",
            "postcode": "9300",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "temp-to-perm",
            "certificates": ["vca-basic"],
            "certificates_trained": ["vca-basic"],
        },
        {},
    ),
    (
        3,
        "Hulp tuinaanleg",
        "gardener",
        "Je legt tuinen aan: planten, graszoden leggen en paden met klinkers.",
        (["planting", "paving"], ["garden-machines"]),
        {
            "dutch_level_code": "A1",
            "postcode": "8500",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "fixed-term",
            "licence_category": "B",
        },
        {},
    ),
    (
        3,
        "Medewerker bermonderhoud",
        "green-worker",
        "Je maait bermen langs gewestwegen en ruimt zwerfvuil op, veilig naast het verkeer.",
        (["lawn-mowing", "traffic-safety"], ["hedge-trimming"]),
        {
            "dutch_level_code": "A1",
            "language_coaching": True,
            "postcode": "8800",
            "hours_per_week": 38,
            "shifts": ["day"],
            "contract_type": "open-ended",
            "licence_category": "B",
        },
        {"language_coach": True},
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
