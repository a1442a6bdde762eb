"""Every write to a vacancy goes through a function here (create, update, publish, close,
duplicate, expire_due), so the search index's change feed hooks in at one place
(`_changed`).

Lifecycle: draft -> published -> filled | closed; a published vacancy whose closing date
has passed becomes expired (by `portal vacancies expire` and on every read). Only published
vacancies with a closing date of today or later are searchable."""

import secrets
from datetime import date

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from ... import clock
from ...i18n import _
from ...models import (
    AccountStatus,
    MentoringCommitment,
    Organisation,
    User,
    Vacancy,
    VacancyCertificate,
    VacancySkill,
    VacancyStatus,
    utcnow,
)
from .. import catalogues, postcodes
from .. import vocabulary as vocab
from ..errors import ServiceError
from ..search_feed import record_change
from .content import EDITABLE, CommitmentData, VacancyData, check, commitment_of, typed_skills


def _changed(db: Session, vacancy: Vacancy) -> None:
    """Called after every write to a vacancy, inside its transaction (before the commit).
    The search index's change feed records its outbox row here."""
    db.flush()
    record_change(db, "vacancy", vacancy.id)


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


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
    for must, text in typed_skills(data):
        code = vocab.resolve(db, "skill", text)  # "heftruck" becomes the forklift entry
        rows.setdefault(
            code or text,
            VacancySkill(
                vacancy_id=vacancy.id, code=code or text, must_have=must, free_text=not code
            ),
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
    check(db, data)
    return _insert_once(db, user, nonce, lambda vacancy: _apply(db, vacancy, data))


def _require_editable(vacancy: Vacancy) -> None:
    if vacancy.status not in EDITABLE:
        raise ServiceError(_("A filled or closed vacancy cannot be changed any more."))


def update(db: Session, user: User, vacancy: Vacancy, data: VacancyData) -> Vacancy:
    """Change a vacancy in place (also a published one: it keeps its id, so its proposals
    stay attached)."""
    _require_editable(vacancy)
    check(db, data)
    _apply(db, vacancy, data)
    db.commit()
    return vacancy


def publish(db: Session, user: User, vacancy: Vacancy, today: date | None = None) -> Vacancy:
    today = today or clock.today()
    if vacancy.status not in {VacancyStatus.DRAFT, VacancyStatus.EXPIRED}:
        raise ServiceError(_("Only a draft or an expired vacancy can be published."))
    if db.get(Organisation, vacancy.organisation_id).status != AccountStatus.ACTIVE:
        raise ServiceError(_("Your organisation still waits for approval."))
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


# Built once: every vacancy list runs it before it reads.
_DUE = select(Vacancy).where(
    Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.closing_date < bindparam("today")
)


def expire_due(db: Session, today: date | None = None) -> list[int]:
    """Published vacancies whose closing date has passed become expired. Returns their ids."""
    due = db.exec(_DUE, params={"today": today or clock.today()}).all()
    for vacancy in due:
        vacancy.status = VacancyStatus.EXPIRED
        vacancy.ended_at = utcnow()
        db.add(vacancy)
        _changed(db, vacancy)
    if due:
        db.commit()
    return [vacancy.id for vacancy in due]


# -- reads ------------------------------------------------------------------------------------


def is_open(vacancy: Vacancy, today: date | None = None) -> bool:
    return vacancy.status == VacancyStatus.PUBLISHED and vacancy.closing_date >= (
        today or clock.today()
    )
