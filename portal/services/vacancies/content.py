"""A vacancy and its mentoring commitment as the forms fill them, and every rule they must
meet before they may be saved."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from ... import clock
from ...i18n import _
from ...models import MentoringCommitment, Vacancy, VacancyCertificate, VacancySkill, VacancyStatus
from .. import catalogues, postcodes
from .. import vocabulary as vocab
from ..errors import ServiceError
from ..form_data import pick

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
        return pick(cls, mapping)

    @classmethod
    def of(cls, row: MentoringCommitment | None) -> "CommitmentData":
        return cls() if row is None else pick(cls, row.model_dump())


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
        data = pick(cls, mapping)
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

        data = pick(cls, vacancy.model_dump())
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


def typed_skills(data: VacancyData) -> list[tuple[bool, str]]:
    """(must-have?, code or typed name) of every skill the vacancy asks: the form's one
    type-ahead list per kind, plus the comma-separated additions of the data API."""
    return [
        (must, item)
        for must, chosen, typed in (
            (True, data.must_have, data.must_have_other),
            (False, data.nice_to_have, data.nice_to_have_other),
        )
        for item in [*chosen, *free_skills(typed)]
    ]


def skills_for_form(data: VacancyData) -> dict[str, list[str]]:
    """The form shows each kind in one type-ahead box: listed skills and typed ones together."""
    return {
        "must_have": [item for must, item in typed_skills(data) if must],
        "nice_to_have": [item for must, item in typed_skills(data) if not must],
    }


def unmatched(db: Session, data: VacancyData) -> list[str]:
    """Typed skills that name no vocabulary entry: kept as other requirements, but matching
    cannot check them, so the employer is told when saving."""
    return [text for _must, text in typed_skills(data) if vocab.resolve(db, "skill", text) is None]


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
    if any(len(text) > MAX_FREE_SKILL for _must, text in typed_skills(data)):
        errors["must_have"] = _("Keep each skill under %(max)d characters.", max=MAX_FREE_SKILL)
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
    today = clock.today()
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


def check(db: Session, data: VacancyData) -> None:
    errors = problems(db, data)
    if errors:
        raise InvalidInput(errors)


# -- writes -----------------------------------------------------------------------------------


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


# Built once: a list page asks on every visit.
_COMMITMENTS = select(MentoringCommitment).where(
    col(MentoringCommitment.vacancy_id).in_(bindparam("ids", expanding=True))
)


def commitments_for(db: Session, vacancy_ids) -> dict[int, MentoringCommitment]:
    """The commitment of each vacancy, for lists that show it next to the vacancy."""
    rows = db.exec(_COMMITMENTS, params={"ids": list(vacancy_ids)})
    return {row.vacancy_id: row for row in rows}
