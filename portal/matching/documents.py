"""The index documents of vacancies and participants, built from the database: the facts
matching needs (portal.matching.rules) plus compact filter terms. The same builders feed
the index, `evaluate_pair` and the brute-force scorer, so all see the same facts.

Only matchable objects are indexed: published vacancies whose closing date has not passed;
active, complete, endorsed, consenting participants with a right to work today. Time-bound
facts (closing date, endorsement expiry, right-to-work end) are also filter terms, so a
document that expires between two syncs is still filtered out at query time."""

import json
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache

from sqlmodel import Session, col, func, select

from search_index import register_provider

from .. import clock, vocabulary
from ..models import (
    MentoringCommitment,
    Participant,
    ParticipantCertificate,
    ParticipantOccupation,
    ParticipantSkill,
    ParticipantSupportNeed,
    Vacancy,
    VacancyCertificate,
    VacancySkill,
    VacancyStatus,
)
from ..services import caseload
from ..services import participant_catalogues as pcat
from ..services import vocabulary as vocab
from ..services.participants import profiles, records
from .index_query import (
    FIELDS_PARTICIPANT,
    FIELDS_VACANCY,
    decoder,
    participant_terms,
    vacancy_terms,
)
from .rules import (
    MAX_DAY,
    ParticipantFacts,
    VacancyFacts,
    cert_code,
    compact,
    day,
    licences_with_implied,
    to_row,
)

CHUNK = 1000
TEXT_LANGUAGES = vocabulary.LOCALES  # every UI language's labels go into the free-text field
VERSION = 4  # 2: buddy strength, in a job, must-have terms; 3: linked ESCO codes, all labels;
# 4: labels in all ten languages


def _today() -> date:
    return clock.today()


def _grouped(db: Session, model, key: str, ids: Sequence[int], *names) -> dict[int, list]:
    """key -> [(values of `names`), ...] of a child table, in id order (plain tuples: much
    faster than ORM objects for a rebuild)."""
    found: dict[int, list] = {}
    column = getattr(model, key)
    query = select(column, *(getattr(model, name) for name in names))
    for row in db.exec(query.where(column.in_(list(ids))).order_by(col(model.id))):
        found.setdefault(row[0], []).append(tuple(row[1:]))
    return found


@cache
def _language_names() -> dict[str, str]:
    """Lower-case language names in nl/fr/en (and the codes) -> language code."""
    from babel import Locale

    names = {}
    for code in pcat.LANGUAGES:
        names[code] = code
        for locale in ("nl", "fr", "en"):
            name = Locale(locale).languages.get(code)
            if name:
                names[name.lower()] = code
    return names


def colleague_languages(text: str) -> tuple[str, ...]:
    names = _language_names()
    words = "".join(ch.lower() if ch.isalpha() else " " for ch in text or "").split()
    return tuple(sorted({names[word] for word in words if word in names}))


def support_offered(vacancy: Vacancy, commitment: MentoringCommitment | None) -> tuple:
    if commitment is None:
        return ("language_coach",) if vacancy.language_coaching else ()
    offered = {
        "buddy": bool(commitment.buddy_role) and commitment.buddy_hours_per_week > 0,
        "language_coach": commitment.language_coach or vacancy.language_coaching,
        "visual_instructions": commitment.visual_instructions,
        "trial_period": commitment.trial_weeks > 0,
        "onboarding_plan": bool((commitment.onboarding_plan or "").strip()),
        "aftercare": bool(commitment.aftercare_rhythm),
    }
    return tuple(code for code, yes in offered.items() if yes)


# -- vacancies -------------------------------------------------------------------------------


def vacancy_facts(db: Session, vacancies: Sequence[Vacancy]) -> list[tuple[VacancyFacts, str]]:
    """(facts, searchable text) of each vacancy."""
    ids = [v.id for v in vacancies]
    skills = _grouped(db, VacancySkill, "vacancy_id", ids, "code", "must_have", "free_text")
    certs = _grouped(db, VacancyCertificate, "vacancy_id", ids, "code", "employer_trains")
    commitments = {c.vacancy_id: c for c in _grouped_flat(db, MentoringCommitment, ids)}
    known = {kind: vocab.catalogue(db, kind) for kind in vocab.KINDS}
    skill_links, occ_links = known["skill"].links, known["occupation"].links
    result = []
    for v in vacancies:
        rows = [
            (skill_links.get(code, code) if not free else code, must, free)
            for code, must, free in skills.get(v.id, [])
        ]
        occ = occ_links.get(v.occupation_code, v.occupation_code)
        occupation = vocabulary.occupation(occ)
        commitment = commitments.get(v.id)
        facts = VacancyFacts(
            id=v.id,
            org=v.organisation_id,
            title=v.title,
            occ=occ,
            group=occupation.group if occupation else "",
            dutch=v.dutch_level,
            coaching=bool(v.language_coaching),
            licence=v.licence_category or "",
            shifts=tuple(v.shifts),
            hours=v.hours_per_week,
            start=day(v.start_date),
            close=day(v.closing_date) if v.status == VacancyStatus.PUBLISHED else -1,
            postcode=v.postcode,
            must=tuple(code for code, must, free in rows if must and not free),
            nice=tuple(code for code, must, free in rows if not must and not free),
            certs=tuple((cert_code(code), trains) for code, trains in certs.get(v.id, [])),
            support=support_offered(v, commitment),
            colleague_langs=colleague_languages(commitment.colleague_languages)
            if commitment
            else (),
            other=tuple(code for code, _must, free in rows if free),
            buddy_hours=commitment.buddy_hours_per_week if commitment else 0,
            months=commitment.months if commitment else 0,
        )
        result.append((facts, _vacancy_text(known, v, rows)))
    return result


def _grouped_flat(db: Session, model, ids):
    return db.exec(select(model).where(col(model.vacancy_id).in_(list(ids)))).all()


def _vacancy_text(known: dict, v: Vacancy, skills) -> str:
    """Title, tasks and the labels of occupation and skills in every UI language (built-in
    or ESCO), so a reader finds the vacancy in their own language; typed text as typed."""
    entries = [known["occupation"].find(v.occupation_code)]
    entries += [None if free else known["skill"].find(code) for code, _must, free in skills]
    parts = [v.title, v.tasks, *(code for code, _must, free in skills if free)]
    for entry in filter(None, entries):
        parts += [entry.labels.get(lang, "") for lang in TEXT_LANGUAGES]
    return "\n".join(parts)


def _vacancy_document(facts: VacancyFacts, text: str) -> dict:
    return {"id": facts.id, "facts": json.dumps(to_row(facts)), **vacancy_terms(facts, text)}


def _open_vacancies():
    return select(Vacancy).where(
        Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.closing_date >= _today()
    )


def load_vacancies(db: Session, ids: Sequence[int]) -> list[dict]:
    rows = db.exec(_open_vacancies().where(col(Vacancy.id).in_(list(ids)))).all()
    return [_vacancy_document(f, t) for f, t in vacancy_facts(db, rows)]


def _chunks(db: Session, query, id_column) -> Iterator[list]:
    last = 0
    while True:
        rows = db.exec(query.where(id_column > last).order_by(id_column).limit(CHUNK)).all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1].id


def iter_vacancy_facts(db: Session) -> Iterator[tuple[VacancyFacts, str]]:
    for rows in _chunks(db, _open_vacancies(), col(Vacancy.id)):
        yield from vacancy_facts(db, rows)


def iter_vacancies(db: Session) -> Iterator[dict]:
    for facts, text in iter_vacancy_facts(db):
        yield _vacancy_document(facts, text)


def count_vacancies(db: Session) -> int:
    return db.exec(select(func.count()).select_from(_open_vacancies().subquery())).one()


# -- participants ----------------------------------------------------------------------------


def participant_facts(db: Session, participants: Sequence[Participant]) -> list[ParticipantFacts]:
    """Facts of each participant; one who may not be matched gets endorsed_until -1 (and a
    missing right to work rtw_until -1), so every rule refuses them."""
    ids = [p.id for p in participants]
    cases = {f.participant.id: f for f in caseload.case_facts(db, list(participants))}
    skill_links = vocab.catalogue(db, "skill").links
    occ_links = vocab.catalogue(db, "occupation").links
    skills = _grouped(db, ParticipantSkill, "participant_id", ids, "skill", "level")
    occupations = _grouped(db, ParticipantOccupation, "participant_id", ids, "occupation")
    certificates = _grouped(
        db, ParticipantCertificate, "participant_id", ids, "certificate", "expires_on"
    )
    needs = _grouped(db, ParticipantSupportNeed, "participant_id", ids, "need")
    result = []
    for p in participants:
        case = cases[p.id]
        ready = p.active and not case.missing and case.endorsed and case.consent is not None
        if p.right_to_work == "unlimited":
            rtw = MAX_DAY
        elif p.right_to_work == "limited" and p.right_to_work_until is not None:
            rtw = day(p.right_to_work_until)
        else:
            rtw = -1
        split = records.split_codes
        result.append(
            ParticipantFacts(
                id=p.id,
                mentor=p.mentor_id,
                occs=tuple(occ_links.get(r[0], r[0]) for r in occupations.get(p.id, [])),
                dutch=p.dutch_level_rank if p.dutch_level_rank is not None else -1,
                licences=licences_with_implied(split(p.licences)),
                certs=tuple(
                    (cert_code(code), day(expires)) for code, expires in certificates.get(p.id, [])
                ),
                shifts=tuple(profiles.shifts_of(p)),
                hours=p.hours_per_week or 0,
                available=day(p.available_from),
                rtw_until=rtw,
                postcode=p.home_postcode or "",
                max_km=p.max_travel_km or 0,
                needs=tuple(r[0] for r in needs.get(p.id, [])),
                langs=tuple(
                    dict.fromkeys(split(p.spoken_languages) + split(p.preferred_languages))
                ),
                endorsed_until=day(case.endorsement.valid_until) if ready else -1,
                skills=tuple(
                    (skill_links.get(code, code), level) for code, level in skills.get(p.id, [])
                ),
                in_job=case.in_job,
            )
        )
    return result


def indexable(facts: ParticipantFacts, today: int) -> bool:
    return facts.endorsed_until >= today and facts.rtw_until >= today


def _participant_document(facts: ParticipantFacts) -> dict:
    return {"id": facts.id, "facts": json.dumps(to_row(facts)), **participant_terms(facts)}


def _active_participants():
    return select(Participant).where(col(Participant.active).is_(True))


def load_participants(db: Session, ids: Sequence[int]) -> list[dict]:
    rows = db.exec(_active_participants().where(col(Participant.id).in_(list(ids)))).all()
    today = day(_today())
    return [_participant_document(f) for f in participant_facts(db, rows) if indexable(f, today)]


def iter_participant_facts(db: Session, only_indexable=True) -> Iterator[ParticipantFacts]:
    today = day(_today())
    for rows in _chunks(db, _active_participants(), col(Participant.id)):
        for facts in participant_facts(db, rows):
            if not only_indexable or indexable(facts, today):
                yield facts


def iter_participants(db: Session) -> Iterator[dict]:
    for facts in iter_participant_facts(db):
        yield _participant_document(facts)


def count_participants(db: Session) -> int:
    """Active participants: at most this many are indexed (enough for a progress bar)."""
    return db.exec(select(func.count()).select_from(_active_participants().subquery())).one()


# -- registration and change hooks -----------------------------------------------------------


def register() -> None:
    """Called by create_app: the two kinds the portal indexes."""
    register_provider(
        "vacancy",
        load_vacancies,
        iter_vacancies,
        fields=FIELDS_VACANCY,
        version=VERSION,
        count_all=count_vacancies,
        decode=decoder("vacancy"),
    )
    register_provider(
        "participant",
        load_participants,
        iter_participants,
        fields=FIELDS_PARTICIPANT,
        version=VERSION,
        count_all=count_participants,
        decode=decoder("participant"),
    )


def one_vacancy(db: Session, vacancy_id: int) -> VacancyFacts | None:
    vacancy = db.get(Vacancy, vacancy_id)
    return None if vacancy is None else vacancy_facts(db, [vacancy])[0][0]


def one_participant(db: Session, participant_id: int) -> ParticipantFacts | None:
    participant = db.get(Participant, participant_id)
    return None if participant is None else participant_facts(db, [participant])[0]


def all_facts(db: Session) -> tuple[list[VacancyFacts], list[ParticipantFacts]]:
    """Every matchable vacancy and participant, straight from the database (brute force)."""
    vacancies = [compact(facts) for facts, _text in iter_vacancy_facts(db)]
    return vacancies, [compact(facts) for facts in iter_participant_facts(db)]
