"""Vacancies and their mentoring commitment: every write goes through a function here
(create, update, publish, close, duplicate, expire_due), so the search index's change feed
can hook in at one place (`_changed`). Reads for the browse pages live here too.

Lifecycle: draft -> published -> filled | closed; a published vacancy whose closing date
has passed becomes expired (by `portal vacancies expire` and on every read). Only published
vacancies with a closing date of today or later are searchable."""

import secrets
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, func, select

from ..i18n import _
from ..models import (
    MentoringCommitment,
    Organisation,
    User,
    Vacancy,
    VacancyCertificate,
    VacancySkill,
    VacancyStatus,
    utcnow,
)
from . import catalogues, postcodes
from . import vocabulary as vocab
from .errors import ServiceError
from .search_feed import record_change

EDITABLE = {VacancyStatus.DRAFT, VacancyStatus.PUBLISHED, VacancyStatus.EXPIRED}
MAX_HOURS = 60
MAX_BUDDY_HOURS = 40
MAX_MONTHS = 24
MAX_TRIAL_WEEKS = 26
MAX_POSITIONS = 50
MAX_FREE_SKILL = 100


class InvalidInput(ServiceError):
    """Several fields are wrong at once; `errors` maps each field name to its message."""

    def __init__(self, errors: dict[str, str]):
        field_name, message = next(iter(errors.items()))
        super().__init__(message, field=field_name)
        self.errors = errors


def _pick(cls, mapping):
    return cls(**{f.name: mapping.get(f.name, f.default) for f in fields(cls)})


@dataclass
class CommitmentData:
    buddy_role: str = ""
    buddy_hours_per_week: int | None = None
    months: int | None = None
    onboarding_plan: str = ""
    language_coach: bool = False
    visual_instructions: bool = False
    colleague_languages: str = ""
    trial_weeks: int | None = 0
    aftercare_rhythm: str = ""

    @classmethod
    def from_mapping(cls, mapping) -> "CommitmentData":
        return _pick(cls, mapping)

    @classmethod
    def of(cls, row: MentoringCommitment | None) -> "CommitmentData":
        return cls() if row is None else _pick(cls, row.model_dump())


@dataclass
class VacancyData:
    title: str = ""
    occupation_code: str = ""
    tasks: str = ""
    must_have: list[str] = field(default_factory=list)
    nice_to_have: list[str] = field(default_factory=list)
    must_have_other: str = ""  # free additions, comma-separated
    nice_to_have_other: str = ""
    dutch_level_code: str = ""
    language_coaching: bool = False
    postcode: str = ""
    hours_per_week: int | None = None
    shifts: list[str] = field(default_factory=list)
    contract_type: str = ""
    positions: int | None = 1
    start_date: date | None = None
    closing_date: date | None = None
    licence_category: str = ""
    certificates: list[str] = field(default_factory=list)
    certificates_trained: list[str] = field(default_factory=list)
    commitment: CommitmentData = field(default_factory=CommitmentData)

    @classmethod
    def from_mapping(cls, mapping) -> "VacancyData":
        data = _pick(cls, mapping)
        data.commitment = CommitmentData.from_mapping(mapping)
        return data

    @classmethod
    def of(cls, db: Session, vacancy: Vacancy) -> "VacancyData":
        """The current values of a vacancy, to fill its edit form."""
        skills = db.exec(select(VacancySkill).where(VacancySkill.vacancy_id == vacancy.id)).all()
        certs = db.exec(
            select(VacancyCertificate).where(VacancyCertificate.vacancy_id == vacancy.id)
        ).all()

        def listed(must: bool, free: bool) -> list[str]:
            return [s.code for s in skills if s.must_have == must and s.free_text == free]

        data = _pick(cls, vacancy.model_dump())
        data.must_have, data.nice_to_have = listed(True, False), listed(False, False)
        data.must_have_other = ", ".join(listed(True, True))
        data.nice_to_have_other = ", ".join(listed(False, True))
        data.shifts = vacancy.shifts
        data.certificates = [c.code for c in certs]
        data.certificates_trained = [c.code for c in certs if c.employer_trains]
        data.commitment = CommitmentData.of(commitment_of(db, vacancy))
        return data


def free_skills(text: str) -> list[str]:
    """'heftruck, palletwagen' -> ['heftruck', 'palletwagen'], without doubles."""
    result: list[str] = []
    for part in (text or "").replace(";", ",").split(","):
        part = " ".join(part.split())
        if part and part.lower() not in {r.lower() for r in result}:
            result.append(part)
    return result


# -- rules ------------------------------------------------------------------------------------


def commitment_problems(data: CommitmentData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (data.buddy_role or "").strip():
        errors["buddy_role"] = _("Say who the workplace buddy is (a role is enough).")
    hours = data.buddy_hours_per_week
    if hours is None or not 1 <= hours <= MAX_BUDDY_HOURS:
        errors["buddy_hours_per_week"] = _(
            "A buddy needs at least 1 hour a week with the new colleague (at most %(max)d).",
            max=MAX_BUDDY_HOURS,
        )
    if data.months is None or not 1 <= data.months <= MAX_MONTHS:
        errors["months"] = _("Choose between 1 and %(max)d months.", max=MAX_MONTHS)
    if not (data.onboarding_plan or "").strip():
        errors["onboarding_plan"] = _("Describe the first days and weeks in a few lines.")
    if data.trial_weeks is None or not 0 <= data.trial_weeks <= MAX_TRIAL_WEEKS:
        errors["trial_weeks"] = _("Choose between 0 and %(max)d weeks.", max=MAX_TRIAL_WEEKS)
    if data.aftercare_rhythm not in catalogues.codes(catalogues.AFTERCARE_RHYTHMS):
        errors["aftercare_rhythm"] = _("Choose how often you meet the mentor.")
    return errors


def problems(db: Session, data: VacancyData) -> dict[str, str]:
    """Every broken rule of a vacancy, by field; empty when it may be saved."""
    errors: dict[str, str] = {}
    if not (data.title or "").strip():
        errors["title"] = _("Give the vacancy a title.")
    if not vocab.is_occupation(db, data.occupation_code):
        errors["occupation_code"] = _("Choose an occupation from the list.")
    if not (data.tasks or "").strip():
        errors["tasks"] = _("Describe the tasks in plain words.")
    if any(not vocab.is_skill(db, code) for code in [*data.must_have, *data.nice_to_have]):
        errors["must_have"] = _("Choose skills from the list, or type them in the box below.")
    if any(
        len(text) > MAX_FREE_SKILL
        for text in free_skills(data.must_have_other) + free_skills(data.nice_to_have_other)
    ):
        errors["must_have_other"] = _(
            "Keep each skill under %(max)d characters.", max=MAX_FREE_SKILL
        )
    if catalogues.dutch_level(data.dutch_level_code) is None:
        errors["dutch_level_code"] = _("Choose a Dutch level from the list.")
    if not postcodes.is_valid(data.postcode):
        errors["postcode"] = _("This is not a Belgian postcode. Type the 4 digits, e.g. 9000.")
    if data.hours_per_week is None or not 1 <= data.hours_per_week <= MAX_HOURS:
        errors["hours_per_week"] = _("Hours per week must be between 1 and %(max)d.", max=MAX_HOURS)
    if not data.shifts or set(data.shifts) - set(catalogues.codes(catalogues.SHIFTS)):
        errors["shifts"] = _("Tick at least one shift.")
    if data.contract_type not in catalogues.codes(catalogues.CONTRACT_TYPES):
        errors["contract_type"] = _("Choose a type of contract.")
    if data.positions is None or not 1 <= data.positions <= MAX_POSITIONS:
        errors["positions"] = _("Number of positions: between 1 and %(max)d.", max=MAX_POSITIONS)
    today = date.today()
    if data.start_date is None:
        errors["start_date"] = _("Give a start date.")
    elif data.start_date < today:
        errors["start_date"] = _("The start date has passed. Choose a day from today on.")
    # Applications close before (or on) the first working day, never after it.
    if data.closing_date is None:
        errors["closing_date"] = _("Give a closing date.")
    elif data.closing_date < today:
        errors["closing_date"] = _("The closing date has passed. Choose a day from today on.")
    elif data.start_date and data.closing_date > data.start_date:
        errors["closing_date"] = _("The closing date cannot be after the start date.")
    if data.licence_category not in catalogues.codes(catalogues.LICENCE_CATEGORIES):
        errors["licence_category"] = _("Choose a driving licence from the list.")
    known = set(catalogues.codes(catalogues.CERTIFICATES))
    if set(data.certificates) - known or set(data.certificates_trained) - known:
        errors["certificates"] = _("Choose certificates from the list.")
    return errors | commitment_problems(data.commitment)


def _check(db: Session, data: VacancyData) -> None:
    errors = problems(db, data)
    if errors:
        raise InvalidInput(errors)


# -- writes -----------------------------------------------------------------------------------


def _changed(db: Session, vacancy: Vacancy) -> None:
    """Called after every write to a vacancy, inside its transaction (before the commit).
    The search index's change feed records its outbox row here."""
    db.flush()
    record_change(db, "vacancy", vacancy.id)


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def commitment_of(db: Session, vacancy: Vacancy) -> MentoringCommitment | None:
    return db.exec(
        select(MentoringCommitment).where(MentoringCommitment.vacancy_id == vacancy.id)
    ).first()


def default_commitment(db: Session, organisation_id: int) -> MentoringCommitment | None:
    return db.exec(
        select(MentoringCommitment).where(
            MentoringCommitment.organisation_id == organisation_id,
            col(MentoringCommitment.vacancy_id).is_(None),
        )
    ).first()


def store_commitment(
    db: Session, row: MentoringCommitment, data: CommitmentData
) -> MentoringCommitment:
    for name, value in vars(data).items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.updated_at = utcnow()
    db.add(row)
    return row


def _apply(db: Session, vacancy: Vacancy, data: VacancyData) -> None:
    level = catalogues.dutch_level(data.dutch_level_code)
    place = postcodes.lookup(data.postcode)
    vacancy.title = data.title.strip()
    vacancy.occupation_code = data.occupation_code
    vacancy.tasks = data.tasks.strip()
    vacancy.dutch_level, vacancy.dutch_level_code = level.ordinal, level.code
    vacancy.language_coaching = bool(data.language_coaching)
    vacancy.postcode, vacancy.town = place.postcode, place.name
    vacancy.hours_per_week = data.hours_per_week
    for shift in catalogues.codes(catalogues.SHIFTS):
        setattr(vacancy, f"shift_{shift}", shift in data.shifts)
    vacancy.contract_type = data.contract_type
    vacancy.positions = data.positions
    vacancy.start_date, vacancy.closing_date = data.start_date, data.closing_date
    vacancy.licence_category = data.licence_category
    vacancy.updated_at = utcnow()
    db.add(vacancy)
    db.flush()

    db.exec(delete(VacancySkill).where(col(VacancySkill.vacancy_id) == vacancy.id))
    db.exec(delete(VacancyCertificate).where(col(VacancyCertificate.vacancy_id) == vacancy.id))
    rows: dict[str, VacancySkill] = {}
    for must, chosen, typed in (
        (True, data.must_have, data.must_have_other),
        (False, data.nice_to_have, data.nice_to_have_other),
    ):
        for code in chosen:
            rows.setdefault(code, VacancySkill(vacancy_id=vacancy.id, code=code, must_have=must))
        for text in free_skills(typed):
            rows.setdefault(
                text, VacancySkill(vacancy_id=vacancy.id, code=text, must_have=must, free_text=True)
            )
    db.add_all(rows.values())
    for code in dict.fromkeys([*data.certificates, *data.certificates_trained]):
        trains = code in data.certificates_trained
        db.add(VacancyCertificate(vacancy_id=vacancy.id, code=code, employer_trains=trains))
    row = commitment_of(db, vacancy) or MentoringCommitment(
        organisation_id=vacancy.organisation_id, vacancy_id=vacancy.id
    )
    store_commitment(db, row, data.commitment)
    _changed(db, vacancy)


def _by_nonce(db: Session, organisation_id: int, nonce: str | None) -> Vacancy | None:
    if not nonce:
        return None
    return db.exec(
        select(Vacancy).where(
            Vacancy.form_nonce == nonce, Vacancy.organisation_id == organisation_id
        )
    ).first()


def _insert_once(db: Session, user: User, nonce: str | None, fill) -> tuple[Vacancy, bool]:
    """Insert a draft once per form nonce: a second submit of the same form (double click,
    reload) finds the first vacancy instead of making a copy. Returns (vacancy, created)."""
    earlier = _by_nonce(db, user.organisation_id, nonce)
    if earlier is not None:
        return earlier, False
    vacancy = Vacancy(
        organisation_id=user.organisation_id,
        created_by_id=user.id,
        status=VacancyStatus.DRAFT,
        form_nonce=nonce or None,
    )
    try:
        fill(vacancy)
        db.commit()
    except IntegrityError:  # the same form was stored by a parallel request
        db.rollback()
        earlier = _by_nonce(db, user.organisation_id, nonce)
        if earlier is None:
            raise
        return earlier, False
    return vacancy, True


def create(
    db: Session, user: User, data: VacancyData, nonce: str | None = None
) -> tuple[Vacancy, bool]:
    """A new draft vacancy of the user's organisation."""
    _check(db, data)
    return _insert_once(db, user, nonce, lambda vacancy: _apply(db, vacancy, data))


def _require_editable(vacancy: Vacancy) -> None:
    if vacancy.status not in EDITABLE:
        raise ServiceError(_("A filled or closed vacancy cannot be changed any more."))


def update(db: Session, user: User, vacancy: Vacancy, data: VacancyData) -> Vacancy:
    """Change a vacancy in place (also a published one: it keeps its id, so its proposals
    stay attached)."""
    _require_editable(vacancy)
    _check(db, data)
    _apply(db, vacancy, data)
    db.commit()
    return vacancy


def publish(db: Session, user: User, vacancy: Vacancy, today: date | None = None) -> Vacancy:
    today = today or date.today()
    if vacancy.status not in {VacancyStatus.DRAFT, VacancyStatus.EXPIRED}:
        raise ServiceError(_("Only a draft or an expired vacancy can be published."))
    if commitment_of(db, vacancy) is None:
        raise ServiceError(_("Add a mentoring commitment before you publish."))
    if vacancy.closing_date < today:
        raise ServiceError(_("The closing date has passed. Change it first."), field="closing_date")
    vacancy.status = VacancyStatus.PUBLISHED
    vacancy.published_at = utcnow()
    vacancy.ended_at = None
    db.add(vacancy)
    _changed(db, vacancy)
    db.commit()
    return vacancy


def close(db: Session, user: User, vacancy: Vacancy, filled: bool) -> Vacancy:
    """End a vacancy: filled (someone was hired) or closed (for another reason)."""
    if vacancy.status in {VacancyStatus.FILLED, VacancyStatus.CLOSED}:
        raise ServiceError(_("This vacancy is already closed."))
    vacancy.status = VacancyStatus.FILLED if filled else VacancyStatus.CLOSED
    vacancy.ended_at = utcnow()
    db.add(vacancy)
    _changed(db, vacancy)
    db.commit()
    return vacancy


def duplicate(db: Session, user: User, vacancy: Vacancy, nonce: str | None = None) -> Vacancy:
    """A new draft with the same content (also the commitment), to post a similar opening."""
    data = VacancyData.of(db, vacancy)
    copy, _created = _insert_once(db, user, nonce, lambda new: _apply(db, new, data))
    return copy


def expire_due(db: Session, today: date | None = None) -> list[int]:
    """Published vacancies whose closing date has passed become expired. Returns their ids."""
    today = today or date.today()
    due = db.exec(
        select(Vacancy).where(
            Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.closing_date < today
        )
    ).all()
    for vacancy in due:
        vacancy.status = VacancyStatus.EXPIRED
        vacancy.ended_at = utcnow()
        db.add(vacancy)
        _changed(db, vacancy)
    if due:
        db.commit()
    return [vacancy.id for vacancy in due]


# -- reads ------------------------------------------------------------------------------------


def commitments_for(db: Session, vacancy_ids) -> dict[int, MentoringCommitment]:
    """The commitment of each vacancy, for lists that show it next to the vacancy."""
    rows = db.exec(
        select(MentoringCommitment).where(col(MentoringCommitment.vacancy_id).in_(vacancy_ids))
    ).all()
    return {row.vacancy_id: row for row in rows}


def organisation_vacancies(db: Session, organisation_id: int) -> list[Vacancy]:
    expire_due(db)
    return list(
        db.exec(
            select(Vacancy)
            .where(Vacancy.organisation_id == organisation_id)
            .order_by(col(Vacancy.created_at).desc(), col(Vacancy.id).desc())
        ).all()
    )


def is_open(vacancy: Vacancy, today: date | None = None) -> bool:
    return vacancy.status == VacancyStatus.PUBLISHED and vacancy.closing_date >= (
        today or date.today()
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
    rows: list[tuple[Vacancy, Organisation, float | None]]
    commitments: dict[int, MentoringCommitment]
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


def search(db: Session, filters: Filters, page: int = 1, page_size: int = 20) -> SearchPage:
    """Published, unexpired vacancies matching the filters, one page of them. Distance is
    straight-line km between postcode centroids."""
    expire_due(db)
    query = select(Vacancy.id, Vacancy.postcode).where(
        Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.closing_date >= date.today()
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
    found = {
        vacancy.id: (vacancy, organisation)
        for vacancy, organisation in db.exec(
            select(Vacancy, Organisation)
            .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
            .where(col(Vacancy.id).in_(ids))
        ).all()
    }
    rows = [
        (*found[i], postcodes.distance_km(origin, found[i][0].postcode) if origin else None)
        for i in ids
    ]
    return SearchPage(
        rows=rows,
        commitments=commitments_for(db, ids),
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
