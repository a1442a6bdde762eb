"""What the mentor and the employer record at a check-in, and reopening a profile for new
matches after someone left the job."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, select

from ... import clock
from ...i18n import _, _l, day_text
from ...models import CheckIn, Participant, Proposal, Role, User, utcnow
from ..errors import ForbiddenError, ServiceError
from ..participants import opening, profiles
from ..proposals.stage_rules import clean_text
from ..search_feed import record_change
from ..vacancies import content
from .follow_up import open_hire
from .schedule import DUE_WINDOW_DAYS, hired_rows, milestones, rows_by_proposal

LEAVE_REASONS = {
    "contract_ended": _l("The contract ended and was not renewed"),
    "dismissed": _l("The employer ended the contract"),
    "resigned": _l("The participant resigned"),
    "health": _l("Health or family reasons"),
    "travel": _l("Travel to work was too hard"),
    "work_fit": _l("The work did not fit"),
    "other": _l("Another reason"),
}
RATINGS = {
    "good": _l("Goes well"),
    "mixed": _l("Goes well with some difficulties"),
    "difficult": _l("Difficult"),
}
COMMITMENT_ITEMS = {
    "buddy": _l("Workplace buddy"),
    "buddy_hours": _l("Buddy hours a week"),
    "language_support": _l("Language support"),
    "onboarding": _l("Onboarding plan"),
    "trial": _l("Trial period"),
    "aftercare": _l("Aftercare with the mentor"),
}
COMMITMENT_ANSWERS = {
    "kept": _l("Kept"),
    "partly": _l("Partly kept"),
    "not": _l("Not kept"),
}


def applicable_items(commitment) -> list[str]:
    """The parts of the mentoring commitment the vacancy promised (all when unknown)."""
    if commitment is None:
        return list(COMMITMENT_ITEMS)
    items = ["buddy", "buddy_hours"]
    if commitment.language_coach or commitment.visual_instructions:
        items.append("language_support")
    if (commitment.onboarding_plan or "").strip():
        items.append("onboarding")
    if commitment.trial_weeks:
        items.append("trial")
    items.append("aftercare")
    return items


def _slot(db: Session, proposal: Proposal, month, today: date) -> tuple[CheckIn, date]:
    """The row of one milestone (new when missing); refused before its window opens."""
    if month not in milestones():
        existing = db.exec(
            select(CheckIn).where(CheckIn.proposal_id == proposal.id, CheckIn.month == month)
        ).first()
        if existing is None:
            raise ServiceError(_("There is no check-in at this moment after the hire."))
    due_on = proposal.hire_start + relativedelta(months=month)
    if today < due_on - timedelta(days=DUE_WINDOW_DAYS):
        raise ServiceError(
            _(
                "This check-in opens on %(day)s.",
                day=day_text(due_on - timedelta(DUE_WINDOW_DAYS), "long"),
            )
        )
    row = db.exec(
        select(CheckIn).where(CheckIn.proposal_id == proposal.id, CheckIn.month == month)
    ).first()
    return row or CheckIn(proposal_id=proposal.id, month=month, due_on=due_on), due_on


def _yes_no(value, field_name: str, message) -> bool:
    if value in (True, "yes"):
        return True
    if value in (False, "no"):
        return False
    raise ServiceError(message, field=field_name)


def _choice(value, allowed: dict, field_name: str) -> str:
    if value not in allowed:
        raise ServiceError(_("Choose from the list."), field=field_name)
    return value


def _past_day(value, field_name: str, hire_start: date, today: date, message) -> date:
    if not isinstance(value, date):
        raise ServiceError(message, field=field_name)
    if value > today:
        raise ServiceError(_("This date is in the future."), field=field_name)
    if value < hire_start:
        raise ServiceError(_("This date is before the first working day."), field=field_name)
    return value


# --- recording ----------------------------------------------------------------------------


def record(db: Session, mentor: User, proposal_id: int, month: int, values: dict) -> CheckIn:
    """The mentor's record of one check-in (a later save corrects it). A refusal changes
    nothing and names the field."""
    if mentor.role != Role.MENTOR:
        raise ForbiddenError()
    proposal, vacancy, _participant = open_hire(db, mentor, proposal_id)
    today = clock.today()
    row, _due = _slot(db, proposal, month, today)
    start = proposal.hire_start
    row.held_on = _past_day(
        values.get("held_on"), "held_on", start, today, _("Give the day of the contact.")
    )
    row.still_employed = _yes_no(
        values.get("still_employed"), "still_employed", _("Say whether the person still works.")
    )
    if row.still_employed:
        row.left_on, row.leave_reason, row.leave_note, row.wants_help_again = None, "", "", None
    else:
        row.left_on = _past_day(
            values.get("left_on"), "left_on", start, today, _("Give the last working day.")
        )
        if row.left_on > row.held_on:
            raise ServiceError(_("This date is after the day of the contact."), field="left_on")
        row.leave_reason = _choice(values.get("leave_reason"), LEAVE_REASONS, "leave_reason")
        required = _("Explain the reason in a few words.")
        row.leave_note = clean_text(
            values.get("leave_note"),
            "leave_note",
            required if row.leave_reason == "other" else None,
        )
        row.wants_help_again = _yes_no(
            values.get("wants_help_again"),
            "wants_help_again",
            _("Say whether the person wants help to find a job again."),
        )
    row.participant_rating = _choice(
        values.get("participant_rating"), RATINGS, "participant_rating"
    )
    row.participant_note = clean_text(values.get("participant_note"), "participant_note")
    row.employer_rating = _choice(values.get("employer_rating"), RATINGS, "employer_rating")
    row.employer_note = clean_text(values.get("employer_note"), "employer_note")
    answers = values.get("commitment") or {}
    row.commitment = {
        item: _choice(answers.get(item), COMMITMENT_ANSWERS, f"commitment_{item}")
        for item in applicable_items(content.commitment_of(db, vacancy))
    }
    row.recorded_at, row.recorded_by_id = utcnow(), mentor.id
    db.add(row)
    record_change(db, "participant", proposal.participant_id)  # a leave (or its correction)
    db.commit()
    return row


def record_employer_view(
    db: Session, employer: User, proposal_id: int, month: int, values: dict
) -> CheckIn:
    """The employer's own view on one check-in of its organisation's hire."""
    if employer.role != Role.EMPLOYER:
        raise ForbiddenError()
    proposal, _vacancy, _participant = open_hire(db, employer, proposal_id)
    row, _due = _slot(db, proposal, month, clock.today())
    row.employer_view_rating = _choice(values.get("rating"), RATINGS, "rating")
    row.employer_view_note = clean_text(values.get("note"), "note")
    row.employer_view_at, row.employer_view_by_id = utcnow(), employer.id
    db.add(row)
    db.commit()
    return row


# --- after a leave: reopen for new matches ------------------------------------------------


def open_leave(db: Session, participant: Participant) -> CheckIn | None:
    """The recorded leave of the participant's latest hire that was not reopened yet."""
    hires = hired_rows(db, Proposal.participant_id == participant.id)
    if not hires:
        return None
    latest = hires[-1][0]
    rows = rows_by_proposal(db, [latest.id]).get(latest.id, {}).values()
    leaves = [r for r in rows if r.recorded_at is not None and r.still_employed is False]
    if not leaves or any(r.reopened_at for r in leaves):
        return None
    return min(leaves, key=lambda r: r.month)


def reopen(db: Session, mentor: User, participant_id: int) -> Participant:
    """One step after someone left a job: the profile is active and matchable again.

    The endorsement is NOT renewed: one that is still valid (not expired, not revoked) keeps
    counting, since the job only adds to what the mentor saw; an expired one shows as
    "renew the endorsement" in the caseload. The matching consent stays as it was."""
    participant = opening.open_participant(db, mentor, participant_id, view=False)
    if mentor.role != Role.MENTOR:
        raise ForbiddenError()
    leave = open_leave(db, participant)
    if leave is None:
        raise ServiceError(_("Record first in a check-in that the person left the job."))
    leave.reopened_at = utcnow()
    db.add(leave)
    profiles.reopen_for_matching(db, mentor, participant)  # commits, records the index change
    return participant
