"""Participants: profile sections, endorsement, consent, the caseload, sign-in with a short
code, access with an audit line for every view, export and erasure.

Every write ends in `_touched`, the one place the search index (next issue) hooks its change
row into the same transaction."""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlmodel import Session, col, delete, func, select
from werkzeug.exceptions import Forbidden, NotFound

from .. import vocabulary
from ..i18n import _
from ..models import (
    OPEN_STAGES,
    AccountStatus,
    CheckIn,
    Consent,
    Endorsement,
    OpeningReaction,
    Participant,
    ParticipantCertificate,
    ParticipantOccupation,
    ParticipantSkill,
    ParticipantSupportNeed,
    Proposal,
    Role,
    Stage,
    User,
    utcnow,
)
from . import audit, postcodes
from . import participant_catalogues as cat
from .accounts import (
    SignInResult,
    card_locked_message,
    clear_sign_in_failures,
    create_user,
    note_sign_in_failure,
    sign_in_locked,
)
from .errors import ServiceError
from .search_feed import record_change

ENDORSEMENT_MONTHS = 6
MAX_TRAVEL_KM = 200
SOON_DAYS = 30
CONSENT_TEXT_VERSION = "2026-1"
SCOPE_MATCHING = "matching"
SCOPE_SHARE_CONTACT = "share_contact"
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes
CODE_LENGTH = 8
CHILD_TABLES = (
    ParticipantSkill,
    ParticipantOccupation,
    ParticipantCertificate,
    ParticipantSupportNeed,
    Endorsement,
    Consent,
    Proposal,  # its events and notifications go with it (ON DELETE CASCADE)
    OpeningReaction,
)


def today() -> date:
    return utcnow().date()


def _touched(db: Session, participant: Participant) -> None:
    """Every write: the search index's change row joins the same transaction."""
    participant.updated_at = utcnow()
    db.add(participant)
    db.flush()
    record_change(db, "participant", participant.id)


def split_codes(text: str) -> list[str]:
    return [code for code in (text or "").split() if code]


def _join_codes(codes, allowed, field_name: str) -> str:
    codes = list(dict.fromkeys(codes or []))
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise ServiceError(_("Choose from the list."), field=field_name)
    return " ".join(codes)


# --- access ---------------------------------------------------------------------------------


def may_open(user: User, participant: Participant) -> bool:
    if user.role == Role.COORDINATOR:
        return True
    if user.role == Role.MENTOR:
        return participant.mentor_id == user.id
    if user.role == Role.PARTICIPANT:
        return participant.user_id == user.id
    return False


def open_participant(db: Session, user: User, participant_id: int, view: bool = True):
    """The participant if this user may see them; a view is written to the audit log, a
    refusal too (403, nothing shown)."""
    participant = db.get(Participant, participant_id)
    if participant is None and user.role == Role.COORDINATOR:
        raise NotFound()
    if participant is None or not may_open(user, participant):
        audit.record(db, user.id, "participant.denied", "participant", participant_id, user.role)
        db.commit()
        raise Forbidden()
    if view:
        audit.record(db, user.id, "participant.viewed", "participant", participant.id, user.role)
        db.commit()
    return participant


def own_participant(db: Session, user: User) -> Participant | None:
    return db.exec(select(Participant).where(Participant.user_id == user.id)).first()


# --- profile --------------------------------------------------------------------------------


def create_participant(db: Session, mentor: User, values: dict) -> Participant:
    participant = Participant(mentor_id=mentor.id, organisation_id=mentor.organisation_id)
    _set_person(participant, values)
    db.add(participant)
    db.flush()
    audit.record(db, mentor.id, "participant.created", "participant", participant.id)
    _touched(db, participant)
    db.commit()
    return participant


def _set_person(p: Participant, v: dict) -> None:
    name = (v.get("first_name") or "").strip()
    if not name:
        raise ServiceError(_("Fill in the first name."), field="first_name")
    birth = v.get("date_of_birth")
    if birth and not (date(1930, 1, 1) <= birth <= today() - timedelta(days=15 * 365)):
        raise ServiceError(_("This date of birth is not possible."), field="date_of_birth")
    p.first_name = name
    p.last_name = (v.get("last_name") or "").strip()
    p.date_of_birth = birth
    p.phone = (v.get("phone") or "").strip()
    p.email = (v.get("email") or "").strip().lower()
    p.preferred_languages = _join_codes(
        v.get("preferred_languages"), cat.LANGUAGES, "preferred_languages"
    )
    p.spoken_languages = _join_codes(v.get("spoken_languages"), cat.LANGUAGES, "spoken_languages")


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
    if assessed and assessed > today():
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
    p.transport = _join_codes(v.get("transport"), cat.TRANSPORT, "transport")
    p.licences = _join_codes(v.get("licences"), cat.LICENCES, "licences")


def _set_availability(p: Participant, v: dict) -> None:
    hours = v.get("hours_per_week")
    if hours is not None and not 1 <= hours <= 50:
        raise ServiceError(_("Fill in 1 to 50 hours a week."), field="hours_per_week")
    available = v.get("available_from")
    if available and available < today() - timedelta(days=365):
        raise ServiceError(
            _("This date is more than a year ago. Fill in when the person can start."),
            field="available_from",
        )
    shifts = _join_codes(v.get("shifts"), cat.SHIFTS, "shifts").split()
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
    _touched(db, p)
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


def _rows_of(db: Session, p: Participant, model) -> list:
    query = select(model).where(model.participant_id == p.id)
    return list(db.exec(query.order_by(model.id)).all())


def occupations_of(db: Session, p: Participant) -> list[str]:
    return [row.occupation for row in _rows_of(db, p, ParticipantOccupation)]


def support_needs_of(db: Session, p: Participant) -> list[str]:
    return [row.need for row in _rows_of(db, p, ParticipantSupportNeed)]


def skills_of(db: Session, p: Participant) -> list[ParticipantSkill]:
    return _rows_of(db, p, ParticipantSkill)


def certificates_of(db: Session, p: Participant) -> list[ParticipantCertificate]:
    return _rows_of(db, p, ParticipantCertificate)


def add_skill(db: Session, actor: User, p: Participant, skill: str, level: int, evidence: str):
    """Add an observed skill, or update its level and evidence when it is already there."""
    if vocabulary.skill(skill) is None:
        raise ServiceError(_("This skill is not in the list."), field="skill")
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
    _touched(db, p)
    db.commit()


def add_certificate(db: Session, actor: User, p: Participant, code: str, expires_on):
    if code not in cat.CERTIFICATES:
        raise ServiceError(_("Choose from the list."), field="certificate")
    if expires_on and expires_on < today():
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
    _touched(db, p)
    db.commit()


def remove_row(db: Session, actor: User, p: Participant, model, row_id: int) -> None:
    """Remove one skill or certificate of this participant (never another one's row)."""
    row = db.get(model, row_id)
    if row is None or row.participant_id != p.id:
        raise NotFound()
    db.delete(row)
    audit.record(db, actor.id, "participant.updated", "participant", p.id, model.__tablename__)
    _touched(db, p)
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


# --- endorsement ----------------------------------------------------------------------------


def current_endorsement(db: Session, p: Participant) -> Endorsement | None:
    """The latest endorsement that was not revoked (it may have expired)."""
    query = select(Endorsement).where(
        Endorsement.participant_id == p.id, col(Endorsement.revoked_at).is_(None)
    )
    return db.exec(query.order_by(col(Endorsement.id).desc())).first()


def default_valid_until() -> date:
    start = today()
    month = start.month - 1 + ENDORSEMENT_MONTHS
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, 28))


def endorse(db: Session, mentor: User, p: Participant, evidence, strengths, valid_until):
    if missing_sections_of(db, p):
        raise ServiceError(_("Complete the profile before you endorse."))
    evidence = (evidence or "").strip()
    if len(evidence) < 20:
        raise ServiceError(
            _("Describe in a few sentences what shows the person is ready."), field="evidence"
        )
    valid_until = valid_until or default_valid_until()
    if valid_until <= today() or valid_until > today() + timedelta(days=366):
        raise ServiceError(
            _("An endorsement is valid from tomorrow up to one year."), field="valid_until"
        )
    for old in db.exec(
        select(Endorsement).where(
            Endorsement.participant_id == p.id, col(Endorsement.revoked_at).is_(None)
        )
    ).all():
        old.revoked_at, old.revoked_by_id = utcnow(), mentor.id  # replaced by the new one
        db.add(old)
    db.add(
        Endorsement(
            participant_id=p.id,
            mentor_id=mentor.id,
            evidence=evidence,
            strengths=(strengths or "").strip(),
            valid_until=valid_until,
        )
    )
    audit.record(db, mentor.id, "participant.endorsed", "participant", p.id)
    _touched(db, p)
    db.commit()


def revoke_endorsement(db: Session, mentor: User, p: Participant) -> None:
    endorsement = current_endorsement(db, p)
    if endorsement is None:
        raise ServiceError(_("There is no endorsement to revoke."))
    endorsement.revoked_at, endorsement.revoked_by_id = utcnow(), mentor.id
    db.add(endorsement)
    audit.record(db, mentor.id, "participant.endorsement_revoked", "participant", p.id)
    _touched(db, p)
    db.commit()


# --- consent --------------------------------------------------------------------------------


def _consent_query(p: Participant, scope: str, vacancy_id=None, proposal_id=None):
    return select(Consent).where(
        Consent.participant_id == p.id,
        Consent.scope == scope,
        Consent.vacancy_id == vacancy_id if vacancy_id else col(Consent.vacancy_id).is_(None),
        Consent.proposal_id == proposal_id if proposal_id else col(Consent.proposal_id).is_(None),
    )


def current_consent(db: Session, p: Participant, scope=SCOPE_MATCHING, **target):
    """The consent in force for this scope (and vacancy/proposal), or None."""
    query = _consent_query(p, scope, **target).where(col(Consent.withdrawn_at).is_(None))
    return db.exec(query.order_by(col(Consent.version).desc())).first()


def give_consent(
    db: Session, actor: User, p: Participant, scope=SCOPE_MATCHING, with_mentor=False, **target
) -> Consent:
    """A new version of the consent, dated now; given by the participant in their own
    account, or by the mentor with the participant at their side (recorded as such)."""
    existing = current_consent(db, p, scope, **target)
    if existing is not None:
        return existing
    last = db.exec(
        select(func.max(Consent.version)).where(_consent_query(p, scope, **target).whereclause)
    ).one()
    consent = Consent(
        participant_id=p.id,
        scope=scope,
        version=(last or 0) + 1,
        text_version=CONSENT_TEXT_VERSION,
        given_by_id=actor.id,
        with_mentor=with_mentor,
        **target,
    )
    db.add(consent)
    audit.record(db, actor.id, "consent.given", "participant", p.id, scope)
    _touched(db, p)
    db.commit()
    return consent


def withdraw_consent(db: Session, actor: User, p: Participant, scope=SCOPE_MATCHING, **target):
    """Takes effect at once: the participant drops out of matching with this commit."""
    consent = current_consent(db, p, scope, **target)
    if consent is None:
        raise ServiceError(_("There is no consent to withdraw."))
    consent.withdrawn_at, consent.withdrawn_by_id = utcnow(), actor.id
    db.add(consent)
    audit.record(db, actor.id, "consent.withdrawn", "participant", p.id, scope)
    _touched(db, p)
    db.commit()


# --- caseload states ------------------------------------------------------------------------


@dataclass
class CaseFacts:
    """What the caseload knows of one participant. Later issues (proposals, hires,
    check-ins) add their facts to `extra` through FACT_LOADERS and their states to the front
    of STATE_RULES, and their to-dos to TODO_RULES; nothing else changes."""

    participant: Participant
    missing: list[str]
    endorsement: Endorsement | None
    consent: Consent | None
    on: date
    extra: dict = field(default_factory=dict)

    @property
    def endorsed(self) -> bool:
        return self.endorsement is not None and self.endorsement.valid_until >= self.on

    @property
    def right_to_work_ok(self) -> bool:
        p = self.participant
        if p.right_to_work is None or p.right_to_work in cat.RIGHT_TO_WORK_BLOCKING:
            return False
        return p.right_to_work != "limited" or (
            p.right_to_work_until is not None and p.right_to_work_until >= self.on
        )

    @property
    def in_job(self) -> bool:
        """Hired and not (yet) reopened for new matches after leaving; without the
        check-in facts, any hire counts."""
        status = self.extra.get("hire_status", "employed" if self.hired else None)
        return status in {"employed", "left"}

    @property
    def hired(self) -> bool:
        return Stage.HIRED in self.extra.get("proposal_stages", ())

    @property
    def matchable(self) -> bool:
        return (
            self.participant.active
            and not self.in_job
            and not self.missing
            and self.endorsed
            and self.consent is not None
            and self.right_to_work_ok
        )


@dataclass
class Case:
    facts: CaseFacts
    state: str
    todos: list[str]

    @property
    def participant(self) -> Participant:
        return self.facts.participant


# (state code, rule) in priority order: the first rule that holds names the state.
STATE_RULES: list[tuple[str, Callable[[CaseFacts], bool]]] = [
    ("hired", lambda f: f.hired and f.extra.get("hire_status", "employed") == "employed"),
    ("proposed", lambda f: bool(OPEN_STAGES & set(f.extra.get("proposal_stages", ())))),
    ("inactive", lambda f: not f.participant.active),
    ("incomplete", lambda f: bool(f.missing)),
    ("endorsement_expired", lambda f: f.endorsement is not None and not f.endorsed),
    ("not_endorsed", lambda f: not f.endorsed),
    ("consent_missing", lambda f: f.consent is None),
    ("endorsed", lambda f: True),
]


def _soon(day: date | None, on: date, days: int = SOON_DAYS) -> bool:
    return day is not None and on <= day <= on + timedelta(days=days)


TODO_RULES: list[tuple[str, Callable[[CaseFacts], bool]]] = [
    ("complete_profile", lambda f: bool(f.missing)),
    ("endorsement_expiring", lambda f: f.endorsed and _soon(f.endorsement.valid_until, f.on)),
    ("renew_endorsement", lambda f: f.endorsement is not None and not f.endorsed),
    ("ask_consent", lambda f: not f.missing and f.consent is None),
    ("placement_ending", lambda f: _soon(f.participant.placement_end, f.on)),
    (
        "right_to_work",
        lambda f: f.participant.right_to_work is not None and not f.right_to_work_ok,
    ),
    (
        "right_to_work_expiring",
        lambda f: (
            f.participant.right_to_work == "limited"
            and _soon(f.participant.right_to_work_until, f.on, 60)
        ),
    ),
]


def _load_proposal_stages(db: Session, facts: list[CaseFacts]) -> None:
    ids = [f.participant.id for f in facts]
    stages: dict[int, set[str]] = {}
    query = select(Proposal.participant_id, Proposal.stage).where(
        col(Proposal.participant_id).in_(ids)
    )
    for participant_id, stage in db.exec(query).all():
        stages.setdefault(participant_id, set()).add(stage)
    for f in facts:
        f.extra["proposal_stages"] = stages.get(f.participant.id, set())


FACT_LOADERS: list[Callable[[Session, list[CaseFacts]], None]] = [_load_proposal_stages]


def case_facts(db: Session, participants: list[Participant], on: date | None = None):
    """Facts for many participants in a handful of queries (no query per row)."""
    on = on or today()
    ids = [p.id for p in participants]
    if not ids:
        return []

    def counts(model):
        query = select(model.participant_id, func.count()).where(col(model.participant_id).in_(ids))
        return dict(db.exec(query.group_by(model.participant_id)).all())

    skills, occupations = counts(ParticipantSkill), counts(ParticipantOccupation)
    endorsements: dict[int, Endorsement] = {}
    for row in db.exec(
        select(Endorsement)
        .where(col(Endorsement.participant_id).in_(ids), col(Endorsement.revoked_at).is_(None))
        .order_by(Endorsement.id)
    ).all():
        endorsements[row.participant_id] = row
    consents = {
        row.participant_id: row
        for row in db.exec(
            select(Consent).where(
                col(Consent.participant_id).in_(ids),
                Consent.scope == SCOPE_MATCHING,
                col(Consent.withdrawn_at).is_(None),
            )
        ).all()
    }
    facts = [
        CaseFacts(
            participant=p,
            missing=missing_sections(p, skills.get(p.id, 0), occupations.get(p.id, 0)),
            endorsement=endorsements.get(p.id),
            consent=consents.get(p.id),
            on=on,
        )
        for p in participants
    ]
    for load in FACT_LOADERS:
        load(db, facts)
    return facts


def case_of(facts: CaseFacts) -> Case:
    state = next(code for code, rule in STATE_RULES if rule(facts))
    todos = [code for code, rule in TODO_RULES if rule(facts)]
    return Case(facts=facts, state=state, todos=todos)


def cases(db: Session, participants: list[Participant], on: date | None = None) -> list[Case]:
    return [case_of(facts) for facts in case_facts(db, participants, on)]


def caseload(db: Session, mentor: User) -> list[Case]:
    query = select(Participant).where(Participant.mentor_id == mentor.id)
    participants = db.exec(query.order_by(Participant.first_name, Participant.last_name)).all()
    return cases(db, list(participants))


def is_matchable(db: Session, p: Participant, on: date | None = None) -> bool:
    """Active, complete, endorsed (not expired, not revoked), consenting to matching and
    allowed to work: the only participants matching may ever see."""
    return case_facts(db, [p], on)[0].matchable


def reopen_for_matching(db: Session, actor: User, p: Participant) -> None:
    """Active again and open for new matches after a job ended (the caller marks the leave
    as reopened in the same transaction). The endorsement and the consent stay as they are:
    a valid endorsement keeps counting, an expired one asks to be renewed."""
    p.active = True
    audit.record(db, actor.id, "participant.reopened", "participant", p.id)
    _touched(db, p)
    db.commit()


# --- sign-in with a short code --------------------------------------------------------------


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _code_hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def issue_login_code(db: Session, mentor: User, p: Participant) -> str:
    """Create the participant's login when it does not exist yet, and give a new code; the
    old code stops working. Only the keyed hash is stored; the code is shown once."""
    if p.date_of_birth is None:
        raise ServiceError(_("Fill in the date of birth first: it is part of the sign-in."))
    if p.user_id is None:
        preferred = split_codes(p.preferred_languages)
        user = create_user(
            db,
            email=f"participant-{p.id}-{secrets.token_hex(4)}@login.invalid",
            password=secrets.token_urlsafe(32),  # unusable: nobody knows it
            role=Role.PARTICIPANT,
            display_name=p.first_name,
            status=AccountStatus.ACTIVE,
            locale=next((c for c in preferred if c in ("nl", "fr", "en", "ar")), None),
        )
        user.organisation_id = p.organisation_id
        p.user_id = user.id
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    p.login_code_hash = _code_hash(code)
    p.login_code_issued_at = utcnow()
    audit.record(db, mentor.id, "participant.login_code", "participant", p.id)
    _touched(db, p)
    db.commit()
    return format_code(code)


def authenticate_code(db: Session, code: str, birth: date | None) -> SignInResult:
    """Code plus date of birth. Failures count per code like wrong passwords do per
    e-mail address, with the same lock."""
    wrong = _("The code or the date of birth is not correct.")
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return SignInResult(error=wrong)
    digest = _code_hash(code)
    key = f"code:{digest[:40]}"
    locked = sign_in_locked(db, key, card_locked_message)
    if locked:
        return SignInResult(error=locked)
    p = db.exec(select(Participant).where(Participant.login_code_hash == digest)).first()
    user = db.get(User, p.user_id) if p is not None and p.user_id else None
    if user is None or not p.active or birth is None or p.date_of_birth != birth:
        return SignInResult(error=note_sign_in_failure(db, key, card_locked_message) or wrong)
    if user.status == AccountStatus.DISABLED:
        return SignInResult(error=_("This account is switched off. Ask a coordinator for help."))
    clear_sign_in_failures(db, key)
    user.last_login_at = utcnow()
    db.add(user)
    db.commit()
    return SignInResult(user=user)


# --- coordinator: reassign, export, erase -------------------------------------------------


def mentors(db: Session) -> list[User]:
    query = select(User).where(User.role == Role.MENTOR, User.status == AccountStatus.ACTIVE)
    return list(db.exec(query.order_by(User.display_name)).all())


def reassign(db: Session, coordinator: User, participants, mentor: User | None) -> int:
    if mentor is None or mentor.role != Role.MENTOR or mentor.status != AccountStatus.ACTIVE:
        raise ServiceError(_("Choose an active mentor."), field="mentor_id")
    moved = 0
    for p in participants:
        if p.mentor_id == mentor.id:
            continue
        p.mentor_id = mentor.id
        audit.record(db, coordinator.id, "participant.reassigned", "participant", p.id)
        _touched(db, p)
        moved += 1
    db.commit()
    return moved


def reassign_caseload(db: Session, coordinator: User, from_id: int, to_id: int) -> int:
    if from_id == to_id:
        raise ServiceError(_("Choose two different mentors."), field="to_mentor")
    participants = db.exec(select(Participant).where(Participant.mentor_id == from_id)).all()
    return reassign(db, coordinator, participants, db.get(User, to_id))


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(row, skip=()) -> dict:
    return {k: _plain(v) for k, v in row.model_dump().items() if k not in skip}


def export(db: Session, actor: User, p: Participant) -> dict:
    """Everything the portal holds about one participant, for a data request."""
    children = {
        model.__tablename__: [_row(row, ("participant_id",)) for row in _rows_of(db, p, model)]
        for model in CHILD_TABLES
    }
    hires = select(CheckIn).join(Proposal).where(Proposal.participant_id == p.id)
    children[CheckIn.__tablename__] = [_row(row) for row in db.exec(hires.order_by(CheckIn.id))]
    audit.record(db, actor.id, "participant.exported", "participant", p.id, actor.role)
    db.commit()
    return {
        "exported_at": utcnow().isoformat(),
        "participant": _row(p, ("login_code_hash",)),
        **children,
    }


def erase(db: Session, coordinator: User, p: Participant) -> None:
    """Delete every row about the person and anonymise their login (the audit log keeps
    only ids and action names, never personal data)."""
    participant_id = p.id
    for model in CHILD_TABLES:
        db.exec(delete(model).where(col(model.participant_id) == participant_id))
    if p.login_code_hash:
        clear_sign_in_failures(db, f"code:{p.login_code_hash[:40]}")
    user = db.get(User, p.user_id) if p.user_id else None
    db.delete(p)
    record_change(db, "participant", participant_id, "delete")
    if user is not None:
        clear_sign_in_failures(db, user.email)
        user.email = f"erased-{user.id}@erased.invalid"
        user.display_name = "—"
        user.password_hash = "!"  # noqa: S105 - matches no password
        user.status = AccountStatus.DISABLED
        user.locale = None
        user.session_token = secrets.token_urlsafe(24)
        db.add(user)
    audit.record(db, coordinator.id, "participant.erased", "participant", participant_id)
    db.commit()


# Registered after everything above exists, in this order (the demo extensions run in the
# order they register): demo profiles; aftercare states and to-dos (they load proposals and
# so the demo proposals); the demo hires with their check-ins.
from . import participants_demo  # noqa: E402,F401, I001
from . import checkins  # noqa: E402,F401, I001
from . import checkins_demo  # noqa: E402,F401, I001
