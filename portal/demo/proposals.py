"""Demo proposals at every stage, made through the services (so every stage change has its
event and notification): a few more endorsed participants in the caseloads, then proposals
from proposed (still waiting for the participant) to hired (which fills the vacancy)."""

from datetime import date, timedelta

from sqlmodel import Session, select

from .. import clock
from ..models import Participant, Stage, Vacancy
from ..services.participants import consents, endorsements, profiles
from ..services.proposals import workflow

EVIDENCE = (
    "Werkt al zeven maanden bij ons, altijd op tijd. Leert nieuwe collega's de werkwijze aan "
    "en volgt de veiligheidsregels zonder dat iemand het moet vragen."
)

# first, last, mentor index, postcode, occupation, skill, Dutch level, phone
EXTRA = [
    ("Bilal", "Ahmadi", 0, "9100", "dishwasher", "dishwashing", "A2", "+32 471 20 31 42"),
    ("Samira", "Benali", 1, "9300", "construction-labourer", "site-cleanup", "A2",
     "+32 472 11 22 33"),
    ("Dawit", "Kidane", 1, "8500", "green-worker", "lawn-mowing", "A1", "+32 473 44 55 66"),
    ("Nadia", "Haddad", 2, "2030", "forklift-driver", "forklift", "A2", "+32 474 77 88 99"),
    ("Hamid", "Karimi", 0, "2660", "forklift-driver", "loading-unloading", "A2",
     "+32 475 12 21 12"),
    ("Yonas", "Tesfamariam", 0, "9052", "order-picker", "order-picking", "A2",
     "+32 476 30 40 50"),
]  # fmt: skip

MOTIVATION = {
    "Yonas": "Yonas pikt bij ons 120 lijnen per uur met de scanner en leert graag heftruck rijden.",
    "Amina": "Amina runt onze wasserij alleen en werkt rustig en proper volgens het plan.",
    "Bilal": "Bilal draait de afwasmachine in ons sociaal restaurant, ook op drukke avonden.",
    "Samira": "Samira helpt al maanden op onze renovatiewerf en ruimt alles veilig op.",
    "Dawit": "Dawit maait en snoeit in onze groenploeg en werkt graag buiten.",
    "Nadia": "Nadia heeft haar heftruckattest en werkt nauwkeurig in ons magazijn.",
    "Hamid": "Hamid lost vrachtwagens met een collega en wil graag 's nachts werken.",
}


def extra_participant(db: Session, mentor, row, today: date) -> Participant:
    first, last, _mentor, postcode, occupation, skill, dutch, phone = row
    values = {"first_name": first, "last_name": last, "date_of_birth": date(1993, 2, 14)}
    p = profiles.create_participant(db, mentor, values | {"phone": phone})
    sections = {
        # Bilal (Sint-Niklaas) takes the train to Gent or Antwerpen, weekends included.
        "mobility": {
            "home_postcode": postcode,
            "max_travel_km": 45 if first == "Bilal" else 30,
            "transport": ["public", "bike"] if first == "Bilal" else ["bike"],
            # The green and construction jobs drive a van between sites.
            "licences": ["B"] if first in {"Samira", "Dawit"} else [],
        },
        "dutch": {"dutch_level": dutch},
        "availability": {
            "hours_per_week": 38,
            "shifts": ["day", "evening", "night"] + (["weekend"] if first == "Bilal" else []),
            # Yonas can start only after the vacancy's start date: proposed with a reason.
            "available_from": today + timedelta(days=30 if first == "Yonas" else 0),
        },
        "right_to_work": {"right_to_work": "unlimited"},
        "occupations": {"occupations": [occupation]},
    }
    for section, section_values in sections.items():
        profiles.save_section(db, mentor, p, section, section_values)
    profiles.add_skill(db, mentor, p, skill, 3, "Doet dit elke dag alleen in ons atelier.")
    if occupation == "forklift-driver":
        profiles.add_certificate(db, mentor, p, "forklift", today + timedelta(days=3 * 365))
    endorsements.endorse(db, mentor, p, EVIDENCE, "Betrouwbaar, rustig, helpt collega's.", None)
    consents.give_consent(db, mentor, p, with_mentor=True)
    return p


def add_demo_proposals(db: Session, world: dict) -> None:
    today = clock.today()
    mentors, employers = world["mentors"], world["employer_users"]
    people = {
        p.first_name: p
        for p in db.exec(select(Participant).where(Participant.first_name == "Amina"))
    }
    for row in EXTRA:
        people[row[0]] = extra_participant(db, mentors[row[2]], row, today)
    vacancy = {v.title: v for v in db.exec(select(Vacancy)).all()}
    participant_user = {u.display_name.split()[0]: u for u in world["participants"]}

    def mentor_of(first):
        return next(m for m in mentors if m.id == people[first].mentor_id)

    def propose(first, title, interest=True, share=False, override=""):
        return workflow.propose(
            db,
            mentor_of(first),
            people[first].id,
            vacancy[title].id,
            MOTIVATION[first],
            interest_with_mentor=interest,
            share_contact_with_mentor=share,
            override_reason=override,
        )

    def step(proposal, employer_index, *stages):
        for stage, values in stages:
            workflow.advance(db, employers[employer_index], proposal.id, stage, values)

    interested = (Stage.EMPLOYER_INTERESTED, {"note": "Graag kennismaken."})
    meeting = (
        Stage.INTRO_MEETING,
        {
            "meeting_on": today + timedelta(days=5),
            "meeting_time": "10:00",
            "meeting_place": "Onthaal, vraag naar de ploegleider",
        },
    )

    # Trial: interest given with the mentor, name shared later (also with the mentor).
    yonas = propose(
        "Yonas",
        "Magazijnmedewerker orderpicking",
        override="Zijn art. 60 kan in overleg met het OCMW een week vroeger stoppen.",
    )
    workflow.share_contact(db, mentor_of("Yonas"), yonas.id)
    trial = (
        Stage.TRIAL,
        {"trial_start": today + timedelta(days=8), "trial_end": today + timedelta(days=36)},
    )
    step(yonas, 0, interested, meeting, trial)  # fmt: skip

    # Introduction meeting: Amina said yes in her own account.
    amina = propose(
        "Amina",
        "Logistiek assistent zorg",
        interest=False,
        share=True,
        override="Amina neemt de trein Antwerpen-Leuven (35 minuten); dat traject kent ze al.",
    )
    workflow.record_interest(db, participant_user["Amina"], amina.id)
    step(amina, 4, interested, meeting)
    # Proposed, name not shared yet: the employer sees a pseudonymised profile.
    propose(
        "Amina",
        "Kamermedewerker",
        override="Vanaf de start kan Amina ook 's avonds: haar kinderopvang is dan geregeld.",
    )

    # Withdrawn by the mentor, then hired elsewhere (the vacancy has one position: filled).
    bilal = propose("Bilal", "Magazijnmedewerker orderpicking", share=True)
    workflow.withdraw(db, mentor_of("Bilal"), bilal.id, "Bilal kiest liever voor de hotelkeuken.")
    hired = propose("Bilal", "Afwasser in de hotelkeuken", share=True)
    hire = (Stage.HIRED, {"contract_type": "fixed-term", "hire_start": today + timedelta(days=16)})
    step(hired, 1, interested, meeting, hire)  # fmt: skip

    declined = propose("Samira", "Handlanger op de werf")
    reason = {"reason": "dutch", "note": "Veiligheidsinstructies op de werf."}
    step(declined, 2, (Stage.DECLINED, reason))

    dawit = propose("Dawit", "Groenarbeider parken", share=True)
    not_hired = (Stage.NOT_HIRED, {"reason": "fit", "note": "Liever een job dichter bij huis."})
    step(dawit, 3, interested, meeting, not_hired)  # fmt: skip

    nadia = propose("Nadia", "Heftruckchauffeur nachtploeg")
    step(nadia, 0, interested)
    # Waiting for Hamid to say whether he is interested (the employer does not see it yet).
    propose("Hamid", "Heftruckchauffeur nachtploeg", interest=False)
