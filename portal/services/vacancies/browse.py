"""Reading vacancies: an organisation's list, the filtered search of published ones, and the
detail view in the reader's language."""

from dataclasses import dataclass

from sqlalchemy import Row, bindparam
from sqlmodel import Session, col, func, select

from ... import clock
from ...models import (
    MentoringCommitment,
    Organisation,
    Vacancy,
    VacancyCertificate,
    VacancySkill,
    VacancyStatus,
)
from .. import catalogues, postcodes
from .. import vocabulary as vocab
from .content import commitment_of
from .lifecycle import expire_due, is_open


def organisation_vacancies(db: Session, organisation_id: int) -> list[Vacancy]:
    expire_due(db)
    return list(
        db.exec(
            select(Vacancy)
            .where(Vacancy.organisation_id == organisation_id)
            .order_by(col(Vacancy.created_at).desc(), col(Vacancy.id).desc())
        ).all()
    )


@dataclass
class Filters:
    occupation: str = ""
    postcode: str = ""
    radius_km: int | None = None
    hours_min: int | None = None
    hours_max: int | None = None
    dutch_level: str = ""  # vacancies that ask at most this level
    shift: str = ""
    sort: str = "closing"  # closing | newest | hours | distance
    organisation_id: int | None = None


@dataclass
class SearchPage:
    rows: list[tuple[Row, float | None]]  # summary row (see summaries), km or None
    total: int
    page: int
    page_size: int

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total


SORTS = {
    "closing": (col(Vacancy.closing_date), col(Vacancy.id)),
    "newest": (col(Vacancy.published_at).desc(), col(Vacancy.id).desc()),
    "hours": (col(Vacancy.hours_per_week).desc(), col(Vacancy.id)),
}


def _km_or_far(origin: str, postcode: str) -> float:
    km = postcodes.distance_km(origin, postcode)
    return float("inf") if km is None else km


# What a list row or an opening card shows of a vacancy, its employer and its commitment, as
# plain rows by id: twenty ORM objects with their identity-map state cost a seventh of the
# vacancy list. Built once, as building it cost more than running it.
_VACANCY_SHOWN = (
    "id title occupation_code postcode town hours_per_week dutch_level_code language_coaching "
    "licence_category start_date closing_date shift_day shift_evening shift_night shift_weekend"
)
_COMMITMENT_SHOWN = (
    "buddy_role buddy_hours_per_week months language_coach visual_instructions trial_weeks "
    "aftercare_rhythm"
)
_SUMMARY = (
    select(
        *(getattr(Vacancy, name) for name in _VACANCY_SHOWN.split()),
        col(Organisation.name).label("employer"),
        col(MentoringCommitment.id).label("commitment_id"),
        *(getattr(MentoringCommitment, name) for name in _COMMITMENT_SHOWN.split()),
    )
    .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
    .outerjoin(MentoringCommitment, col(MentoringCommitment.vacancy_id) == Vacancy.id)
    .where(col(Vacancy.id).in_(bindparam("ids", expanding=True)))
)


def summaries(db: Session, ids: list[int]) -> dict[int, Row]:
    """vacancy id -> its summary row (vacancy columns, `employer`, the commitment's columns),
    in one query; see commitment_in."""
    return {row.id: row for row in db.exec(_SUMMARY, params={"ids": ids})}


def commitment_in(summary: Row) -> Row | None:
    """The commitment part of a summary row, None when the vacancy has none."""
    return summary if summary.commitment_id is not None else None


def search(db: Session, filters: Filters, page: int = 1, page_size: int = 20) -> SearchPage:
    """Published, unexpired vacancies matching the filters, one page of them. Distance is
    straight-line km between postcode centroids."""
    expire_due(db)
    query = select(Vacancy.id, Vacancy.postcode).where(
        Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.closing_date >= clock.today()
    )
    if filters.organisation_id is not None:
        query = query.where(Vacancy.organisation_id == filters.organisation_id)
    if filters.occupation:
        query = query.where(Vacancy.occupation_code == filters.occupation)
    origin = postcodes.normalise(filters.postcode) if filters.postcode else None
    if origin and filters.radius_km is not None:
        query = query.where(col(Vacancy.postcode).in_(postcodes.nearby(origin, filters.radius_km)))
    if filters.hours_min is not None:
        query = query.where(Vacancy.hours_per_week >= filters.hours_min)
    if filters.hours_max is not None:
        query = query.where(Vacancy.hours_per_week <= filters.hours_max)
    level = catalogues.dutch_level(filters.dutch_level)
    if level is not None:
        query = query.where(Vacancy.dutch_level <= level.ordinal)
    if filters.shift in catalogues.codes(catalogues.SHIFTS):
        query = query.where(getattr(Vacancy, f"shift_{filters.shift}").is_(True))
    total = db.exec(select(func.count()).select_from(query.subquery())).one()
    start = (page - 1) * page_size
    if filters.sort == "distance" and origin:
        pairs = db.exec(query).all()
        pairs = sorted(pairs, key=lambda pair: (_km_or_far(origin, pair[1]), pair[0]))
        ids = [vacancy_id for vacancy_id, _postcode in pairs[start : start + page_size]]
    else:
        order = SORTS.get(filters.sort, SORTS["closing"])
        ids = list(db.exec(query.order_by(*order).offset(start).limit(page_size)).all())
        ids = [vacancy_id for vacancy_id, _postcode in ids]
    found = summaries(db, ids)
    rows = [
        (found[i], postcodes.distance_km(origin, found[i].postcode) if origin else None)
        for i in ids
    ]
    return SearchPage(
        rows=rows,
        total=total,
        page=page,
        page_size=page_size,
    )


@dataclass
class SkillLine:
    label: str
    must_have: bool
    free_text: bool


@dataclass
class VacancyView:
    """Everything the shared detail partial shows, in the reader's language."""

    vacancy: Vacancy
    organisation: Organisation
    occupation: str
    skills: list[SkillLine]
    certificates: list[tuple[str, bool]]
    commitment: MentoringCommitment | None
    dutch_level: catalogues.DutchLevel
    open: bool


def view(db: Session, vacancy: Vacancy, locale) -> VacancyView:
    skills = db.exec(
        select(VacancySkill)
        .where(VacancySkill.vacancy_id == vacancy.id)
        .order_by(col(VacancySkill.must_have).desc(), col(VacancySkill.id))
    ).all()
    certs = db.exec(
        select(VacancyCertificate)
        .where(VacancyCertificate.vacancy_id == vacancy.id)
        .order_by(col(VacancyCertificate.id))
    ).all()
    return VacancyView(
        vacancy=vacancy,
        organisation=db.get(Organisation, vacancy.organisation_id),
        occupation=vocab.occupation_label(db, vacancy.occupation_code, locale),
        skills=[
            SkillLine(
                s.code if s.free_text else vocab.skill_label(db, s.code, locale),
                s.must_have,
                s.free_text,
            )
            for s in skills
        ],
        certificates=[
            (catalogues.label(catalogues.CERTIFICATES, c.code), c.employer_trains) for c in certs
        ],
        commitment=commitment_of(db, vacancy),
        dutch_level=catalogues.dutch_level(vacancy.dutch_level_code),
        open=is_open(vacancy),
    )
