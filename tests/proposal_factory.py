"""Arrange a mentor with an endorsed participant and an employer with a published vacancy,
straight through the services; the tests then act through the test client."""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import select

from portal import clock
from portal.models import Participant, Proposal, ProposalEvent, User, Vacancy
from portal.services.vacancies import lifecycle
from portal.services.vacancies.content import CommitmentData, VacancyData

from .conftest import csrf_token, login
from .participant_factory import endorse, make_participant


def vacancy_data(**changes) -> VacancyData:
    start = clock.today() + timedelta(days=20)
    data = VacancyData(
        title="Magazijnmedewerker",
        occupation_code="order-picker",
        tasks="Bestellingen klaarzetten met de handscanner.",
        must_have=["order-picking"],
        dutch_level_code="A2",
        postcode="9000",
        hours_per_week=38,
        shifts=["day"],
        contract_type="open-ended",
        positions=1,
        start_date=start,
        closing_date=start - timedelta(days=5),
        commitment=CommitmentData("Ploegleider", 4, 3, "Dag 1: rondleiding.", True, True, "", 2,
                                  "monthly"),
    )  # fmt: skip
    for name, value in changes.items():
        setattr(data, name, value)
    return data


@dataclass
class World:
    mentor: User
    employer: User
    participant: Participant
    participant_user: User | None
    vacancy: Vacancy


def world(app, db, make_user, publish=True, consent=True, endorsed=True, **vacancy_changes):
    mentor = make_user("mentor", locale="nl")
    employer = make_user("employer", locale="fr")
    p = make_participant(app, db, mentor, complete=True, email="samir@example.org")
    if endorsed:
        endorse(app, db, mentor, p, consent=consent)
    with app.app_context():
        vacancy, _new = lifecycle.create(db, employer, vacancy_data(**vacancy_changes))
        if publish:
            lifecycle.publish(db, employer, vacancy)
    return World(mentor, employer, p, None, vacancy)


def client_for(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def post_form(client, url, data, page="/notifications/", prefix=""):
    """POST like a browser from `page`, with that page's CSRF token under the form's prefix."""
    data = dict(data)
    data.setdefault(f"{prefix}csrf_token", csrf_token(client, page))
    return client.post(url, data=data)


def propose(client, w: World, **fields):
    data = {
        "participant_id": w.participant.id,
        "vacancy_id": w.vacancy.id,
        "motivation": "Werkt snel en nauwkeurig met de scanner.",
        "interest_with_mentor": "y",
    } | fields
    return post_form(client, "/proposals/new", data)


def interested_employer(app, db, make_user, meeting=None, **vacancy_changes):
    """A proposal the employer (French) is interested in, with the meeting planned when
    `meeting` holds the form values; (world, proposal, the employer's client)."""
    w = world(app, db, make_user, **vacancy_changes)
    propose(client_for(app, w.mentor), w)
    [proposal] = proposals_of(db, w)
    employer = client_for(app, w.employer)
    step(employer, proposal.id, "employer_interested")
    if meeting is not None:
        assert step(employer, proposal.id, "intro_meeting", meeting).status_code == 302
    return w, proposal, employer


def step(client, proposal_id, stage, values=None):
    data = {f"{stage}-{k}": v for k, v in (values or {}).items()}
    return post_form(client, f"/proposals/{proposal_id}/step/{stage}", data, prefix=f"{stage}-")


def proposals_of(db, w: World) -> list[Proposal]:
    db.expire_all()
    return list(db.exec(select(Proposal).where(Proposal.participant_id == w.participant.id)))


def events_of(db, proposal_id) -> list[ProposalEvent]:
    db.expire_all()
    query = select(ProposalEvent).where(ProposalEvent.proposal_id == proposal_id)
    return list(db.exec(query.order_by(ProposalEvent.id)))
