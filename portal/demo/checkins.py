"""Demo hires of different ages with their check-ins, so the outcomes dashboard shows real
curves: hired 14, 13, 8, 4 and 2 months and almost four weeks ago; most still employed, one
left the job (travel too hard, wants help again), one left after ten months; a 3-month
check-in overdue and a 1-month check-in due.

Made through the services (propose, steps, record), then dated back: the services only
accept today's steps, the demo needs a past."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from .. import clock
from ..models import CheckIn, Endorsement, Proposal, ProposalEvent, Stage, Vacancy
from ..services.checkins import recording
from ..services.proposals import workflow
from ..services.vacancies import content, lifecycle
from . import proposals as proposals_demo

# participant row (as in proposals_demo.EXTRA), employer index, job title, months ago (or
# days ago as a negative number), check-ins {month: (still employed, left month, reason)}
HIRES = [
    (("Karim", "Aziz", 0, "9000", "order-picker", "order-picking", "A2", "+32 477 10 20 30"),
     0, "Orderpicker dagploeg", 14, {1: True, 3: True, 6: True, 12: True}),
    (("Jamal", "Osman", 1, "9300", "construction-labourer", "site-cleanup", "A2",
      "+32 477 21 31 41"), 2, "Handlanger renovatie", 13, {1: True, 3: True, 6: True,
                                                           12: (False, 10, "contract_ended")}),
    (("Meron", "Gebre", 2, "2060", "dishwasher", "dishwashing", "A1", "+32 477 32 42 52"),
     1, "Afwasser ontbijtservice", 8, {1: True, 3: True, 6: (False, 5, "travel")}),
    (("Rahel", "Tesfaye", 2, "2100", "order-picker", "order-picking", "A2",
      "+32 477 43 53 63"), 4, "Logistiek medewerker linnen", 4, {1: True}),
    (("Ali", "Rezaei", 0, "9040", "green-worker", "lawn-mowing", "A1", "+32 477 54 64 74"),
     3, "Groenarbeider begraafplaatsen", 2, {1: True}),
    (("Lina", "Saleh", 1, "9050", "order-picker", "loading-unloading", "A2",
      "+32 477 65 75 85"), 0, "Laad- en losmedewerker", -26, {}),
]  # fmt: skip

MOTIVATION = "Werkt al maanden stipt en zelfstandig in ons atelier; klaar voor een vaste job."
NOTES = {
    True: ("Gaat graag werken, voelt zich thuis in de ploeg.", "Tevreden, snel ingewerkt."),
    False: ("De verplaatsing werd te zwaar.", "Jammer, hij deed het goed."),
}


def _vacancy(db, employer, title, occupation, skill, start, postcode):
    data = content.VacancyData(
        title=title,
        occupation_code=occupation,
        tasks="Je werkt mee in de ploeg, met een vaste peter of meter op de werkvloer.",
        must_have=[skill],
        dutch_level_code="A1",
        language_coaching=True,
        postcode=postcode,
        hours_per_week=38,
        shifts=["day"],
        contract_type="open-ended",
        positions=1,
        start_date=start,
        closing_date=start,
        commitment=content.CommitmentData(
            "Ploegleider", 3, 6, "Week 1: rondleiding en veiligheid.", True, True, "", 2,
            "milestones",
        ),
    )  # fmt: skip
    vacancy, _new = lifecycle.create(db, employer, data)
    lifecycle.publish(db, employer, vacancy)
    return vacancy


def _backdate(db: Session, proposal: Proposal, vacancy: Vacancy, hired_on) -> None:
    proposed_at = proposal.created_at - (clock.today() - hired_on) - timedelta(days=25)
    proposal.created_at, proposal.updated_at = proposed_at, proposed_at + timedelta(days=20)
    db.add(proposal)
    events = db.exec(select(ProposalEvent).where(ProposalEvent.proposal_id == proposal.id)).all()
    for number, event in enumerate(sorted(events, key=lambda e: e.id)):
        event.at = proposed_at + timedelta(days=5 * number)
        db.add(event)
    for endorsement in db.exec(
        select(Endorsement).where(Endorsement.participant_id == proposal.participant_id)
    ).all():
        endorsement.given_at = proposed_at - timedelta(days=30)
        db.add(endorsement)
    vacancy.start_date = hired_on
    vacancy.closing_date = hired_on - timedelta(days=3)
    vacancy.published_at = proposed_at - timedelta(days=10)
    db.add(vacancy)
    db.commit()


def add_demo_checkins(db: Session, world: dict) -> None:
    today = clock.today()
    mentors, employers = world["mentors"], world["employer_users"]
    for row, employer_index, title, age, plan in HIRES:
        mentor, employer = mentors[row[2]], employers[employer_index]
        p = proposals_demo.extra_participant(db, mentor, row, today)
        vacancy = _vacancy(db, employer, title, row[4], row[5], today + timedelta(days=5), row[3])
        proposal = workflow.propose(db, mentor, p.id, vacancy.id, MOTIVATION, True, True)
        hired_on = today + timedelta(days=age) if age < 0 else today + relativedelta(months=-age)
        steps = [
            (Stage.EMPLOYER_INTERESTED, {"note": "Graag kennismaken."}),
            (
                Stage.INTRO_MEETING,
                {"meeting_on": today + timedelta(days=1), "meeting_place": "Onthaal"},
            ),
            (Stage.HIRED, {"contract_type": "open-ended", "hire_start": hired_on}),
        ]
        for stage, values in steps:
            workflow.advance(db, employer, proposal.id, stage, values)
        _backdate(db, proposal, vacancy, hired_on)
        for month, outcome in plan.items():
            _record(db, mentor, proposal, hired_on, month, outcome)
        if title == "Orderpicker dagploeg":
            recording.record_employer_view(
                db, employer, proposal.id, 12, {"rating": "good", "note": "Een aanwinst."}
            )


def _record(db, mentor, proposal, hired_on, month, outcome) -> None:
    employed = outcome is True
    held_on = hired_on + relativedelta(months=month) + timedelta(days=2)
    values = {
        "held_on": min(held_on, clock.today()),
        "still_employed": "yes" if employed else "no",
        "participant_rating": "good" if employed else "difficult",
        "participant_note": NOTES[employed][0],
        "employer_rating": "good" if employed else "mixed",
        "employer_note": NOTES[employed][1],
        "commitment": {
            item: "partly" if item == "buddy_hours" and month > 3 else "kept"
            for item in recording.COMMITMENT_ITEMS
        },
    }
    if not employed:
        _flag, left_month, reason = outcome
        values |= {
            "left_on": hired_on + relativedelta(months=left_month),
            "leave_reason": reason,
            "wants_help_again": "yes",
        }
    recording.record(db, mentor, proposal.id, month, values)
    # The demo's hires are months old: say so in the record's timestamps too.
    row = db.exec(
        select(CheckIn).where(CheckIn.proposal_id == proposal.id, col(CheckIn.month) == month)
    ).one()
    row.notified_at = row.recorded_at
    db.add(row)
    db.commit()
