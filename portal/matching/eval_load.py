"""Loads the hand-graded cases of `portal eval` (eval_cases.toml) through the portal's own
services, as people would enter them: organisations and logins, vacancies with their
mentoring commitment, participant profiles section by section, observed skills,
endorsements, consents, and a proposal moved to "hired" for `hired_for`. Dates in the file
are days relative to "today" (clock.today()), so the cases never age."""

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session

from ..models import AccountStatus, Organisation, OrganisationKind, Role, Stage
from ..services import catalogues
from ..services.accounts import create_user
from ..services.participants import consents, endorsements, profiles, records
from ..services.proposals import workflow
from ..services.vacancies import lifecycle
from ..services.vacancies.content import CommitmentData, VacancyData

EVIDENCE = "Works on the floor of the WISE for months; seen doing these tasks every week."


@dataclass
class Loaded:
    vacancies: dict[str, int] = field(default_factory=dict)  # key -> vacancy id
    participants: dict[str, int] = field(default_factory=dict)  # key -> participant id
    vacancy_cases: dict[str, dict] = field(default_factory=dict)


def _user(db: Session, role: str, name: str, organisation: Organisation):
    email = f"{name.lower().replace(' ', '-')}@eval.invalid"
    password = secrets.token_urlsafe(12)
    return create_user(
        db, email=email, password=password, role=role, display_name=name, organisation=organisation
    )


def _organisation(db: Session, name: str, kind: str) -> Organisation:
    organisation = Organisation(name=name, kind=kind, status=AccountStatus.ACTIVE)
    db.add(organisation)
    db.flush()
    return organisation


def _commitment(values: dict) -> CommitmentData:
    return CommitmentData(
        buddy_role="Ploegmaat",
        buddy_hours_per_week=values["buddy_hours"],
        months=values["months"],
        onboarding_plan="Dag 1: rondleiding en veiligheid; week 1: samen met de buddy.",
        language_coach=values.get("language_coach", False),
        visual_instructions=values.get("visual_instructions", False),
        colleague_languages=values.get("colleague_languages", ""),
        trial_weeks=values.get("trial_weeks", 0),
        aftercare_rhythm=catalogues.AFTERCARE_RHYTHMS[1].code,
    )


def _vacancy(db: Session, employer, case: dict, today: date):
    certificates = case.get("certificates", [])
    start = today + timedelta(days=case["start"])
    data = VacancyData(
        title=case["title"],
        occupation_code=case["occupation"],
        tasks=case["title"],
        must_have=list(case.get("must", [])),
        nice_to_have=list(case.get("nice", [])),
        dutch_level_code=case["dutch"],
        language_coaching=case.get("language_coaching", False),
        postcode=case["postcode"],
        hours_per_week=case["hours"],
        shifts=list(case["shifts"]),
        contract_type="open-ended",
        positions=case.get("positions", 1),
        start_date=start,
        closing_date=today + timedelta(days=case["close"]),  # applications close before the start
        licence_category=case.get("licence", ""),
        certificates=[c["code"] for c in certificates if not c["employer_trains"]],
        certificates_trained=[c["code"] for c in certificates if c["employer_trains"]],
        commitment=_commitment(case["commitment"]),
    )
    vacancy, _created = lifecycle.create(db, employer, data)
    lifecycle.publish(db, employer, vacancy)
    return vacancy


def _participant(db: Session, mentor, case: dict, today: date):
    values = {
        "first_name": case["first_name"],
        "last_name": "Eval",
        "date_of_birth": date(1992, 5, 17),
        "phone": "+32 470 00 00 00",
    }
    p = profiles.create_participant(db, mentor, values)
    rtw_until = case.get("right_to_work_until")
    sections = {
        "person": values | {"spoken_languages": list(case.get("languages", [])) + ["nl"]},
        "mobility": {
            "home_postcode": case["postcode"],
            "max_travel_km": case["max_km"],
            "transport": ["public"],
            "licences": list(case.get("licences", [])),
        },
        "dutch": {"dutch_level": case["dutch"]},
        "availability": {
            "hours_per_week": case["hours"],
            "shifts": list(case["shifts"]),
            "available_from": today + timedelta(days=case.get("available", -10)),
        },
        "right_to_work": {"right_to_work": "unlimited"}
        if rtw_until is None
        else {"right_to_work": "limited", "right_to_work_until": today + timedelta(rtw_until)},
        "occupations": {"occupations": list(case["occupations"])},
        "support": {"needs": list(case.get("needs", []))},
    }
    for section, section_values in sections.items():
        profiles.save_section(db, mentor, p, section, section_values)
    for code, level in case.get("skills", {}).items():
        profiles.add_skill(db, mentor, p, code, level, EVIDENCE)
    for cert in case.get("certificates", []):
        expires = today + timedelta(days=cert["valid_days"])
        profiles.add_certificate(db, mentor, p, cert["code"].replace("-", "_"), expires)
    db.commit()
    valid = today + timedelta(days=180)
    endorsements.endorse(db, mentor, p, EVIDENCE, "Reliable and calm.", valid)
    if "endorsed_until" in case:
        endorsement = endorsements.current_endorsement(db, p)
        endorsement.valid_until = today + timedelta(days=case["endorsed_until"])
        db.add(endorsement)
        records.touched(db, p)
        db.commit()
    consents.give_consent(db, mentor, p, with_mentor=True)
    if case.get("consent", True) is False:
        consents.withdraw_consent(db, mentor, p)
    return p


def _hire(db: Session, mentor, employer, participant_id: int, vacancy, today: date) -> None:
    """Proposed, met, hired: the first working day is the vacancy's start."""
    proposal = workflow.propose(
        db, mentor, participant_id, vacancy.id, EVIDENCE, interest_with_mentor=True
    )
    steps = (
        (Stage.EMPLOYER_INTERESTED, {"note": ""}),
        (
            Stage.INTRO_MEETING,
            {
                "meeting_on": today + timedelta(days=2),
                "meeting_time": "10:00",
                "meeting_place": "Onthaal",
            },
        ),  # fmt: skip
        (Stage.HIRED, {"contract_type": "open-ended", "hire_start": vacancy.start_date}),
    )
    for stage, values in steps:
        workflow.advance(db, employer, proposal.id, stage, values)


def load(db: Session, cases: dict, today: date) -> Loaded:
    loaded = Loaded()
    wise = _organisation(db, "Eval WISE", OrganisationKind.WISE)
    mentor = _user(db, Role.MENTOR, "Eval mentor", wise)
    employers, vacancies = {}, {}
    for number, case in enumerate(cases["vacancy"]):
        organisation = _organisation(db, f"Eval employer {number}", OrganisationKind.EMPLOYER)
        employers[case["key"]] = _user(db, Role.EMPLOYER, f"Eval employer {number}", organisation)
        vacancy = _vacancy(db, employers[case["key"]], case, today)
        vacancies[case["key"]] = vacancy
        loaded.vacancies[case["key"]] = vacancy.id
        loaded.vacancy_cases[case["key"]] = case
    for case in cases["participant"]:
        p = _participant(db, mentor, case, today)
        loaded.participants[case["key"]] = p.id
        if case.get("hired_for"):
            key = case["hired_for"]
            _hire(db, mentor, employers[key], p.id, vacancies[key], today)
    return loaded
