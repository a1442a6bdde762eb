"""Synthetic vacancies and participants for `portal bench`: believable Flemish
distributions, written with bulk inserts."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert
from sqlmodel import Session, select

CITIES = (
    "1000",
    "2000",
    "9000",
    "3000",
    "8000",
    "3500",
    "2800",
    "8500",
    "9300",
    "2300",
    "8400",
    "9100",
    "3600",
    "2500",
    "1800",
    "9200",
    "8800",
    "2400",
    "3300",
    "1500",
)


def _pick(rng: random.Random, weighted: dict):
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


@dataclass
class Generated:
    vacancies: int
    participants: int


def _insert(db: Session, model, rows: list[dict]) -> None:
    for start in range(0, len(rows), 5000):
        db.execute(insert(model), rows[start : start + 5000])


class _RowBuffer:
    """Generated rows of a few tables, written every `size` objects (parents first), so the
    generator never holds a whole table in memory: the benchmark measures peak memory."""

    def __init__(self, db: Session, *models, size: int = 2000):
        self.db, self.size, self.done = db, size, 0
        self.rows: dict = {model: [] for model in models}

    def add(self, model, row: dict) -> None:
        self.rows[model].append(row)

    def object_done(self) -> None:
        self.done += 1
        if self.done % self.size == 0:
            self.flush()

    def flush(self) -> None:
        for model, rows in self.rows.items():
            if rows:
                self.db.execute(insert(model), rows)
                rows.clear()


def generate(db: Session, n: int, seed: int = 1) -> Generated:
    """Believable Flemish distributions: cities weigh more, most jobs ask A2-B1 Dutch and day
    shifts, most people have no truck licence, a minority holds a forklift certificate."""
    from portal import vocabulary
    from portal.models import (
        Consent,
        Endorsement,
        MentoringCommitment,
        Organisation,
        Participant,
        ParticipantCertificate,
        ParticipantOccupation,
        ParticipantSkill,
        ParticipantSupportNeed,
        User,
        Vacancy,
        VacancyCertificate,
        VacancySkill,
        utcnow,
    )
    from portal.services import postcodes

    rng = random.Random(seed)
    today, now = date.today(), utcnow()
    all_pc = postcodes.all_postcodes()
    pc_weights = [25 if pc in CITIES else 1 for pc in all_pc]
    occupations = list(vocabulary.occupations())
    occ_weights = [1 / (rank + 1) ** 0.6 for rank in range(len(occupations))]
    skill_codes = [s.code for s in vocabulary.skills()]

    n_orgs, n_mentors = max(n // 20, 2), max(n // 50, 2)
    _insert(
        db,
        Organisation,
        [
            {
                "id": i,
                "name": f"Org {i}",
                "kind": "employer" if i <= n_orgs else "wise",
                "status": "active",
                "created_at": now,
            }
            for i in range(1, n_orgs + 3)
        ],
    )
    _insert(
        db,
        User,
        [
            {
                "id": i,
                "email": f"mentor{i}@bench.invalid",
                "password_hash": "!",
                "role": "mentor",
                "status": "active",
                "display_name": f"Mentor {i}",
                "organisation_id": n_orgs + 1,
                "session_token": f"t{i}",
                "created_at": now,
            }
            for i in range(1, n_mentors + 1)
        ],
    )

    def occupation():
        return rng.choices(occupations, weights=occ_weights)[0]

    def postcode():
        return rng.choices(all_pc, weights=pc_weights)[0]

    rows = _RowBuffer(db, Vacancy, VacancySkill, VacancyCertificate, MentoringCommitment)
    for i in range(1, n + 1):
        occ = occupation()
        start = today + timedelta(days=rng.randint(0, 90))
        dutch = _pick(rng, {1: 10, 2: 40, 3: 40, 4: 10})
        shifts = {"day"} if rng.random() < 0.8 else {_pick(rng, {"evening": 3, "night": 1})}
        if rng.random() < 0.1:
            shifts.add("weekend")
        status = _pick(rng, {"published": 90, "draft": 5, "closed": 5})
        org = rng.randint(1, n_orgs)
        rows.add(
            Vacancy,
            {
                "id": i,
                "organisation_id": org,
                "status": status,
                "title": f"{vocabulary.label(occ, 'nl')} ({i})",
                "occupation_code": occ.code,
                "tasks": f"Je werkt als {vocabulary.label(occ, 'nl').lower()} in ons team.",
                "dutch_level": dutch,
                "dutch_level_code": "A0A1A2B1B2C1"[dutch * 2 : dutch * 2 + 2],
                "language_coaching": rng.random() < 0.3,
                "postcode": postcode(),
                "town": "",
                "hours_per_week": _pick(rng, {19: 2, 24: 2, 30: 2, 38: 5}),
                **{f"shift_{s}": s in shifts for s in ("day", "evening", "night", "weekend")},
                "contract_type": "open-ended",
                "positions": 1,
                "start_date": start,
                "closing_date": start + timedelta(days=rng.randint(0, 30)),
                "licence_category": _pick(rng, {"": 80, "B": 12, "C": 5, "CE": 3}),
                "created_at": now,
                "updated_at": now,
            },
        )
        typical = list(occ.skills) or skill_codes[:5]
        chosen = rng.sample(typical, min(len(typical), rng.randint(2, 4)))
        for k, code in enumerate(chosen):
            rows.add(
                VacancySkill,
                {"vacancy_id": i, "code": code, "must_have": k < 2, "free_text": False},
            )
        for code, share in (("forklift", 0.2), ("vca-basic", 0.15), ("food-hygiene", 0.05)):
            if rng.random() < share:
                rows.add(
                    VacancyCertificate,
                    {"vacancy_id": i, "code": code, "employer_trains": rng.random() < 0.5},
                )
        rows.add(
            MentoringCommitment,
            {
                "organisation_id": org,
                "vacancy_id": i,
                "buddy_role": "ploegleider",
                "buddy_hours_per_week": rng.randint(1, 6),
                "months": 6,
                "onboarding_plan": "Week 1: rondleiding." if rng.random() < 0.8 else "",
                "language_coach": rng.random() < 0.3,
                "visual_instructions": rng.random() < 0.4,
                "colleague_languages": _pick(rng, {"": 6, "Arabisch": 2, "Frans, Engels": 2}),
                "trial_weeks": _pick(rng, {0: 1, 2: 1, 4: 1}),
                "aftercare_rhythm": "monthly",
                "updated_at": now,
            },
        )
        rows.object_done()
    rows.flush()

    rows = _RowBuffer(
        db,
        Participant,
        ParticipantSkill,
        ParticipantOccupation,
        ParticipantCertificate,
        ParticipantSupportNeed,
        Endorsement,
        Consent,
    )
    needs = (
        "buddy",
        "language_coach",
        "visual_instructions",
        "same_language_colleague",
        "trial_period",
        "onboarding_plan",
        "aftercare",
    )
    for i in range(1, n + 1):
        dutch = _pick(rng, {1: 15, 2: 35, 3: 35, 4: 12, 5: 3})
        rtw = _pick(rng, {"unlimited": 85, "limited": 10, "pending": 3, "none": 2})
        shifts = {"day"} if rng.random() < 0.95 else set()
        for shift, share in (("evening", 0.5), ("night", 0.2), ("weekend", 0.4)):
            if rng.random() < share:
                shifts.add(shift)
        licence = _pick(rng, {"": 53, "B": 40, "C": 5, "CE": 2})
        rows.add(
            Participant,
            {
                "id": i,
                "mentor_id": rng.randint(1, n_mentors),
                "organisation_id": n_orgs + 1,
                "active": rng.random() < 0.95,
                "created_at": now,
                "updated_at": now,
                "first_name": f"P{i}",
                "last_name": "",
                "phone": "",
                "email": "",
                "preferred_languages": _pick(rng, {"nl": 3, "ar": 2, "fr": 1, "ti": 1}),
                "spoken_languages": _pick(rng, {"nl": 2, "ar nl": 2, "fr en": 1, "ti ar": 1}),
                "placement_job": "",
                "placement_kind": "art60",
                "dutch_level": "A0A1A2B1B2C1"[dutch * 2 : dutch * 2 + 2],
                "dutch_level_rank": dutch,
                "home_postcode": postcode(),
                "max_travel_km": _pick(rng, {5: 1, 10: 3, 15: 3, 20: 3, 30: 2, 50: 1}),
                "transport": "public",
                "licences": licence,
                "hours_per_week": _pick(rng, {20: 2, 30: 3, 38: 5}),
                **{f"shift_{s}": s in shifts for s in ("day", "evening", "night", "weekend")},
                "available_from": today + timedelta(days=rng.randint(-30, 60)),
                "right_to_work": rtw,
                "right_to_work_until": today + timedelta(days=rng.randint(20, 400))
                if rtw == "limited"
                else None,
            },
        )
        interests = {occupation().code for _ in range(rng.randint(1, 3))}
        for code in sorted(interests):
            rows.add(ParticipantOccupation, {"participant_id": i, "occupation": code})
        typical = sorted({s for code in interests for s in vocabulary.occupation(code).skills})
        pool = typical + rng.sample(skill_codes, 2)
        for code in sorted(set(rng.sample(pool, min(len(pool), rng.randint(2, 6))))):
            rows.add(
                ParticipantSkill,
                {
                    "participant_id": i,
                    "skill": code,
                    "level": rng.randint(1, 3),
                    "evidence": "gezien op de werkvloer",
                },
            )
        for code, share in (("forklift", 0.15), ("vca-basic", 0.2), ("food-hygiene", 0.05)):
            if rng.random() < share:
                expires = (
                    None if rng.random() < 0.6 else today + timedelta(days=rng.randint(10, 300))
                )
                rows.add(
                    ParticipantCertificate,
                    {"participant_id": i, "certificate": code, "expires_on": expires},
                )
        for need in rng.sample(needs, rng.randint(0, 3)):
            rows.add(ParticipantSupportNeed, {"participant_id": i, "need": need})
        if rng.random() < 0.85:
            rows.add(
                Endorsement,
                {
                    "participant_id": i,
                    "mentor_id": 1,
                    "evidence": "Klaar voor een vaste job.",
                    "strengths": "",
                    "given_at": now,
                    "valid_until": today + timedelta(days=rng.randint(5, 180)),
                    "revoked_at": now if rng.random() < 0.05 else None,
                },
            )
        if rng.random() < 0.9:
            rows.add(
                Consent,
                {
                    "participant_id": i,
                    "scope": "matching",
                    "version": 1,
                    "text_version": "2026-1",
                    "given_at": now,
                    "with_mentor": True,
                },
            )
        rows.object_done()
    rows.flush()
    db.commit()
    count = db.exec(select(User.id)).first()
    assert count is not None
    return Generated(n, n)
