"""Proposals: a mentor puts a participant forward for a vacancy; the employer answers and
moves it through the stages; the participant and the mentor may withdraw it.

proposed -> employer_interested | declined; employer_interested -> intro_meeting | declined;
intro_meeting -> trial | hired | not_hired; trial -> hired | not_hired; any open stage ->
withdrawn (participant or mentor). Every change is a dated, attributed ProposalEvent.

The employer sees a proposal only once the participant said "interested" (in their own
account, or with the mentor at their side), and the name and contact only after the
participant's share_contact consent for that proposal."""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select
from werkzeug.exceptions import Forbidden, NotFound

from .. import vocabulary
from ..i18n import _, _l
from ..matching import service as matching
from ..models import (
    OPEN_STAGES,
    AccountStatus,
    Organisation,
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
from . import catalogues, notifications, postcodes, reactions, vacancies
from . import participant_catalogues as cat
from . import participants as psvc
from .errors import ServiceError

MAX_TEXT = 2000

STAGE_LABELS = {
    Stage.PROPOSED: _l("Proposed"),
    Stage.EMPLOYER_INTERESTED: _l("Employer interested"),
    Stage.DECLINED: _l("Declined"),
    Stage.INTRO_MEETING: _l("Introduction meeting"),
    Stage.TRIAL: _l("Trial"),
    Stage.HIRED: _l("Hired"),
    Stage.NOT_HIRED: _l("Not hired"),
    Stage.WITHDRAWN: _l("Withdrawn"),
}
EVENT_LABELS = STAGE_LABELS | {
    "interest": _l("The participant said: interested"),
    "share_contact": _l("The participant agreed to share name and contact"),
}

DECLINE_REASONS = {
    "profile": _l("The profile does not fit the job"),
    "dutch": _l("The Dutch is not enough for this job yet"),
    "hours": _l("The hours or shifts do not fit"),
    "filled": _l("The vacancy is already filled"),
    "other": _l("Another reason"),
}
NOT_HIRED_REASONS = {
    "trial": _l("The trial did not work out"),
    "participant": _l("The participant chose not to go on"),
    "fit": _l("The job did not fit after the meeting"),
    "position": _l("The position is no longer available"),
    "other": _l("Another reason"),
}

# Employer steps: from stage -> the stages it may go to.
TRANSITIONS: dict[str, set[str]] = {
    Stage.PROPOSED: {Stage.EMPLOYER_INTERESTED, Stage.DECLINED},
    Stage.EMPLOYER_INTERESTED: {Stage.INTRO_MEETING, Stage.DECLINED},
    Stage.INTRO_MEETING: {Stage.TRIAL, Stage.HIRED, Stage.NOT_HIRED},
    Stage.TRIAL: {Stage.HIRED, Stage.NOT_HIRED},
}

BOARD_STAGES = (
    Stage.PROPOSED,
    Stage.EMPLOYER_INTERESTED,
    Stage.INTRO_MEETING,
    Stage.TRIAL,
    Stage.HIRED,
    Stage.DECLINED,
    Stage.NOT_HIRED,
    Stage.WITHDRAWN,
)


# --- hard filters -------------------------------------------------------------------------


@dataclass
class Problem:
    code: str
    message: str
    overridable: bool  # a soft criterion: the mentor may propose anyway, with a reason


def right_to_work_on(facts: psvc.CaseFacts, day: date) -> bool:
    return replace(facts, on=max(day, facts.on)).right_to_work_ok


# Hard filters of the matching engine that a mentor may override with a written reason; the
# others (endorsement, consent, right to work, an open vacancy) are checked above, never waived.
OVERRIDABLE_FILTERS = frozenset(
    {"licence", "certificate", "shifts", "hours", "distance", "available", "dutch"}
)


def hard_filter_problems(db: Session, vacancy: Vacancy, participant: Participant) -> list[Problem]:
    """What stands between this participant and this vacancy. Endorsement, consent, the right
    to work on the start date and an open vacancy are never overridable; every other hard
    filter of the matching engine is a soft problem the mentor may override with a reason."""
    facts = psvc.case_facts(db, [participant])[0]
    problems = []
    if not participant.active:
        problems.append(Problem("active", _("This participant is not active."), False))
    if not facts.endorsed:
        problems.append(
            Problem("endorsement", _("This participant has no valid endorsement."), False)
        )
    if facts.consent is None:
        problems.append(
            Problem("consent", _("This participant has not agreed to be matched."), False)
        )
    if not right_to_work_on(facts, vacancy.start_date):
        problems.append(
            Problem(
                "right_to_work",
                _("This participant has no right to work on the start date of the vacancy."),
                False,
            )
        )
    if not vacancies.is_open(vacancy):
        problems.append(
            Problem("vacancy_open", _("This vacancy is not open for proposals."), False)
        )
    for criterion in matching.evaluate_pair(db, vacancy.id, participant.id).criteria:
        if criterion.status == "missing" and criterion.code in OVERRIDABLE_FILTERS:
            problems.append(Problem(criterion.code, criterion.message, True))
    return problems


# --- access -------------------------------------------------------------------------------


def _get(db: Session, proposal_id: int) -> tuple[Proposal, Vacancy, Participant]:
    proposal = db.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound()
    return (
        proposal,
        db.get(Vacancy, proposal.vacancy_id),
        db.get(Participant, proposal.participant_id),
    )


def visible_to_employer(proposal: Proposal) -> bool:
    return proposal.interest_at is not None


def open_for(db: Session, user: User, proposal_id: int) -> tuple[Proposal, Vacancy, Participant]:
    """The proposal if this user may see it: the employer of the vacancy's organisation (once
    the participant said interested), the participant's mentor, the participant, a
    coordinator. Anyone else: 403, nothing shown."""
    proposal, vacancy, participant = _get(db, proposal_id)
    allowed = {
        Role.EMPLOYER: vacancy.organisation_id == user.organisation_id
        and visible_to_employer(proposal),
        Role.MENTOR: participant.mentor_id == user.id,
        Role.PARTICIPANT: participant.user_id == user.id,
        Role.COORDINATOR: True,
    }.get(user.role, False)
    if not allowed:
        raise Forbidden()
    return proposal, vacancy, participant


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


def _text(value, field_name: str, required_message=None) -> str:
    text = (value or "").strip()
    if required_message and not text:
        raise ServiceError(required_message, field=field_name)
    if len(text) > MAX_TEXT:
        raise ServiceError(_("Use at most %(max)d characters.", max=MAX_TEXT), field=field_name)
    return text


# --- propose ------------------------------------------------------------------------------


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
        raise Forbidden()
    vacancy = db.get(Vacancy, vacancy_id) if vacancy_id else None
    if vacancy is None:
        raise ServiceError(_("Choose a vacancy."), field="vacancy_id")
    motivation = _text(motivation, "motivation", _("Write why this participant fits this vacancy."))
    if _open_pair_taken(db, vacancy.id, participant.id):
        raise ServiceError(
            _("This participant is already proposed for this vacancy."), field="vacancy_id"
        )
    problems = hard_filter_problems(db, vacancy, participant)
    blocking = [p for p in problems if not p.overridable]
    if blocking:
        raise ServiceError(" ".join(str(p.message) for p in blocking), field="vacancy_id")
    soft = [p for p in problems if p.overridable]
    reason = _text(override_reason, "override_reason")
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
        _notify_new(db, proposal, vacancy)
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
        raise Forbidden()
    if proposal.stage not in OPEN_STAGES:
        raise ServiceError(_("This proposal is closed."))
    return proposal, vacancy, participant


def record_interest(db: Session, actor: User, proposal_id: int) -> Proposal:
    proposal, vacancy, _participant = _participant_actor(db, actor, proposal_id)
    if proposal.interest_at is not None:
        raise ServiceError(_("The interest is already recorded."))
    _set_interest(db, actor, proposal)
    db.commit()
    _notify_new(db, proposal, vacancy)
    return proposal


def share_contact(db: Session, actor: User, proposal_id: int) -> Proposal:
    proposal, _vacancy, participant = _participant_actor(db, actor, proposal_id)
    if contact_consent(db, proposal, participant) is not None:
        raise ServiceError(_("Name and contact are already shared with this employer."))
    _share_contact(db, actor, proposal, participant)
    return proposal


def _share_contact(db: Session, actor: User, proposal: Proposal, participant: Participant):
    _event(db, proposal, actor, "share_contact", with_mentor=actor.role == Role.MENTOR)
    psvc.give_consent(  # commits
        db,
        actor,
        participant,
        psvc.SCOPE_SHARE_CONTACT,
        with_mentor=actor.role == Role.MENTOR,
        vacancy_id=proposal.vacancy_id,
        proposal_id=proposal.id,
    )


def contact_consent(db: Session, proposal: Proposal, participant: Participant):
    return psvc.current_consent(
        db,
        participant,
        psvc.SCOPE_SHARE_CONTACT,
        vacancy_id=proposal.vacancy_id,
        proposal_id=proposal.id,
    )


def contact_visible(db: Session, proposal: Proposal, participant: Participant) -> bool:
    return (
        proposal.stage != Stage.WITHDRAWN and contact_consent(db, proposal, participant) is not None
    )


def withdraw(db: Session, actor: User, proposal_id: int, note: str = "") -> Proposal:
    proposal, _vacancy, _participant = _participant_actor(db, actor, proposal_id)
    note = _text(note, "note")
    _close(db, actor, proposal, Stage.WITHDRAWN, note=note)
    proposal.closing_note = note
    db.commit()
    return proposal


def _close(db: Session, actor: User, proposal: Proposal, stage: str, **details) -> None:
    _event(db, proposal, actor, stage, **details)
    proposal.stage = stage
    proposal.updated_at = utcnow()
    if stage not in OPEN_STAGES:
        proposal.open_pair = None
    db.add(proposal)


# --- employer steps -----------------------------------------------------------------------


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
    p.closing_note = _text(v.get("note"), "note", required)
    return reason


def _apply_declined(p: Proposal, v: dict) -> dict:
    p.decline_reason = _reason(p, v, DECLINE_REASONS)
    return {"reason": p.decline_reason, "note": p.closing_note}


def _apply_meeting(p: Proposal, v: dict) -> dict:
    day = _valid_date(v.get("meeting_on"), "meeting_on", _("Give the date of the meeting."))
    if day < psvc.today():
        raise ServiceError(_("The meeting cannot be in the past."), field="meeting_on")
    time = (v.get("meeting_time") or "").strip()
    if time and not _is_time(time):
        raise ServiceError(_("Write the time as hours:minutes, e.g. 09:30."), field="meeting_time")
    place = _text(v.get("meeting_place"), "meeting_place", _("Say where the meeting is."))
    if len(place) > 200:
        raise ServiceError(_("Use at most %(max)d characters.", max=200), field="meeting_place")
    p.meeting_on, p.meeting_time, p.meeting_place = day, time, place
    return {"date": day.isoformat(), "time": time, "place": place}


def _is_time(text: str) -> bool:
    hours, sep, minutes = text.partition(":")
    return (
        sep == ":"
        and hours.isdigit()
        and minutes.isdigit()
        and len(minutes) == 2
        and 0 <= int(hours) <= 23
        and 0 <= int(minutes) <= 59
    )


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
    return {"note": _text(v.get("note"), "note")}


STEP_RULES = {
    Stage.EMPLOYER_INTERESTED: _apply_interested,
    Stage.DECLINED: _apply_declined,
    Stage.INTRO_MEETING: _apply_meeting,
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
        raise Forbidden()
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
    details = STEP_RULES[to_stage](proposal, values)
    _close(db, employer, proposal, to_stage, **details)
    db.commit()
    if to_stage == Stage.HIRED and hired_count(db, vacancy.id) >= vacancy.positions:
        vacancies.close(db, employer, vacancy, filled=True)
    _notify_step(db, proposal, vacancy, participant, to_stage)
    return proposal


# --- notifications ------------------------------------------------------------------------


def _employer_users(db: Session, organisation_id: int) -> list[User]:
    query = select(User).where(
        User.organisation_id == organisation_id,
        User.role == Role.EMPLOYER,
        User.status == AccountStatus.ACTIVE,
    )
    return list(db.exec(query).all())


def _coordinators(db: Session) -> list[User]:
    query = select(User).where(User.role == Role.COORDINATOR, User.status == AccountStatus.ACTIVE)
    return list(db.exec(query).all())


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


NEW_PROPOSAL = (
    _l("New candidate for %(vacancy)s"),
    _l(
        "A mentor proposes a candidate for your vacancy “%(vacancy)s”. Open the proposal "
        "in the portal to read the motivation and to answer.",
    ),
)
EMPLOYER_INTERESTED = (
    _l("%(organisation)s is interested in %(name)s"),
    _l(
        "%(organisation)s is interested in %(name)s for the vacancy “%(vacancy)s”. "
        "The employer will plan an introduction meeting.",
    ),
)
EMPLOYER_DECLINED = (
    _l("%(organisation)s declined %(name)s"),
    _l(
        "%(organisation)s declined %(name)s for the vacancy “%(vacancy)s”. Reason: %(reason)s",
    ),
)
MEETING_PLANNED = (
    _l("Introduction meeting for %(vacancy)s"),
    _l(
        "An introduction meeting for the job “%(vacancy)s” at %(organisation)s is planned "
        "on %(date)s %(time)s. Place: %(place)s.",
    ),
)
HIRED = (
    _l("Hired: %(vacancy)s"),
    _l(
        "%(organisation)s hired a participant proposed by %(mentor)s for the vacancy "
        "“%(vacancy)s”. Start: %(date)s, contract: %(contract)s.",
    ),
)


def _notify_new(db: Session, proposal: Proposal, vacancy: Vacancy) -> None:
    notifications.notify(
        db,
        _employer_users(db, vacancy.organisation_id),
        "proposal_new",
        NEW_PROPOSAL,
        proposal.id,
        vacancy=vacancy.title,
    )


def _notify_step(db, proposal, vacancy, participant, stage) -> None:
    organisation = db.get(Organisation, vacancy.organisation_id)
    mentor = db.get(User, proposal.mentor_id)
    common = {"vacancy": vacancy.title, "organisation": organisation.name}
    if stage == Stage.EMPLOYER_INTERESTED:
        notifications.notify(
            db, [mentor], "proposal_answer", EMPLOYER_INTERESTED, proposal.id,
            name=participant.first_name, **common,
        )  # fmt: skip
    elif stage == Stage.DECLINED:
        notifications.notify(
            db, [mentor], "proposal_answer", EMPLOYER_DECLINED, proposal.id,
            name=participant.first_name, reason=DECLINE_REASONS[proposal.decline_reason],
            **common,
        )  # fmt: skip
    elif stage == Stage.INTRO_MEETING:
        people = [*_employer_users(db, vacancy.organisation_id), mentor]
        if participant.user_id:
            people.append(db.get(User, participant.user_id))
        notifications.notify(
            db, people, "meeting_planned", MEETING_PLANNED, proposal.id,
            date=_day(proposal.meeting_on), time=proposal.meeting_time,
            place=proposal.meeting_place, **common,
        )  # fmt: skip
    elif stage == Stage.HIRED:
        notifications.notify(
            db, _coordinators(db), "hired", HIRED, proposal.id,
            mentor=mentor.display_name, date=_day(proposal.hire_start),
            contract=catalogues.label(catalogues.CONTRACT_TYPES, proposal.contract_type),
            **common,
        )  # fmt: skip


# --- reads --------------------------------------------------------------------------------


@dataclass
class Row:
    proposal: Proposal
    vacancy: Vacancy
    participant: Participant
    organisation: Organisation | None = None
    contact: bool = False
    waits_on: str = ""  # participant | employer | ""
    waits_for: str = ""

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS[Stage(self.proposal.stage)])


def _contacts(db: Session, proposals: list[Proposal]) -> set[int]:
    """Ids of the proposals whose participant consented to share name and contact."""
    from ..models import Consent

    ids = [p.id for p in proposals]
    if not ids:
        return set()
    query = select(Consent.proposal_id).where(
        col(Consent.proposal_id).in_(ids),
        Consent.scope == psvc.SCOPE_SHARE_CONTACT,
        col(Consent.withdrawn_at).is_(None),
    )
    return set(db.exec(query).all())


def _waiting(row: Row) -> tuple[str, str]:
    p = row.proposal
    if p.stage not in OPEN_STAGES:
        return "", ""
    if p.interest_at is None:
        return "participant", _("The participant says whether they are interested.")
    return "employer", {
        Stage.PROPOSED: _("The employer answers the proposal."),
        Stage.EMPLOYER_INTERESTED: _("The employer plans an introduction meeting."),
        Stage.INTRO_MEETING: _("The employer decides after the meeting."),
        Stage.TRIAL: _("The employer decides after the trial."),
    }[Stage(p.stage)]


def _rows(db: Session, query) -> list[Row]:
    triples = db.exec(
        query.join(Vacancy, col(Vacancy.id) == Proposal.vacancy_id)
        .join(Participant, col(Participant.id) == Proposal.participant_id)
        .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
        .order_by(col(Proposal.updated_at).desc(), col(Proposal.id).desc())
    ).all()
    shared = _contacts(db, [t[0] for t in triples])
    rows = []
    for proposal, vacancy, participant, organisation in triples:
        row = Row(proposal, vacancy, participant, organisation)
        row.contact = proposal.id in shared and proposal.stage != Stage.WITHDRAWN
        row.waits_on, row.waits_for = _waiting(row)
        rows.append(row)
    return rows


def _select():
    return select(Proposal, Vacancy, Participant, Organisation)


def mentor_board(db: Session, mentor: User) -> dict[str, list[Row]]:
    rows = _rows(db, _select().where(Participant.mentor_id == mentor.id))
    return {stage: [r for r in rows if r.proposal.stage == stage] for stage in BOARD_STAGES}


def participant_rows(db: Session, participant: Participant) -> list[Row]:
    return _rows(db, _select().where(Proposal.participant_id == participant.id))


def employer_inbox(db: Session, employer: User, vacancy_id: int | None = None):
    """(vacancy, rows) for each vacancy of the organisation with visible proposals."""
    query = _select().where(
        Vacancy.organisation_id == employer.organisation_id,
        col(Proposal.interest_at).is_not(None),
    )
    if vacancy_id is not None:
        query = query.where(Proposal.vacancy_id == vacancy_id)
    grouped: dict[int, tuple[Vacancy, list[Row]]] = {}
    for row in _rows(db, query):
        grouped.setdefault(row.vacancy.id, (row.vacancy, []))[1].append(row)
    return list(grouped.values())


def proposal_counts(db: Session, vacancy_ids) -> dict[int, int]:
    """Proposals the employer can see, per vacancy (for the dashboard)."""
    query = (
        select(Proposal.vacancy_id, func.count())
        .where(col(Proposal.vacancy_id).in_(list(vacancy_ids)))
        .where(col(Proposal.interest_at).is_not(None))
        .group_by(Proposal.vacancy_id)
    )
    return dict(db.exec(query).all())


def events_of(db: Session, proposal: Proposal) -> list[tuple[ProposalEvent, str]]:
    """The history with the name of who did it (a participant shows as 'the participant')."""
    events = db.exec(
        select(ProposalEvent)
        .where(ProposalEvent.proposal_id == proposal.id)
        .order_by(col(ProposalEvent.at), col(ProposalEvent.id))
    ).all()
    result = []
    for event in events:
        user = db.get(User, event.by_id) if event.by_id else None
        if event.by_role == Role.PARTICIPANT or user is None:
            who = _("the participant") if event.by_role == Role.PARTICIPANT else "—"
        else:
            who = user.display_name
        result.append((event, who))
    return result


@dataclass
class Candidate:
    """What an employer sees of the participant: no name, contact, nationality or right to
    work until the participant consented to share name and contact for this proposal."""

    pseudonym: str
    occupations: list[str]
    skills: list[tuple[str, int, str]]
    dutch_level: str | None
    hours_per_week: int | None
    shifts: list[str]
    available_from: date | None
    licences: list[str]
    certificates: list[str]
    support_needs: list[str]
    distance_km: float | None
    endorsement_strengths: str
    endorsement_evidence: str
    contact: dict = field(default_factory=dict)  # name, phone, email after consent


def candidate(
    db: Session, proposal: Proposal, vacancy: Vacancy, participant: Participant, locale: str
) -> Candidate:
    endorsement = psvc.current_endorsement(db, participant)
    distance = None
    if participant.home_postcode:
        distance = postcodes.distance_km(participant.home_postcode, vacancy.postcode)
    result = Candidate(
        pseudonym=_("Candidate %(code)s", code=f"K{proposal.id:04d}"),
        occupations=[
            vocabulary.label(vocabulary.occupation(code), locale) or code
            for code in psvc.occupations_of(db, participant)
        ],
        skills=[
            (vocabulary.label(vocabulary.skill(s.skill), locale) or s.skill, s.level, s.evidence)
            for s in psvc.skills_of(db, participant)
        ],
        dutch_level=participant.dutch_level,
        hours_per_week=participant.hours_per_week,
        shifts=[str(cat.SHIFTS[s]) for s in psvc.shifts_of(participant)],
        available_from=participant.available_from,
        licences=psvc.split_codes(participant.licences),
        certificates=[
            str(cat.CERTIFICATES.get(c.certificate, c.certificate))
            for c in psvc.certificates_of(db, participant)
        ],
        support_needs=[str(cat.SUPPORT_NEEDS[n]) for n in psvc.support_needs_of(db, participant)],
        distance_km=distance,
        endorsement_strengths=endorsement.strengths if endorsement else "",
        endorsement_evidence=endorsement.evidence if endorsement else "",
    )
    if contact_visible(db, proposal, participant):
        result.contact = {
            "name": f"{participant.first_name} {participant.last_name}".strip(),
            "phone": participant.phone,
            "email": participant.email,
        }
    return result


def proposable_participants(db: Session, mentor: User) -> list[Participant]:
    query = select(Participant).where(
        Participant.mentor_id == mentor.id, col(Participant.active).is_(True)
    )
    return list(db.exec(query.order_by(Participant.first_name, Participant.last_name)).all())


def open_vacancies(db: Session) -> list[tuple[Vacancy, Organisation]]:
    vacancies.expire_due(db)
    query = (
        select(Vacancy, Organisation)
        .join(Organisation, col(Organisation.id) == Vacancy.organisation_id)
        .where(Vacancy.status == VacancyStatus.PUBLISHED, Vacancy.closing_date >= date.today())
        .order_by(Vacancy.title)
    )
    return list(db.exec(query).all())


from . import proposals_demo  # noqa: E402,F401  (registers the demo proposals)
