"""The participant's profile, one section at a time, with the observed skills and
certificates; what is still missing before matching; reactivation after a job ended."""

from collections.abc import Callable
from datetime import date, timedelta

from sqlmodel import Session, col, delete, select

from ... import clock, vocabulary
from ...i18n import _
from ...models import (
    Participant,
    ParticipantCertificate,
    ParticipantOccupation,
    ParticipantSkill,
    ParticipantSupportNeed,
    User,
)
from .. import audit, postcodes
from .. import participant_catalogues as cat
from .. import vocabulary as vocab
from ..errors import NotFoundError, ServiceError
from .records import join_codes, rows_of, split_codes, touched

MAX_TRAVEL_KM = 200


def create_participant(db: Session, mentor: User, values: dict) -> Participant:
    participant = Participant(mentor_id=mentor.id, organisation_id=mentor.organisation_id)
    _set_person(participant, values)
    db.add(participant)
    db.flush()
    audit.record(db, mentor.id, "participant.created", "participant", participant.id)
    touched(db, participant)
    db.commit()
    return participant


def _set_person(p: Participant, v: dict) -> None:
    name = (v.get("first_name") or "").strip()
    if not name:
        raise ServiceError(_("Fill in the first name."), field="first_name")
    birth = v.get("date_of_birth")
    if birth and not (date(1930, 1, 1) <= birth <= clock.today() - timedelta(days=15 * 365)):
        raise ServiceError(_("This date of birth is not possible."), field="date_of_birth")
    p.first_name = name
    p.last_name = (v.get("last_name") or "").strip()
    p.date_of_birth = birth
    p.phone = (v.get("phone") or "").strip()
    p.email = (v.get("email") or "").strip().lower()
    p.preferred_languages = join_codes(
        v.get("preferred_languages"), cat.LANGUAGES, "preferred_languages"
    )
    p.spoken_languages = join_codes(v.get("spoken_languages"), cat.LANGUAGES, "spoken_languages")


def _set_placement(p: Participant, v: dict) -> None:
    start, end = v.get("placement_start"), v.get("placement_end")
    if start and end and end < start:
        raise ServiceError(_("The placement cannot end before it starts."), field="placement_end")
    kind = v.get("placement_kind") or ""
    if kind and kind not in cat.PLACEMENT_KINDS:
        raise ServiceError(_("Choose from the list."), field="placement_kind")
    p.placement_kind = kind
    p.placement_job = (v.get("placement_job") or "").strip()
    p.placement_start, p.placement_end = start, end


def _set_dutch(p: Participant, v: dict) -> None:
    level = v.get("dutch_level") or None
    if level is not None and level not in cat.DUTCH_LEVEL_RANK:
        raise ServiceError(_("Choose from the list."), field="dutch_level")
    assessed = v.get("dutch_assessed_on")
    if assessed and assessed > clock.today():
        raise ServiceError(_("This date is in the future."), field="dutch_assessed_on")
    p.dutch_level = level
    p.dutch_level_rank = cat.DUTCH_LEVEL_RANK.get(level) if level else None
    p.dutch_assessed_on = assessed


def _set_mobility(p: Participant, v: dict) -> None:
    raw = (v.get("home_postcode") or "").strip()
    postcode = postcodes.normalise(raw) if raw else None
    if raw and (postcode is None or not postcodes.is_valid(postcode)):
        raise ServiceError(_("This is not a Belgian postcode."), field="home_postcode")
    km = v.get("max_travel_km")
    if km is not None and not 0 <= km <= MAX_TRAVEL_KM:
        raise ServiceError(
            _("Fill in a distance from 0 to %(max)d km.", max=MAX_TRAVEL_KM),
            field="max_travel_km",
        )
    p.home_postcode = postcode
    p.max_travel_km = km
    p.transport = join_codes(v.get("transport"), cat.TRANSPORT, "transport")
    p.licences = join_codes(v.get("licences"), cat.LICENCES, "licences")


def _set_availability(p: Participant, v: dict) -> None:
    hours = v.get("hours_per_week")
    if hours is not None and not 1 <= hours <= 50:
        raise ServiceError(_("Fill in 1 to 50 hours a week."), field="hours_per_week")
    available = v.get("available_from")
    if available and available < clock.today() - timedelta(days=365):
        raise ServiceError(
            _("This date is more than a year ago. Fill in when the person can start."),
            field="available_from",
        )
    shifts = join_codes(v.get("shifts"), cat.SHIFTS, "shifts").split()
    for shift in cat.SHIFTS:
        setattr(p, f"shift_{shift}", shift in shifts)
    p.hours_per_week = hours
    p.available_from = available


def _set_right_to_work(p: Participant, v: dict) -> None:
    status = v.get("right_to_work") or None
    if status is not None and status not in cat.RIGHT_TO_WORK:
        raise ServiceError(_("Choose from the list."), field="right_to_work")
    until = v.get("right_to_work_until")
    if status == "limited" and not until:
        raise ServiceError(
            _("Fill in until when the right to work is valid."), field="right_to_work_until"
        )
    p.right_to_work = status
    p.right_to_work_until = until if status == "limited" else None


def _set_rows(db: Session, p: Participant, model, column: str, codes, allowed, name) -> None:
    codes = list(dict.fromkeys(codes or []))
    if any(code not in allowed for code in codes):
        raise ServiceError(_("Choose from the list."), field=name)
    db.exec(delete(model).where(col(model.participant_id) == p.id))
    for code in codes:
        db.add(model(participant_id=p.id, **{column: code}))


def _set_support(db: Session, p: Participant, v: dict) -> None:
    _set_rows(db, p, ParticipantSupportNeed, "need", v.get("needs"), cat.SUPPORT_NEEDS, "needs")


def _set_occupations(db: Session, p: Participant, v: dict) -> None:
    known = {o.code for o in vocabulary.occupations()}
    codes = v.get("occupations")
    _set_rows(db, p, ParticipantOccupation, "occupation", codes, known, "occupations")


SECTIONS: dict[str, Callable] = {
    "person": lambda db, p, v: _set_person(p, v),
    "placement": lambda db, p, v: _set_placement(p, v),
    "occupations": _set_occupations,
    "dutch": lambda db, p, v: _set_dutch(p, v),
    "mobility": lambda db, p, v: _set_mobility(p, v),
    "availability": lambda db, p, v: _set_availability(p, v),
    "right_to_work": lambda db, p, v: _set_right_to_work(p, v),
    "support": _set_support,
}


def save_section(db: Session, actor: User, p: Participant, section: str, values: dict) -> None:
    """Save one section on its own: the rest of the profile stays as it was. A refusal
    changes nothing (the caller rolls back) and names the field."""
    if section not in SECTIONS:
        raise ServiceError(_("This part of the profile does not exist."))
    SECTIONS[section](db, p, values)
    audit.record(db, actor.id, "participant.updated", "participant", p.id, section)
    touched(db, p)
    db.commit()


def section_values(db: Session, p: Participant, section: str) -> dict:
    """The current values of a section, in the shape its form uses."""
    if section == "person":
        return {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "date_of_birth": p.date_of_birth,
            "phone": p.phone,
            "email": p.email,
            "preferred_languages": split_codes(p.preferred_languages),
            "spoken_languages": split_codes(p.spoken_languages),
        }
    if section == "mobility":
        return {
            "home_postcode": p.home_postcode,
            "max_travel_km": p.max_travel_km,
            "transport": split_codes(p.transport),
            "licences": split_codes(p.licences),
        }
    if section == "availability":
        return {
            "hours_per_week": p.hours_per_week,
            "shifts": shifts_of(p),
            "available_from": p.available_from,
        }
    if section == "occupations":
        return {"occupations": occupations_of(db, p)}
    if section == "support":
        return {"needs": support_needs_of(db, p)}
    names = {
        "placement": ("placement_kind", "placement_job", "placement_start", "placement_end"),
        "dutch": ("dutch_level", "dutch_assessed_on"),
        "right_to_work": ("right_to_work", "right_to_work_until"),
    }[section]
    return {name: getattr(p, name) for name in names}


def shifts_of(p: Participant) -> list[str]:
    return [shift for shift in cat.SHIFTS if getattr(p, f"shift_{shift}")]


def occupations_of(db: Session, p: Participant) -> list[str]:
    return [row.occupation for row in rows_of(db, p, ParticipantOccupation)]


def support_needs_of(db: Session, p: Participant) -> list[str]:
    return [row.need for row in rows_of(db, p, ParticipantSupportNeed)]


def skills_of(db: Session, p: Participant) -> list[ParticipantSkill]:
    return rows_of(db, p, ParticipantSkill)


def certificates_of(db: Session, p: Participant) -> list[ParticipantCertificate]:
    return rows_of(db, p, ParticipantCertificate)


def add_skill(db: Session, actor: User, p: Participant, skill: str, level: int, evidence: str):
    """Add an observed skill, or update its level and evidence when it is already there."""
    skill = vocab.resolve(db, "skill", skill)  # a code, or a name typed in any language
    if skill is None:
        raise ServiceError(
            _("This skill is not in the list. Choose one of the suggestions."), field="skill"
        )
    level = int(level) if str(level).isdigit() else None
    if level not in cat.SKILL_LEVELS:
        raise ServiceError(_("Choose from the list."), field="level")
    evidence = (evidence or "").strip()
    if not evidence:
        raise ServiceError(_("Write briefly what you saw the person do."), field="evidence")
    row = db.exec(
        select(ParticipantSkill).where(
            ParticipantSkill.participant_id == p.id, ParticipantSkill.skill == skill
        )
    ).first() or ParticipantSkill(participant_id=p.id, skill=skill)
    row.level, row.evidence = level, evidence
    db.add(row)
    audit.record(db, actor.id, "participant.updated", "participant", p.id, "skills")
    touched(db, p)
    db.commit()


def add_certificate(db: Session, actor: User, p: Participant, code: str, expires_on):
    if code not in cat.CERTIFICATES:
        raise ServiceError(_("Choose from the list."), field="certificate")
    if expires_on and expires_on < clock.today():
        raise ServiceError(
            _("This certificate has expired. Add it again after it is renewed."),
            field="expires_on",
        )
    row = db.exec(
        select(ParticipantCertificate).where(
            ParticipantCertificate.participant_id == p.id,
            ParticipantCertificate.certificate == code,
        )
    ).first() or ParticipantCertificate(participant_id=p.id, certificate=code)
    row.expires_on = expires_on
    db.add(row)
    audit.record(db, actor.id, "participant.updated", "participant", p.id, "certificates")
    touched(db, p)
    db.commit()


def remove_row(db: Session, actor: User, p: Participant, model, row_id: int) -> None:
    """Remove one skill or certificate of this participant (never another one's row)."""
    row = db.get(model, row_id)
    if row is None or row.participant_id != p.id:
        raise NotFoundError()
    db.delete(row)
    audit.record(db, actor.id, "participant.updated", "participant", p.id, model.__tablename__)
    touched(db, p)
    db.commit()


def missing_sections(p: Participant, skill_count: int, occupation_count: int) -> list[str]:
    """The sections matching needs that are still empty."""
    missing = []
    if skill_count == 0:
        missing.append("skills")
    if occupation_count == 0:
        missing.append("occupations")
    if p.dutch_level is None:
        missing.append("dutch")
    if p.home_postcode is None or p.max_travel_km is None:
        missing.append("mobility")
    if p.hours_per_week is None or not shifts_of(p) or p.available_from is None:
        missing.append("availability")
    if p.right_to_work is None:
        missing.append("right_to_work")
    return missing


def missing_sections_of(db: Session, p: Participant) -> list[str]:
    return missing_sections(p, len(skills_of(db, p)), len(occupations_of(db, p)))


def reopen_for_matching(db: Session, actor: User, p: Participant) -> None:
    """Active again and open for new matches after a job ended (the caller marks the leave
    as reopened in the same transaction). The endorsement and the consent stay as they are:
    a valid endorsement keeps counting, an expired one asks to be renewed."""
    p.active = True
    audit.record(db, actor.id, "participant.reopened", "participant", p.id)
    touched(db, p)
    db.commit()
