"""Every hard filter and score part on purpose-built pairs: met, coachable and missing,
with the deciding values in the explanation; the brute-force scorer agrees."""

from dataclasses import replace

import pytest
from flask_babel import force_locale

from portal.matching import brute
from portal.matching.explain import explain
from portal.matching.fit import fit_of
from portal.matching.rules import (
    CLOSE,
    GOOD,
    LEARNING,
    MAX_DAY,
    STRONG,
    WITH_GAP,
    ParticipantFacts,
    VacancyFacts,
    band,
    hard_failures,
    passes,
    score,
)

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
    assert status(v, p, "distance").message == "12 km straight-line, within 20 km."
    assert status(v, p, "licence").status == "missing"
    far = explain(v, participant(max_km=10), 12.0, TODAY)
    assert [c.status for c in far if c.code == "distance"] == ["missing"]
    assert status(v, participant(shifts=()), "shifts").status == "missing"
    assert status(vacancy(hours=40), p, "hours").status == "missing"
    assert status(v, participant(available=TODAY + 20), "available").status == "missing"
    assert status(v, participant(rtw_until=0), "right_to_work").status == "missing"


def test_occupation_only_breaks_ties():
    v = vacancy()
    same = score(v, participant(), 5)
    related = score(v, participant(occs=("order-picker",)), 5)
    other = score(v, participant(occs=("cook",)), 5)
    assert same > related > other
    assert status(v, participant(occs=("order-picker",)), "occupation").status == "coachable"
    assert status(v, participant(occs=("cook",)), "occupation").status == "missing"


def test_every_must_have_beats_same_occupation_without_them():
    """Defect 2: same occupation and no must-have (245 before) ranked above every must-have
    with a related occupation (185)."""
    v = vacancy(must=("order-picking", "hand-scanner", "pallet-truck"), nice=())
    wants_it = participant(occs=("warehouse-worker",), skills=(("teamwork", 3),))
    can_do = participant(
        occs=("order-picker",),
        skills=(("order-picking", 2), ("hand-scanner", 2), ("pallet-truck", 2)),
    )
    learning = participant(
        occs=("warehouse-worker",),
        skills=(("order-picking", 1), ("hand-scanner", 3), ("pallet-truck", 3)),
    )
    one_gap = participant(skills=(("order-picking", 3), ("hand-scanner", 3)))
    assert score(v, can_do, 5) > score(v, learning, 5) > score(v, one_gap, 5)
    assert score(v, one_gap, 5) > score(v, wants_it, 5)
    assert band(v, wants_it) == CLOSE and band(v, one_gap) == WITH_GAP
    assert band(v, can_do) == STRONG and band(v, learning) == LEARNING


def test_coachable_dutch_and_unmet_support_rank_below_a_strong_fit():
    v = vacancy(dutch=3, coaching=True)
    assert band(v, participant(dutch=3)) == STRONG
    assert band(v, participant(dutch=2)) == GOOD
    needs = ("language_coach", "visual_instructions", "buddy")
    assert band(v, participant(needs=needs)) == GOOD
    assert band(v, participant(needs=("buddy",))) == STRONG


def test_commitment_strength_counts_not_just_a_buddy():
    """Defect 7: buddy hours and months, language coach and picture instructions weigh."""
    p = participant(needs=("buddy", "language_coach"))
    weak = vacancy(support=("buddy",), buddy_hours=1, months=1)
    strong = vacancy(support=("buddy",), buddy_hours=4, months=6)
    coach = vacancy(support=("buddy", "language_coach"), buddy_hours=4, months=6)
    assert score(weak, p, 5) < score(strong, p, 5) < score(coach, p, 5)


def test_fit_in_words_for_the_locale():
    """Defect 8: a fit level and words, not a raw score; numbers formatted for the locale."""
    v = vacancy(must=("order-picking", "hand-scanner"), dutch=3, coaching=True)
    p = participant(dutch=2, skills=(("order-picking", 3),))
    fit = fit_of(v, p, 0.04)
    assert (fit.level, fit.label) == ("gap", "Fit with a gap")
    assert fit.words == "fits 1 of 2 must-haves, Dutch coachable, 0 km"
    assert len(fit.gap) == 1
    with force_locale("nl"):
        assert "12,4 km" in fit_of(v, p, 12.44).words
        assert "0.0" not in status(v, participant(), "distance").message


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
