"""Every hard filter and score part on purpose-built pairs: met, coachable and missing,
with the deciding values in the explanation; the brute-force scorer agrees."""

from dataclasses import replace

import pytest

from portal.matching import brute
from portal.matching.rules import (
    MAX_DAY,
    ParticipantFacts,
    VacancyFacts,
    hard_failures,
    passes,
    score,
)
from portal.matching.service import explain

TODAY = 9000


def vacancy(**changes) -> VacancyFacts:
    base = VacancyFacts(
        id=1, org=1, title="Magazijn", occ="warehouse-worker", group="logistics", dutch=3,
        coaching=False, licence="", shifts=("day",), hours=30, start=TODAY + 10,
        close=TODAY + 30, postcode="9000", must=("order-picking",), nice=("packing",),
        certs=(), support=("buddy",),
    )  # fmt: skip
    return replace(base, **changes)


def participant(**changes) -> ParticipantFacts:
    base = ParticipantFacts(
        id=7, mentor=3, occs=("warehouse-worker",), dutch=3, licences=(), certs=(),
        shifts=("day",), hours=38, available=TODAY, rtw_until=MAX_DAY, postcode="9000",
        max_km=20, needs=(), langs=("ar",), endorsed_until=TODAY + 100,
        skills=(("order-picking", 3),),
    )  # fmt: skip
    return replace(base, **changes)


def status(v, p, code):
    with_app = [c for c in explain(v, p, 12.0, TODAY) if c.code == code]
    assert with_app, code
    return with_app[0]


@pytest.fixture(autouse=True)
def _context(app):
    with app.test_request_context("/?lang=en"):
        yield


@pytest.mark.parametrize(
    ("v_changes", "p_changes", "failed"),
    [
        ({}, {"endorsed_until": -1}, "matchable"),
        ({}, {"rtw_until": TODAY + 5}, "right_to_work"),
        ({"licence": "B"}, {}, "licence"),
        ({"certs": (("forklift", False),)}, {}, "certificates"),
        ({"certs": (("forklift", False),)}, {"certs": (("forklift", TODAY + 5),)}, "certificates"),
        ({"shifts": ("day", "night")}, {}, "shifts"),
        ({"hours": 40}, {}, "hours"),
        ({"postcode": "8000"}, {}, "distance"),
        ({}, {"available": TODAY + 11}, "available"),
        ({"dutch": 4}, {}, "dutch"),
        ({"dutch": 5, "coaching": True}, {}, "dutch"),
    ],
)
def test_each_hard_filter_refuses(v_changes, p_changes, failed):
    v, p = vacancy(**v_changes), participant(**p_changes)
    assert failed in hard_failures(v, p, TODAY)
    assert passes(v, p, TODAY) is None
    assert brute.candidates(v, [p], TODAY) == (0, [])


def test_a_fitting_pair_passes_everything():
    v, p = vacancy(), participant(skills=(("order-picking", 3), ("packing", 2)))
    assert hard_failures(v, p, TODAY) == []
    assert passes(v, p, TODAY) == 0.0
    assert all(c.status == "met" for c in explain(v, p, 0.0, TODAY))


def test_licence_implied_and_certificate_trained_and_coachable_dutch():
    from portal.matching.rules import licences_with_implied

    v = vacancy(licence="B", certs=(("forklift", True),), dutch=4, coaching=True)
    p = participant(licences=licences_with_implied(["C"]))
    assert hard_failures(v, p, TODAY) == []
    assert status(v, p, "licence").status == "met"
    cert = status(v, p, "certificate")
    assert (cert.status, cert.message) == (
        "coachable",
        "Forklift certificate: missing, employer trains.",
    )
    dutch = status(v, p, "dutch")
    assert dutch.status == "coachable"
    assert dutch.message == "Dutch B1, B2 asked, language coaching offered."


def test_explanations_name_the_deciding_values():
    v, p = vacancy(licence="CE"), participant(max_km=20)
    assert status(v, p, "distance").message == "12.0 km straight-line, within 20 km."
    assert status(v, p, "licence").status == "missing"
    far = explain(v, participant(max_km=10), 12.0, TODAY)
    assert [c.status for c in far if c.code == "distance"] == ["missing"]
    assert status(v, participant(shifts=()), "shifts").status == "missing"
    assert status(vacancy(hours=40), p, "hours").status == "missing"
    assert status(v, participant(available=TODAY + 20), "available").status == "missing"
    assert status(v, participant(rtw_until=0), "right_to_work").status == "missing"


def test_occupation_same_beats_related_beats_other():
    v = vacancy()
    same = score(v, participant(), 5)
    related = score(v, participant(occs=("order-picker",)), 5)
    other = score(v, participant(occs=("cook",)), 5)
    assert same > related > other
    assert round(related - other) >= 100 and round(same - related) >= 100
    assert status(v, participant(occs=("order-picker",)), "occupation").status == "coachable"
    assert status(v, participant(occs=("cook",)), "occupation").status == "missing"


def test_skills_must_have_weighs_more_and_level_counts():
    v = vacancy(must=("order-picking",), nice=("packing",))
    must = score(v, participant(skills=(("order-picking", 3),)), 5)
    nice = score(v, participant(skills=(("packing", 3),)), 5)
    learning = score(v, participant(skills=(("order-picking", 1),)), 5)
    assert must > nice and must > learning
    p = participant(skills=(("order-picking", 1),))
    assert status(v, p, "skill_must").status == "coachable"
    assert status(v, participant(skills=()), "skill_must").status == "missing"
    assert status(v, participant(), "skill_nice").status == "missing"


def test_dutch_margin_distance_and_support_count():
    v = vacancy(dutch=2)
    assert score(v, participant(dutch=3), 5) > score(v, participant(dutch=2), 5)
    assert score(v, participant(), 2) > score(v, participant(), 15)
    needs = participant(needs=("buddy", "visual_instructions"))
    assert score(vacancy(support=("buddy", "visual_instructions")), needs, 5) > score(v, needs, 5)
    assert status(v, needs, "support").status == "coachable"
    assert status(vacancy(support=()), needs, "support").status == "missing"
    assert (
        status(vacancy(support=("buddy", "visual_instructions")), needs, "support").status == "met"
    )
    colleague = participant(needs=("same_language_colleague",), langs=("ar",))
    assert status(vacancy(colleague_langs=("ar",)), colleague, "support").status == "met"


def test_brute_force_orders_by_score_then_id():
    v = vacancy()
    people = [participant(id=i) for i in (5, 3, 9)] + [participant(id=4, occs=("cook",))]
    total, top = brute.candidates(v, people, TODAY)
    assert total == 4
    assert [i for _s, i in top] == [3, 5, 9, 4]
