"""Proposals: a mentor puts a participant forward for a vacancy; the employer answers and
moves it through the stages; the participant and the mentor may withdraw it. Every change is
a dated, attributed ProposalEvent."""

from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from ...i18n import _
from ...models import (
    OPEN_STAGES,
    Participant,
    Proposal,
    ProposalEvent,
    Role,
    Stage,
    User,
    Vacancy,
    VacancyStatus,
    open_pair_key,
    utcnow,
)
from .. import catalogues, reactions
from ..errors import ForbiddenError, ServiceError
from ..participants import consents
from ..search_feed import record_change
from ..vacancies import lifecycle
from . import meetings
from .hard_filters import hard_filter_problems
from .notices import notify_meeting_cancelled, notify_meeting_changed, notify_new, notify_step
from .stage_rules import DECLINE_REASONS, NOT_HIRED_REASONS, STAGE_LABELS, TRANSITIONS, clean_text
from .visibility import contact_consent, open_for


def _open_pair_taken(db: Session, vacancy_id: int, participant_id: int) -> bool:
    key = open_pair_key(vacancy_id, participant_id)
    return db.exec(select(Proposal.id).where(Proposal.open_pair == key)).first() is not None


def _event(db: Session, proposal: Proposal, actor: User, kind: str, **details) -> None:
    db.add(
        ProposalEvent(
            proposal_id=proposal.id,
            kind=kind,
            from_stage=proposal.stage,
            by_id=actor.id,
            by_role=actor.role,
            details={k: v for k, v in details.items() if v not in (None, "")},
        )
    )


def propose(
    db: Session,
    mentor: User,
    participant_id: int | None,
    vacancy_id: int | None,
    motivation: str,
    interest_with_mentor: bool = False,
    share_contact_with_mentor: bool = False,
    override_reason: str = "",
) -> Proposal:
    """Propose the mentor's own participant. A refusal changes nothing."""
    participant = db.get(Participant, participant_id) if participant_id else None
    if participant is None:
        raise ServiceError(_("Choose a participant."), field="participant_id")
    if participant.mentor_id != mentor.id:
        raise ForbiddenError()
    vacancy = db.get(Vacancy, vacancy_id) if vacancy_id else None
    if vacancy is None:
        raise ServiceError(_("Choose a vacancy."), field="vacancy_id")
    motivation = clean_text(
        motivation, "motivation", _("Write why this participant fits this vacancy.")
    )
    if _open_pair_taken(db, vacancy.id, participant.id):
        raise ServiceError(
            _("This participant is already proposed for this vacancy."), field="vacancy_id"
        )
    problems = hard_filter_problems(db, vacancy, participant)
    blocking = [p for p in problems if not p.overridable]
    if blocking:
        raise ServiceError(" ".join(str(p.message) for p in blocking), field="vacancy_id")
    soft = [p for p in problems if p.overridable]
    reason = clean_text(override_reason, "override_reason")
    if soft and not reason:
        raise ServiceError(
            " ".join(str(p.message) for p in soft)
            + " "
            + _("Write why you propose this participant anyway."),
            field="override_reason",
        )
    proposal = Proposal(
        vacancy_id=vacancy.id,
        participant_id=participant.id,
        mentor_id=mentor.id,
        open_pair=open_pair_key(vacancy.id, participant.id),
        motivation=motivation,
        override_codes=" ".join(p.code for p in soft),
        override_reason=reason if soft else "",
    )
    db.add(proposal)
    try:
        db.flush()
    except IntegrityError as error:  # the same pair, proposed at the same moment
        db.rollback()
        raise ServiceError(
            _("This participant is already proposed for this vacancy."), field="vacancy_id"
        ) from error
    _event(db, proposal, mentor, Stage.PROPOSED, override=proposal.override_codes)
    said = reactions.interest_of(db, participant.id, vacancy.id)
    if interest_with_mentor:
        _set_interest(db, mentor, proposal)
    elif said is not None:  # "I am interested" on the opening, before the proposal
        _set_interest(db, db.get(User, said.by_id) or mentor, proposal)
    db.commit()
    if share_contact_with_mentor:
        _share_contact(db, mentor, proposal, participant)
    if proposal.interest_at is not None:
        notify_new(db, proposal, vacancy)
    return proposal


def _set_interest(db: Session, actor: User, proposal: Proposal) -> None:
    proposal.interest_at = utcnow()
    proposal.interest_by_id = actor.id
    proposal.interest_with_mentor = actor.role == Role.MENTOR
    proposal.updated_at = utcnow()
    db.add(proposal)
    _event(db, proposal, actor, "interest", with_mentor=proposal.interest_with_mentor)


def _participant_actor(db: Session, actor: User, proposal_id: int):
    """The participant themself, or their mentor (who says the participant sits with them)."""
    proposal, vacancy, participant = open_for(db, actor, proposal_id)
    if actor.role not in (Role.PARTICIPANT, Role.MENTOR):
        raise ForbiddenError()
    if proposal.stage not in OPEN_STAGES:
        raise ServiceError(_("This proposal is closed."))
    return proposal, vacancy, participant


def record_interest(db: Session, actor: User, proposal_id: int) -> Proposal:
    proposal, vacancy, _participant = _participant_actor(db, actor, proposal_id)
    if proposal.interest_at is not None:
        raise ServiceError(_("The interest is already recorded."))
    _set_interest(db, actor, proposal)
    db.commit()
    notify_new(db, proposal, vacancy)
    return proposal


def share_contact(db: Session, actor: User, proposal_id: int) -> Proposal:
    proposal, _vacancy, participant = _participant_actor(db, actor, proposal_id)
    if contact_consent(db, proposal, participant) is not None:
        raise ServiceError(_("Name and contact are already shared with this employer."))
    _share_contact(db, actor, proposal, participant)
    return proposal


def _share_contact(db: Session, actor: User, proposal: Proposal, participant: Participant):
    _event(db, proposal, actor, "share_contact", with_mentor=actor.role == Role.MENTOR)
    consents.give_consent(  # commits
        db,
        actor,
        participant,
        consents.SCOPE_SHARE_CONTACT,
        with_mentor=actor.role == Role.MENTOR,
        vacancy_id=proposal.vacancy_id,
        proposal_id=proposal.id,
    )


def withdraw(db: Session, actor: User, proposal_id: int, note: str = "") -> Proposal:
    proposal, vacancy, _participant = _participant_actor(db, actor, proposal_id)
    note = clean_text(note, "note")
    calls_off = meetings.call_off_if_upcoming(proposal)
    _close(db, actor, proposal, Stage.WITHDRAWN, note=note)
    proposal.closing_note = note
    db.commit()
    if calls_off:
        notify_meeting_cancelled(db, proposal, vacancy)
    return proposal


def _close(db: Session, actor: User, proposal: Proposal, stage: str, **details) -> None:
    _event(db, proposal, actor, stage, **details)
    proposal.stage = stage
    proposal.updated_at = utcnow()
    if stage not in OPEN_STAGES:
        proposal.open_pair = None
    db.add(proposal)


def _valid_date(value, field_name: str, message) -> date:
    if not isinstance(value, date):
        raise ServiceError(message, field=field_name)
    return value


def _reason(p: Proposal, v: dict, reasons: dict) -> str:
    """A reason from the list; "other" needs a few words of explanation (kept as the note)."""
    reason = v.get("reason") or ""
    if reason not in reasons:
        raise ServiceError(_("Choose a reason from the list."), field="reason")
    required = _("Explain the reason in a few words.") if reason == "other" else None
    p.closing_note = clean_text(v.get("note"), "note", required)
    return reason


def _apply_declined(p: Proposal, v: dict) -> dict:
    p.decline_reason = _reason(p, v, DECLINE_REASONS)
    return {"reason": p.decline_reason, "note": p.closing_note}


def _apply_trial(p: Proposal, v: dict) -> dict:
    start = _valid_date(v.get("trial_start"), "trial_start", _("Give the first day of the trial."))
    end = _valid_date(v.get("trial_end"), "trial_end", _("Give the last day of the trial."))
    if end < start:
        raise ServiceError(_("The trial cannot end before it starts."), field="trial_end")
    p.trial_start, p.trial_end = start, end
    return {"start": start.isoformat(), "end": end.isoformat()}


def _apply_hired(p: Proposal, v: dict) -> dict:
    contract = v.get("contract_type") or ""
    if contract not in catalogues.codes(catalogues.CONTRACT_TYPES):
        raise ServiceError(_("Choose a type of contract."), field="contract_type")
    start = _valid_date(v.get("hire_start"), "hire_start", _("Give the first working day."))
    p.contract_type, p.hire_start = contract, start
    return {"contract_type": contract, "start": start.isoformat()}


def _apply_not_hired(p: Proposal, v: dict) -> dict:
    p.not_hired_reason = _reason(p, v, NOT_HIRED_REASONS)
    return {"reason": p.not_hired_reason, "note": p.closing_note}


def _apply_interested(p: Proposal, v: dict) -> dict:
    return {"note": clean_text(v.get("note"), "note")}


STEP_RULES = {
    Stage.EMPLOYER_INTERESTED: _apply_interested,
    Stage.DECLINED: _apply_declined,
    Stage.INTRO_MEETING: meetings.apply_meeting,
    Stage.TRIAL: _apply_trial,
    Stage.HIRED: _apply_hired,
    Stage.NOT_HIRED: _apply_not_hired,
}


def hired_count(db: Session, vacancy_id: int) -> int:
    query = select(func.count()).where(
        Proposal.vacancy_id == vacancy_id, Proposal.stage == Stage.HIRED
    )
    return db.exec(query).one()


def advance(db: Session, employer: User, proposal_id: int, to_stage: str, values: dict):
    """An employer's step on a proposal of their own organisation; out of order, on another
    organisation's proposal or with bad values: refused, nothing changed."""
    if employer.role != Role.EMPLOYER:
        raise ForbiddenError()
    proposal, vacancy, participant = open_for(db, employer, proposal_id)
    if to_stage not in TRANSITIONS.get(proposal.stage, set()):
        raise ServiceError(
            _(
                "This step is not possible now: the proposal is at the stage “%(stage)s”.",
                stage=STAGE_LABELS[Stage(proposal.stage)],
            )
        )
    if to_stage == Stage.HIRED and (
        vacancy.status in {VacancyStatus.FILLED, VacancyStatus.CLOSED}
        or hired_count(db, vacancy.id) >= vacancy.positions
    ):
        raise ServiceError(_("This vacancy has no open position any more."))
    if to_stage == proposal.stage:  # intro_meeting again: the meeting changes
        return _change_meeting(db, employer, proposal, vacancy, participant, values)
    details = STEP_RULES[to_stage](proposal, values)
    calls_off = to_stage in meetings.CANCELLING_STAGES and meetings.call_off_if_upcoming(proposal)
    _close(db, employer, proposal, to_stage, **details)
    if to_stage == Stage.HIRED:  # in a job from now on: out of every match list
        record_change(db, "participant", proposal.participant_id)
    db.commit()
    if to_stage == Stage.HIRED and hired_count(db, vacancy.id) >= vacancy.positions:
        lifecycle.close(db, employer, vacancy, filled=True)
    notify_step(db, proposal, vacancy, participant, to_stage)
    if calls_off:
        notify_meeting_cancelled(db, proposal, vacancy)
    return proposal


def _change_meeting(db: Session, employer: User, proposal, vacancy, participant, values: dict):
    """A new date, time, length or place: the same calendar entry, a newer version."""
    before = meetings.planned(proposal)
    details = meetings.apply_meeting(proposal, values)
    if meetings.planned(proposal) == before:
        raise ServiceError(_("Nothing changed: give a new date, time, length or place."))
    _event(db, proposal, employer, meetings.CHANGED, **details)
    proposal.meeting_sequence += 1
    proposal.updated_at = utcnow()
    db.add(proposal)
    db.commit()
    notify_meeting_changed(db, proposal, vacancy, participant)
    return proposal
