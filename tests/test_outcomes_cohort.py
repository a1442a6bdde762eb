"""The outcome arithmetic on a hand-made data set; every expected figure is worked out here."""

from datetime import date

from portal.services.outcomes import (
    CheckInFact,
    EndorsementFact,
    Facts,
    Filters,
    ProposalFact,
    compute,
)
from portal.services.outcomes_formats import csv_text, summary_line

TODAY = date(2026, 7, 1)
GENT, ANTWERP = "Provincie Oost-Vlaanderen", "Provincie Antwerpen"
WISE_A, WISE_B = 10, 20


def hire(pid, person, start, employer=1, sector="logistics", region=GENT, wise=WISE_A):
    return ProposalFact(pid, person, wise, employer, f"Employer {employer}", sector, region,
                        date(2025, 1, 1), "hired", hire_start=start)  # fmt: skip


def left(pid, day, month=6):
    return CheckInFact(pid, month, False, day, day)


FACTS = Facts(
    endorsements=[
        EndorsementFact(1, WISE_A, GENT, date(2025, 1, 10)),
        EndorsementFact(2, WISE_A, GENT, date(2025, 3, 1)),
        EndorsementFact(3, WISE_B, ANTWERP, date(2025, 6, 1)),
        EndorsementFact(4, WISE_A, GENT, date(2025, 9, 1)),
        EndorsementFact(5, WISE_B, ANTWERP, date(2026, 1, 5)),
        EndorsementFact(6, WISE_A, GENT, date(2026, 2, 1)),
        EndorsementFact(7, WISE_B, ANTWERP, date(2026, 3, 1)),  # never proposed
        EndorsementFact(8, WISE_B, ANTWERP, date(2026, 4, 1)),  # proposed, declined
    ],
    proposals=[
        # 1: hired 2025-02-01, still employed          -> in the 3, 6 and 12-month cohorts
        hire(101, 1, date(2025, 2, 1)),
        # 2: hired 2025-04-01, left 2025-09-15 (5.5 m)   -> 3 and 6 and 12; retained at 3 only
        hire(102, 2, date(2025, 4, 1)),
        # 3: hired 2025-07-01, left 2026-06-20 (11.6 m)  -> 12-month point 2026-07-01 has passed
        #    (today): in all three cohorts; retained at 3 and 6, not at 12
        hire(103, 3, date(2025, 7, 1), employer=2, sector="care", region=ANTWERP, wise=WISE_B),
        # 4: hired 2025-11-01, still employed            -> 3 and 6 (2026-05-01), not 12
        hire(104, 4, date(2025, 11, 1)),
        # 5: hired 2026-02-10, left 2026-03-01           -> 3 (2026-05-10): not retained; 6 not
        #    passed yet (2026-08-10)
        hire(105, 5, date(2026, 2, 10), employer=2, sector="care", region=ANTWERP, wise=WISE_B),
        # 6: hired 2026-05-01                            -> no cohort yet (3 m on 2026-08-01)
        hire(106, 6, date(2026, 5, 1)),
        ProposalFact(
            107,
            8,
            WISE_B,
            2,
            "Employer 2",
            "care",
            ANTWERP,
            date(2026, 4, 5),
            "declined",
            decline_reason="dutch",
            closed_on=date(2026, 4, 9),
        ),
        ProposalFact(
            108,
            1,
            WISE_A,
            2,
            "Employer 2",
            "care",
            ANTWERP,
            date(2024, 12, 1),
            "declined",
            decline_reason="hours",
            closed_on=date(2024, 12, 9),
        ),
    ],  # fmt: skip
    checkins=[
        CheckInFact(101, 1, True, None, date(2025, 3, 3), {"buddy": "kept", "trial": "kept"}),
        CheckInFact(101, 3, True, None, date(2025, 5, 3), {"buddy": "partly", "trial": "kept"}),
        left(102, date(2025, 9, 15)),
        CheckInFact(103, 12, False, date(2026, 6, 20), date(2026, 6, 25), {"buddy": "not"}),
        left(105, date(2026, 3, 1), month=1),
    ],
)


def test_whole_programme_cohorts():
    f = compute(FACTS, Filters(), TODAY)
    assert f.endorsed == 8
    # Proposed persons in the period (no start, end = today): 1..6 and 8 -> 7.
    assert f.proposed == 7
    assert f.hired == 6 and f.hires == 6
    assert f.transition_rate == 6 / 8
    # Days from the endorsement to the hire: 22, 31, 30, 61, 36, 89 -> median (31 + 36) / 2.
    assert f.median_days_to_hire == 33.5
    three, six, twelve = f.retention
    # 3 months: hires 1..5 have passed it; 5 left before (2026-03-01 < 2026-05-10).
    assert (three.cohort, three.retained) == (5, 4)
    # 6 months: hires 1..4 (5's point 2026-08-10 has not passed); 2 left 2025-09-15 before
    # 2025-10-01.
    assert (six.cohort, six.retained) == (4, 3)
    # 12 months: hires 1, 2, 3 (3's point is today); 2 and 3 left before.
    assert (twelve.cohort, twelve.retained) == (3, 1)
    assert twelve.rate == 1 / 3
    # Commitments: employer 1 answered kept 3, partly 1; employer 2 not 1.
    by_name = {c.employer_name: c for c in f.commitments}
    assert by_name["Employer 1"].answers == {"kept": 3, "partly": 1}
    assert by_name["Employer 1"].kept_rate == 0.75
    assert by_name["Employer 2"].kept_rate == 0.0
    # Declined in the period: both (no start given).
    assert f.declined == [("dutch", 1), ("hours", 1)]
    assert summary_line(f) == (
        "outcomes endorsed=8 proposed=7 hired=6 transition_rate=0.750 "
        "retention_3m=0.800 retention_6m=0.750 retention_12m=0.333"
    )


def test_period_and_filters():
    period = Filters(start=date(2026, 1, 1), end=date(2026, 6, 30))
    f = compute(FACTS, period, TODAY)
    assert f.endorsed == 4  # 5, 6, 7, 8
    assert f.hired == 2  # 5 and 6
    assert f.transition_rate == 0.5
    # Hires 5 and 6: only 5 has passed 3 months, and 5 left before.
    assert [(r.cohort, r.retained) for r in f.retention] == [(1, 0), (0, 0), (0, 0)]
    assert f.retention[1].rate is None
    assert f.declined == [("dutch", 1)]

    wise_b = compute(FACTS, Filters(wise_id=WISE_B), TODAY)
    assert (wise_b.endorsed, wise_b.hired) == (4, 2)  # 3, 5, 7, 8 endorsed; 3 and 5 hired
    assert [(r.cohort, r.retained) for r in wise_b.retention] == [(2, 1), (1, 1), (1, 0)]

    care = compute(FACTS, Filters(sector="care"), TODAY)
    assert care.endorsed == 8  # the sector does not filter the endorsed
    assert care.hired == 2 and {c.employer_name for c in care.commitments} == {"Employer 2"}

    gent = compute(FACTS, Filters(region=GENT), TODAY)
    assert (gent.endorsed, gent.hired) == (4, 4)

    own = compute(FACTS, Filters(employer_id=1), TODAY)
    assert own.endorsed is None and own.transition_rate is None
    assert own.hired == 4 and own.declined == []


def test_an_empty_period_gives_zeros_not_errors():
    f = compute(FACTS, Filters(start=date(2020, 1, 1), end=date(2020, 12, 31)), TODAY)
    assert f.empty
    assert (f.endorsed, f.proposed, f.hired) == (0, 0, 0)
    assert f.transition_rate is None and f.median_days_to_hire is None
    assert summary_line(f) == (
        "outcomes endorsed=0 proposed=0 hired=0 transition_rate=na "
        "retention_3m=na retention_6m=na retention_12m=na"
    )
    assert "headline,hired,value,0" in csv_text(f)


def test_agreed_and_started_hires_are_two_figures():
    """Agreed: the proposal moved to hired in the period; started: the first working day
    has come. A hire agreed today that starts next month is agreed, not started."""
    later = ProposalFact(
        9,
        9,
        WISE_A,
        1,
        "Employer 1",
        "logistics",
        GENT,
        date(2026, 6, 1),
        "hired",
        hire_start=date(2026, 7, 20),
        hired_on=date(2026, 6, 25),
    )
    started = ProposalFact(
        10,
        10,
        WISE_A,
        1,
        "Employer 1",
        "logistics",
        GENT,
        date(2026, 5, 1),
        "hired",
        hire_start=date(2026, 6, 1),
        hired_on=date(2026, 5, 20),
    )
    f = compute(Facts([], [later, started], []), Filters(start=date(2026, 5, 1)), TODAY)
    assert (f.agreed, f.hired) == (2, 1)
    text = csv_text(f)
    assert "headline,hires_agreed,value,2" in text and "headline,hired,value,1" in text
    june = compute(Facts([], [later, started], []), Filters(start=date(2026, 6, 1)), TODAY)
    assert (june.agreed, june.hired) == (1, 1)
