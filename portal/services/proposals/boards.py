"""Read models of proposals: the mentor's board, the participant's list, the employer's
inbox, counts and the history of one proposal."""

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from ...i18n import _
from ...models import (
    OPEN_STAGES,
    Consent,
    Organisation,
    Participant,
    Proposal,
    ProposalEvent,
    Role,
    Stage,
    User,
    Vacancy,
)
from ..participants import consents
from .stage_rules import BOARD_STAGES, STAGE_LABELS


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
    ids = [p.id for p in proposals]
    if not ids:
        return set()
    query = select(Consent.proposal_id).where(
        col(Consent.proposal_id).in_(ids),
        Consent.scope == consents.SCOPE_SHARE_CONTACT,
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
