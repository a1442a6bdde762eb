"""Demo participant profiles: the participants with a login, all ready to be matched, and a
few without a login, one in every caseload state that keeps a person out of the matching."""

from datetime import date, timedelta

from sqlmodel import Session

from .. import clock
from ..models import Endorsement, Participant, ParticipantCertificate, utcnow
from ..services import participant_catalogues as cat
from ..services.participants import consents, endorsements, login_codes, profiles

EVIDENCE = (
    "Works on the sorting line for eight months, on time every day. Trains new colleagues "
    "on the scanner and keeps to the safety rules without reminders."
)

# (first, last, born, postcode, km, transport, licences, Dutch, hours, shifts, right to work,
#  skills [(code, level, evidence)], occupations, certificates, needs, state)
# The participants with a login: every one endorsed and consenting, each with several openings
# of different fits in the demo vacancies (tests/test_demo_openings.py checks it).
PROFILES = [
    ("Ahmad", "Haidari", "1994-03-12", "9000", 30, "bike public", "B", "A2", 38,
     ["day", "evening"], "unlimited",
     [("order-picking", 3, "Picks 120 lines an hour with the scanner."),
      ("hand-scanner", 3, "Scans every order line with the hand scanner."),
      ("packing", 3, "Packs webshop orders without mistakes."),
      ("loading-unloading", 2, "Unloads trucks with a colleague."),
      ("forklift", 1, "Follows the forklift course.")],
     ["warehouse-worker", "order-picker"], ["vca-basic"], ["buddy", "language_coach"],
     "endorsed"),
    ("Mariam", "Tesfay", "1989-11-02", "2060", 25, "public walk", "", "A1", 30,
     ["day", "weekend"], "limited",
     [("cleaning-surfaces", 3, "Cleans the offices of the shop alone."),
      ("sanitary-cleaning", 3, "Follows the cleaning plan with pictures."),
      ("bed-making", 2, "Helped in the hotel laundry project.")],
     ["office-cleaner", "room-attendant"], [], ["visual_instructions", "same_language_colleague"],
     "endorsed"),
    ("Omar", "Al-Hassan", "1999-06-21", "9100", 25, "public bike", "", "A2", 38,
     ["day", "evening", "weekend"], "unlimited",
     [("dishwashing", 3, "Runs the dish machine in the social restaurant."),
      ("food-preparation", 2, "Cuts vegetables for 80 meals with the cook."),
      ("kitchen-cleaning", 3, "Closes the kitchen alone.")],
     ["dishwasher", "kitchen-assistant"], ["food-hygiene"], ["trial_period"],
     "endorsed"),
    ("Olena", "Kovalenko", "1986-01-30", "2800", 35, "car", "B", "B1", 38,
     ["day", "night"], "unlimited",
     [("production-line", 3, "Works on the assembly line for bicycles."),
      ("quality-control", 3, "Checks finished bicycles with the checklist."),
      ("assembling", 3, "Assembles wheels alone.")],
     ["production-worker", "assembler", "quality-inspector"], ["first-aid"], ["onboarding_plan"],
     "endorsed"),
    ("Yusuf", "Rahimi", "2001-09-09", "9050", 25, "bike", "B", "A2", 38,
     ["day", "evening"], "unlimited",
     [("site-cleanup", 3, "Keeps the renovation site clean and safe alone."),
      ("mortar-concrete", 2, "Mixes mortar for the masons with a colleague."),
      ("hand-tools", 2, "Uses the hand tools of the workshop with help.")],
     ["construction-labourer"], [], ["buddy"],
     "endorsed"),
    ("Amina", "Diallo", "1992-04-17", "2100", 25, "public", "", "B1", 32,
     ["day", "weekend"], "unlimited",
     [("bed-making", 3, "Makes beds in the care home project."),
      ("folding-laundry", 3, "Runs the laundry room alone."),
      ("cleaning-surfaces", 3, "Cleans rooms following the plan."),
      ("sanitary-cleaning", 2, "Cleans the bathrooms of the care home with a colleague.")],
     ["care-logistics-assistant", "laundry-worker"], ["first-aid"], ["buddy", "aftercare"],
     "endorsed"),
    ("Mehmet", "Yılmaz", "1984-07-05", "8500", 25, "car", "B", "A2", 38,
     ["day"], "unlimited",
     [("lawn-mowing", 3, "Mows the parks of the town with the green team."),
      ("hedge-trimming", 2, "Trims hedges with the team leader."),
      ("garden-machines", 2, "Starts and cleans the mowers and trimmers."),
      ("planting", 2, "Plants flower beds in spring with the team.")],
     ["green-worker", "gardener"], ["vca-basic"], ["language_coach"],
     "endorsed"),
    ("Hodan", "Warsame", "1996-02-23", "2140", 20, "public walk", "", "A2", 32,
     ["day", "evening", "weekend"], "unlimited",
     [("dishwashing", 3, "Washes up for 120 meals in the social restaurant."),
      ("kitchen-cleaning", 3, "Cleans the kitchen alone after the lunch service."),
      ("food-preparation", 1, "Learns to cut vegetables and weigh portions.")],
     ["kitchen-assistant", "dishwasher"], ["food-hygiene"], ["same_language_colleague"],
     "endorsed"),
]  # fmt: skip

# Participants without a login of their own, one in every caseload state that keeps a person
# out of the matching; their openings pages say why there are none.
STATES = [
    ("Said", "Amrani", "1998-05-14", None, None, "", "", None, None, [], None,
     [("sweeping", 2, "Sweeps the workshop with a colleague.")], [], [], [],
     "incomplete"),
    ("Fatou", "Ndiaye", "1990-12-01", "9000", 20, "bike", "", "A2", 38, ["day"], "unlimited",
     [("cleaning-surfaces", 3, "Cleans the offices of the WISE alone.")],
     ["office-cleaner"], [], [], "not_endorsed"),
    ("Rustam", "Nazari", "1987-03-08", "2000", 20, "public", "", "A2", 38, ["day"],
     "unlimited",
     [("order-picking", 3, "Picks orders in the second-hand shop's warehouse.")],
     ["order-picker"], [], [], "endorsement_expired"),
    ("Selam", "Haile", "1995-08-19", "2060", 20, "public", "", "A1", 30, ["day"], "unlimited",
     [("bed-making", 3, "Makes the beds of the shelter alone.")],
     ["room-attendant"], [], [], "consent_missing"),
    ("Ivan", "Petrenko", "1979-10-27", "9000", 30, "car", "B", "B1", 38, ["day", "evening"],
     "unlimited",
     [("order-picking", 3, "Picks orders alone."), ("hand-scanner", 3, "Uses the scanner.")],
     ["order-picker"], [], [], "available_late"),
]  # fmt: skip

PLACEMENT_JOBS = ["Sorting worker", "Cleaner", "Kitchen help", "Bicycle assembly", "Workshop help",
                  "Laundry worker", "Green team worker", "Kitchen help"]  # fmt: skip
SPOKEN = {"ar": "ar nl", "fa": "fa nl", "ti": "ti en nl", "uk": "uk nl", "ps": "ps fa nl",
          "fr": "fr nl", "so": "so en nl", "tr": "tr nl"}  # fmt: skip


def add_demo_participants(db: Session, world: dict) -> None:
    mentor_of_wise = {}
    for mentor in world["mentors"]:
        mentor_of_wise.setdefault(mentor.organisation_id, []).append(mentor)
    for index, (user, profile) in enumerate(zip(world["participants"], PROFILES, strict=True)):
        mentors = mentor_of_wise[user.organisation_id]
        _add(db, world, mentors[index // 2 % len(mentors)], user, index, profile)
    for index, profile in enumerate(STATES):
        mentors = mentor_of_wise[world["wises"][index % len(world["wises"])].id]
        _add(db, world, mentors[0], None, index, profile)
    db.commit()


def _add(db: Session, world: dict, mentor, user, index: int, profile) -> None:
    """One participant with a full profile in the given state; one with a login gets a new
    sign-in code, printed for the card."""
    (first, last, born, postcode, km, transport, licences, dutch, hours, shifts, rtw,
     skills, occupations, certificates, needs, state) = profile  # fmt: skip
    today = clock.today()
    locale = user.locale if user else None
    available = today + timedelta(days=120 if state == "available_late" else 7)
    p = Participant(
        user_id=user.id if user else None,
        mentor_id=mentor.id,
        organisation_id=mentor.organisation_id,
        first_name=first,
        last_name=last,
        date_of_birth=date.fromisoformat(born),
        phone=f"+32 470 {12 + index:02d} {34 + index:02d} {56 + index:02d}"
        if user
        else f"+32 478 {40 + index:02d} {50 + index:02d} {60 + index:02d}",
        email=user.email if user else "",
        preferred_languages=locale or "nl",
        spoken_languages=SPOKEN.get(locale, "nl"),
        placement_kind="art60",
        placement_job=PLACEMENT_JOBS[index] if user else "Workshop help",
        placement_start=today - timedelta(days=300),
        placement_end=today + timedelta(days=20 if state == "not_endorsed" else 180),
        dutch_level=dutch,
        dutch_level_rank=cat.DUTCH_LEVEL_RANK.get(dutch),
        dutch_assessed_on=today - timedelta(days=60) if dutch else None,
        home_postcode=postcode,
        max_travel_km=km,
        transport=transport,
        licences=licences,
        hours_per_week=hours,
        available_from=available if hours else None,
        right_to_work=rtw,
        right_to_work_until=today + timedelta(days=240) if rtw == "limited" else None,
        **{f"shift_{shift}": True for shift in shifts},
    )
    db.add(p)
    db.flush()
    for code, level, evidence in skills:
        profiles.add_skill(db, mentor, p, code, level, evidence)
    profiles.save_section(db, mentor, p, "occupations", {"occupations": occupations})
    profiles.save_section(db, mentor, p, "support", {"needs": needs})
    for code in certificates:
        db.add(ParticipantCertificate(participant_id=p.id, certificate=code))
    if state in ("endorsed", "consent_missing", "available_late"):
        valid = today + timedelta(days=12) if first == "Amina" else None
        endorsements.endorse(db, mentor, p, EVIDENCE, "Reliable, calm, helps colleagues.", valid)
    if state == "endorsement_expired":
        db.add(
            Endorsement(
                participant_id=p.id,
                mentor_id=mentor.id,
                evidence=EVIDENCE,
                strengths="Precise and fast.",
                given_at=utcnow() - timedelta(days=190),
                valid_until=today - timedelta(days=8),
            )
        )
    if state in ("endorsed", "endorsement_expired", "not_endorsed", "available_late"):
        consents.give_consent(db, mentor, p, with_mentor=True)
    if first == "Amina":  # a history: withdrawn once, given again in her own account
        consents.withdraw_consent(db, user, p)
        consents.give_consent(db, user, p)
    if user is not None:
        code = login_codes.issue_login_code(db, mentor, p)
        world["progress"](f"Login code for {user.email}: {code} (date of birth {born})")
