"""Aftercare check-ins after a hire: when each is due, what the mentor and the employer record,
the reminders, reopening a profile after someone left a job, and the caseload's aftercare
state and to-do.

Milestones come from PORTAL_CHECKIN_MONTHS (default 1, 3, 6, 12 months after the first working
day). A check-in can be recorded from a week before its milestone; it is overdue two weeks
after it. After a recorded leave the later check-ins are closed (nothing more is due)."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlmodel import Session, col, select
from werkzeug.exceptions import Forbidden, NotFound

from ..i18n import _, _l
from ..models import (
    CheckIn,
    Organisation,
    Participant,
    Proposal,
    Role,
    Stage,
    User,
    Vacancy,
    utcnow,
)
from . import notifications, vacancies
from . import participant_catalogues as cat
from . import participants as psvc
from . import proposals as proposal_service  # attributes used at call time (import cycle)
from .errors import ServiceError

DUE_WINDOW_DAYS = 7  # a check-in opens a week before its milestone
OVERDUE_AFTER_DAYS = 14  # and is overdue two weeks after it

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
STATUS_LABELS = {
    "recorded": _l("Recorded"),
    "overdue": _l("Overdue"),
    "due": _l("Due"),
    "upcoming": _l("Later"),
    "closed": _l("Not needed: the job ended"),
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when that day does not exist)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def milestones() -> tuple[int, ...]:
    return tuple(current_app.config["CHECKIN_MONTHS"])


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


def status_of(due_on: date, row: CheckIn | None, left_on: date | None, today: date) -> str:
    """recorded | closed | overdue | due | upcoming for one milestone of one hire."""
    if row is not None and row.recorded_at is not None:
        return "recorded"
    if left_on is not None and due_on - timedelta(days=DUE_WINDOW_DAYS) > left_on:
        return "closed"
    if today > due_on + timedelta(days=OVERDUE_AFTER_DAYS):
        return "overdue"
    if today >= due_on - timedelta(days=DUE_WINDOW_DAYS):
        return "due"
    return "upcoming"


def leave_date(rows) -> date | None:
    """The first recorded day out of the job among a hire's check-ins."""
    days = [
        row.left_on or row.held_on
        for row in rows
        if row.recorded_at is not None and row.still_employed is False
    ]
    days = [day for day in days if day is not None]
    return min(days) if days else None


# --- the schedule -------------------------------------------------------------------------


@dataclass
class Slot:
    proposal: Proposal
    vacancy: Vacancy
    participant: Participant
    organisation: Organisation
    month: int
    due_on: date
    row: CheckIn | None
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _hires(db: Session, *conditions):
    query = (
        select(Proposal, Vacancy, Participant, Organisation)
        .join(Vacancy, col(Vacancy.id) == Proposal.vacancy_id)
        .join(Participant, col(Participant.id) == Proposal.participant_id)
        .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
        .where(Proposal.stage == Stage.HIRED, col(Proposal.hire_start).is_not(None))
    )
    for condition in conditions:
        query = query.where(condition)
    return db.exec(query.order_by(col(Proposal.hire_start), col(Proposal.id))).all()


def _rows_by_proposal(db: Session, proposal_ids) -> dict[int, dict[int, CheckIn]]:
    rows: dict[int, dict[int, CheckIn]] = {}
    if proposal_ids:
        query = select(CheckIn).where(col(CheckIn.proposal_id).in_(list(proposal_ids)))
        for row in db.exec(query).all():
            rows.setdefault(row.proposal_id, {})[row.month] = row
    return rows


def schedule(db: Session, *conditions, today: date | None = None) -> list[Slot]:
    """Every milestone of every hire matching the conditions, with its status."""
    today = today or psvc.today()
    hires = _hires(db, *conditions)
    rows = _rows_by_proposal(db, [h[0].id for h in hires])
    slots = []
    for proposal, vacancy, participant, organisation in hires:
        own = rows.get(proposal.id, {})
        left_on = leave_date(own.values())
        months = sorted(set(milestones()) | set(own))
        for month in months:
            due_on = add_months(proposal.hire_start, month)
            row = own.get(month)
            status = status_of(due_on, row, left_on, today)
            slots.append(
                Slot(proposal, vacancy, participant, organisation, month, due_on, row, status)
            )
    return slots


def scope_of(user: User) -> list:
    if user.role == Role.MENTOR:
        return [Participant.mentor_id == user.id]
    if user.role == Role.EMPLOYER:
        return [Vacancy.organisation_id == user.organisation_id]
    if user.role == Role.COORDINATOR:
        return []
    raise Forbidden()


def due_for(db: Session, user: User, today: date | None = None) -> list[Slot]:
    """Due and overdue check-ins this user follows up (overdue first, oldest first)."""
    slots = [
        s for s in schedule(db, *scope_of(user), today=today) if s.status in {"due", "overdue"}
    ]
    return sorted(slots, key=lambda s: (s.status != "overdue", s.due_on))


def name_for(db: Session, viewer: User, proposal: Proposal, participant: Participant) -> str:
    """The participant's name for the mentor and coordinator; for the employer only after
    the participant shared it for this proposal, a pseudonym before."""
    if viewer.role != Role.EMPLOYER or proposal_service.contact_visible(db, proposal, participant):
        return f"{participant.first_name} {participant.last_name}".strip()
    return _("Candidate %(code)s", code=f"K{proposal.id:04d}")


def names_for(db: Session, viewer: User):
    """`name_for` as a function of a slot, for the lists of due check-ins."""
    return lambda slot: name_for(db, viewer, slot.proposal, slot.participant)


def hire_slots(db: Session, user: User, proposal_id: int, today=None) -> list[Slot]:
    """The milestones of one hire, for a user who may see it."""
    proposal, _vacancy, _participant = open_hire(db, user, proposal_id)
    return schedule(db, col(Proposal.id) == proposal.id, today=today)


# --- access -------------------------------------------------------------------------------


def open_hire(db: Session, user: User, proposal_id: int):
    """The hired proposal if this user may see its check-ins: the participant's mentor, the
    employer of the vacancy's organisation, a coordinator. Never hired: refused."""
    proposal = db.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound()
    vacancy = db.get(Vacancy, proposal.vacancy_id)
    participant = db.get(Participant, proposal.participant_id)
    allowed = {
        Role.MENTOR: participant.mentor_id == user.id,
        Role.EMPLOYER: vacancy.organisation_id == user.organisation_id
        and proposal.stage == Stage.HIRED,
        Role.COORDINATOR: True,
    }.get(user.role, False)
    if not allowed:
        raise Forbidden()
    if proposal.stage != Stage.HIRED or proposal.hire_start is None:
        raise ServiceError(
            _("This participant was not hired through this proposal: there are no check-ins.")
        )
    return proposal, vacancy, participant


def _slot(db: Session, proposal: Proposal, month, today: date) -> tuple[CheckIn, date]:
    """The row of one milestone (new when missing); refused before its window opens."""
    if month not in milestones():
        existing = db.exec(
            select(CheckIn).where(CheckIn.proposal_id == proposal.id, CheckIn.month == month)
        ).first()
        if existing is None:
            raise ServiceError(_("There is no check-in at this moment after the hire."))
    due_on = add_months(proposal.hire_start, month)
    if today < due_on - timedelta(days=DUE_WINDOW_DAYS):
        raise ServiceError(
            _(
                "This check-in opens on %(day)s.",
                day=proposal_service._day(due_on - timedelta(DUE_WINDOW_DAYS)),
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
        raise Forbidden()
    proposal, vacancy, _participant = open_hire(db, mentor, proposal_id)
    today = psvc.today()
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
        row.leave_note = proposal_service._text(
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
    row.participant_note = proposal_service._text(
        values.get("participant_note"), "participant_note"
    )
    row.employer_rating = _choice(values.get("employer_rating"), RATINGS, "employer_rating")
    row.employer_note = proposal_service._text(values.get("employer_note"), "employer_note")
    answers = values.get("commitment") or {}
    row.commitment = {
        item: _choice(answers.get(item), COMMITMENT_ANSWERS, f"commitment_{item}")
        for item in applicable_items(vacancies.commitment_of(db, vacancy))
    }
    row.recorded_at, row.recorded_by_id = utcnow(), mentor.id
    db.add(row)
    db.commit()
    return row


def record_employer_view(
    db: Session, employer: User, proposal_id: int, month: int, values: dict
) -> CheckIn:
    """The employer's own view on one check-in of its organisation's hire."""
    if employer.role != Role.EMPLOYER:
        raise Forbidden()
    proposal, _vacancy, _participant = open_hire(db, employer, proposal_id)
    row, _due = _slot(db, proposal, month, psvc.today())
    row.employer_view_rating = _choice(values.get("rating"), RATINGS, "rating")
    row.employer_view_note = proposal_service._text(values.get("note"), "note")
    row.employer_view_at, row.employer_view_by_id = utcnow(), employer.id
    db.add(row)
    db.commit()
    return row


# --- after a leave: reopen for new matches ------------------------------------------------


def open_leave(db: Session, participant: Participant) -> CheckIn | None:
    """The recorded leave of the participant's latest hire that was not reopened yet."""
    hires = _hires(db, Proposal.participant_id == participant.id)
    if not hires:
        return None
    latest = hires[-1][0]
    rows = _rows_by_proposal(db, [latest.id]).get(latest.id, {}).values()
    leaves = [r for r in rows if r.recorded_at is not None and r.still_employed is False]
    if not leaves or any(r.reopened_at for r in leaves):
        return None
    return min(leaves, key=lambda r: r.month)


def reopen(db: Session, mentor: User, participant_id: int) -> Participant:
    """One step after someone left a job: the profile is active and matchable again.

    The endorsement is NOT renewed: one that is still valid (not expired, not revoked) keeps
    counting, since the job only adds to what the mentor saw; an expired one shows as
    "renew the endorsement" in the caseload. The matching consent stays as it was."""
    participant = psvc.open_participant(db, mentor, participant_id, view=False)
    if mentor.role != Role.MENTOR:
        raise Forbidden()
    leave = open_leave(db, participant)
    if leave is None:
        raise ServiceError(_("Record first in a check-in that the person left the job."))
    leave.reopened_at = utcnow()
    db.add(leave)
    psvc.reopen_for_matching(db, mentor, participant)  # commits, records the index change
    return participant


# --- reminders ----------------------------------------------------------------------------

CHECKIN_DUE = (
    _l("Check-in due: %(vacancy)s"),
    _l(
        "The check-in %(month)s months after the hire for the job “%(vacancy)s” at "
        "%(organisation)s is due on %(date)s. Record it in the portal under Check-ins.",
    ),
)


def notify_due(db: Session, today: date | None = None) -> int:
    """One reminder per due check-in, to the mentor and the employer; each only once (the
    row remembers it), so running it every day is safe."""
    count = 0
    for slot in schedule(db, today=today):
        if slot.status not in {"due", "overdue"}:
            continue
        row = slot.row or CheckIn(
            proposal_id=slot.proposal.id, month=slot.month, due_on=slot.due_on
        )
        if row.notified_at is not None:
            continue
        row.notified_at = utcnow()
        db.add(row)
        db.commit()
        recipients = [
            db.get(User, slot.participant.mentor_id),
            *proposal_service._employer_users(db, slot.organisation.id),
        ]
        notifications.notify(
            db,
            recipients,
            "checkin_due",
            CHECKIN_DUE,
            slot.proposal.id,
            month=slot.month,
            vacancy=slot.vacancy.title,
            organisation=slot.organisation.name,
            date=proposal_service._day(slot.due_on),
        )
        count += 1
    return count


# --- the caseload: aftercare state and to-do ----------------------------------------------


def _load_aftercare(db: Session, facts: list) -> None:
    """Per participant: the latest hire's status (employed | left | reopened), whether the
    aftercare period still runs and whether a check-in is due."""
    by_id = {f.participant.id: f for f in facts}
    slots = schedule(db, col(Proposal.participant_id).in_(list(by_id)))
    latest: dict[int, Proposal] = {}
    for slot in slots:
        current = latest.get(slot.participant.id)
        if current is None or (slot.proposal.hire_start, slot.proposal.id) > (
            current.hire_start,
            current.id,
        ):
            latest[slot.participant.id] = slot.proposal
    for f in facts:
        f.extra.update(hire_status=None, aftercare=False, checkin_due=False)
    for slot in slots:
        f = by_id[slot.participant.id]
        if slot.status in {"due", "overdue"}:
            f.extra["checkin_due"] = True
    for participant_id, proposal in latest.items():
        f = by_id[participant_id]
        own = [s.row for s in slots if s.proposal.id == proposal.id and s.row is not None]
        if leave_date(own) is None:
            f.extra["hire_status"] = "employed"
            last = add_months(proposal.hire_start, max(milestones()))
            f.extra["aftercare"] = f.on <= last + timedelta(days=OVERDUE_AFTER_DAYS)
        elif any(r.reopened_at for r in own):
            f.extra["hire_status"] = "reopened"
        else:
            f.extra["hire_status"] = "left"


def _register_caseload_rules() -> None:
    cat.CASE_STATES.setdefault("in_aftercare", _l("In a job, aftercare running"))
    cat.CASE_STATES.setdefault("left_job", _l("Left the job"))
    cat.CASE_TODOS.setdefault("checkin_due", _l("Check-in due"))
    cat.CASE_TODOS.setdefault("reopen", _l("Left the job: reopen the profile for new matches"))
    if _load_aftercare not in psvc.FACT_LOADERS:
        psvc.FACT_LOADERS.append(_load_aftercare)
    codes = {code for code, _rule in psvc.STATE_RULES}
    if "in_aftercare" not in codes:
        psvc.STATE_RULES[0:0] = [
            ("in_aftercare", lambda f: f.extra.get("aftercare", False)),
            ("left_job", lambda f: f.extra.get("hire_status") == "left"),
        ]
    codes = {code for code, _rule in psvc.TODO_RULES}
    if "checkin_due" not in codes:
        psvc.TODO_RULES[0:0] = [
            ("checkin_due", lambda f: f.extra.get("checkin_due", False)),
            ("reopen", lambda f: f.extra.get("hire_status") == "left"),
        ]


_register_caseload_rules()
