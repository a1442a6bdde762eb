"""Demo participant profiles for the demo participant logins, one in every caseload state."""

from datetime import timedelta

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
PROFILES = [
    ("Ahmad", "Haidari", "1994-03-12", "9000", 25, "bike public", "B", "A2", 38,
     ["day", "evening"], "unlimited",
     [("order-picking", 3, "Picks 120 lines an hour with the scanner."),
      ("packing", 3, "Packs webshop orders without mistakes."),
      ("loading-unloading", 2, "Unloads trucks with a colleague."),
      ("forklift", 1, "Follows the forklift course.")],
     ["warehouse-worker", "order-picker"], ["vca-basic"], ["buddy", "language_coach"],
     "endorsed"),
    ("Mariam", "Tesfay", "1989-11-02", "2060", 15, "public walk", "", "A1", 30,
     ["day"], "limited",
     [("cleaning-surfaces", 3, "Cleans the offices of the shop alone."),
      ("sanitary-cleaning", 3, "Follows the cleaning plan with pictures."),
      ("bed-making", 2, "Helped in the hotel laundry project.")],
     ["office-cleaner", "room-attendant"], [], ["visual_instructions", "same_language_colleague"],
     "consent_missing"),
    ("Omar", "Al-Hassan", "1999-06-21", "9040", 20, "bike", "", "A2", 38,
     ["day", "evening", "weekend"], "unlimited",
     [("dishwashing", 3, "Runs the dish machine in the social restaurant."),
      ("food-preparation", 2, "Cuts vegetables for 80 meals with the cook."),
      ("kitchen-cleaning", 3, "Closes the kitchen alone.")],
     ["dishwasher", "kitchen-assistant"], ["food-hygiene"], ["trial_period"],
     "not_endorsed"),
    ("Olena", "Kovalenko", "1986-01-30", "2800", 35, "car", "B", "B1", 38,
     ["day", "night"], "unlimited",
     [("production-line", 3, "Works on the assembly line for bicycles."),
      ("quality-control", 3, "Checks finished bicycles with the checklist."),
      ("assembling", 3, "Assembles wheels alone.")],
     ["production-worker", "assembler", "quality-inspector"], ["first-aid"], ["onboarding_plan"],
     "endorsement_expired"),
    ("Yusuf", "Rahimi", "2001-09-09", None, None, "", "", None, None,
     [], None,
     [("sweeping", 2, "Sweeps the workshop with a colleague.")],
     [], [], [],
     "incomplete"),
    ("Amina", "Diallo", "1992-04-17", "2100", 20, "public", "", "B1", 32,
     ["day", "weekend"], "unlimited",
     [("bed-making", 3, "Makes beds in the care home project."),
      ("folding-laundry", 3, "Runs the laundry room alone."),
      ("cleaning-surfaces", 3, "Cleans rooms following the plan.")],
     ["care-logistics-assistant", "laundry-worker"], ["first-aid"], ["buddy", "aftercare"],
     "endorsed"),
]  # fmt: skip

PLACEMENT_JOBS = ["Sorting worker", "Cleaner", "Kitchen help", "Bicycle assembly", "Workshop help",
                  "Laundry worker"]  # fmt: skip


def add_demo_participants(db: Session, world: dict) -> None:
    from datetime import date

    today = clock.today()
    mentor_of_wise = {}
    for mentor in world["mentors"]:
        mentor_of_wise.setdefault(mentor.organisation_id, []).append(mentor)
    progress = world["progress"]
    for index, (user, profile) in enumerate(zip(world["participants"], PROFILES, strict=False)):
        (first, last, born, postcode, km, transport, licences, dutch, hours, shifts, rtw,
         skills, occupations, certificates, needs, state) = profile  # fmt: skip
        mentors = mentor_of_wise[user.organisation_id]
        mentor = mentors[index // 2 % len(mentors)]
        p = Participant(
            user_id=user.id,
            mentor_id=mentor.id,
            organisation_id=user.organisation_id,
            first_name=first,
            last_name=last,
            date_of_birth=date.fromisoformat(born),
            phone=f"+32 470 {12 + index:02d} {34 + index:02d} {56 + index:02d}",
            email=user.email,
            preferred_languages=user.locale or "nl",
            spoken_languages={
                "ar": "ar nl",
                "fa": "fa nl",
                "ti": "ti en nl",
                "uk": "uk nl",
                "ps": "ps fa nl",
                "fr": "fr nl",
            }.get(user.locale, "nl"),
            placement_kind="art60",
            placement_job=PLACEMENT_JOBS[index],
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
            available_from=today + timedelta(days=14) if hours else None,
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
        if state in ("endorsed", "consent_missing"):
            valid = today + timedelta(days=12) if first == "Amina" else None
            endorsements.endorse(
                db, mentor, p, EVIDENCE, "Reliable, calm, helps colleagues.", valid
            )
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
        if state in ("endorsed", "endorsement_expired"):
            consents.give_consent(db, mentor, p, with_mentor=True)
        if first == "Amina":  # a history: withdrawn once, given again in her own account
            consents.withdraw_consent(db, user, p)
            consents.give_consent(db, user, p)
        code = login_codes.issue_login_code(db, mentor, p)
        progress(f"Login code for {user.email}: {code} (date of birth {born})")
    db.commit()
