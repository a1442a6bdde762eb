"""`portal eval`: ranking quality on hand-graded cases (eval_cases.toml, graded from the
rules of the work before the code ran; its header states the grades). The cases are loaded
through the services into a throwaway database and index folder (eval_load.py), then
matching runs both ways through the index, as the pages call it:

  ndcg10     per vacancy, nDCG@10 of the main list (gain 2^grade - 1), then the mean
  pairwise   share of pairs with different grades in the right order, both directions
             (a person's openings, a vacancy's candidates; main list, then "close")
  violations pairs graded "x" (or not listed: another region) returned in any list
  explained  share of returned matches that explain every criterion (each hard filter,
             the occupation, support, every must-have, nice-to-have and certificate the
             employer asked) with a status and words, and say their fit in words"""

import math
import tempfile
import tomllib
from itertools import combinations
from pathlib import Path

from sqlmodel import Session

from .. import clock
from .rules import COACHABLE, MET, MISSING

CASES = Path(__file__).with_name("eval_cases.toml")
ALWAYS = ("matchable", "right_to_work", "licence", "shifts", "hours", "distance", "available")
ALWAYS += ("dutch", "occupation", "support")
TARGETS = {"ndcg10": 0.90, "pairwise": 0.95, "explained": 1.0}


def ndcg(grades_in_order: list[int], all_grades: list[int], k: int = 10) -> float:
    def dcg(grades):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(all_grades, reverse=True))
    return 1.0 if ideal == 0 else dcg(grades_in_order) / ideal


def pairs_in_order(order: list[str], grades: dict[str, int]) -> tuple[int, int]:
    """(right, all) over pairs of graded keys with different grades; a key missing from
    `order` counts as ranked last."""
    position = {key: i for i, key in enumerate(order)}
    right = total = 0
    for a, b in combinations(grades, 2):
        if grades[a] == grades[b]:
            continue
        high, low = (a, b) if grades[a] > grades[b] else (b, a)
        total += 1
        right += position.get(high, math.inf) < position.get(low, math.inf)
    return right, total


def complete(match, case: dict) -> bool:
    criteria = list(match.criteria)
    codes = [c.code for c in criteria]
    counts = {
        "skill_must": len(case.get("must", [])),
        "skill_nice": len(case.get("nice", [])),
        "certificate": len(case.get("certificates", [])),
    }
    return (
        all(code in codes for code in ALWAYS)
        and all(codes.count(code) == n for code, n in counts.items())
        and all(c.status in (MET, COACHABLE, MISSING) and str(c.message).strip() for c in criteria)
        and bool(match.fit().words)
    )


def grades_of(cases: dict) -> dict[tuple[str, str], int | str]:
    return {(v["key"], p): grade[0] for v in cases["vacancy"] for p, grade in v["grades"].items()}


def run(echo=print, path: Path = CASES, engine_name: str = "whoosh") -> tuple[str, int]:
    """(last line, violations), in a throwaway database and index folder."""
    from .bench import throwaway_app

    cases = tomllib.loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="portal-eval-") as folder:
        app = throwaway_app(Path(folder), engine=engine_name)
        bind = app.extensions["portal_engine"]
        try:
            with app.test_request_context("/?lang=en"), Session(bind) as db:
                return _measure(db, cases, echo)
        finally:
            bind.dispose()


def _measure(db: Session, cases: dict, echo) -> tuple[str, int]:
    from search_index import open_engine, sync

    from . import service as matching
    from .eval_load import load
    from .index import get_store

    loaded = load(db, cases, clock.today())
    store = get_store()
    sync(store, db.get_bind())
    engine = open_engine(store, db.get_bind())
    grades = grades_of(cases)
    p_key = {pid: key for key, pid in loaded.participants.items()}
    v_key = {vid: key for key, vid in loaded.vacancies.items()}
    ndcgs, right, total, violations, returned, explained = [], 0, 0, 0, 0, 0

    def check(vacancy: str, participant: str, match) -> None:
        nonlocal violations, returned, explained
        grade = grades.get((vacancy, participant), "x")
        if grade == "x":
            violations += 1
            echo(f"VIOLATION {vacancy} x {participant}: returned, graded x")
        returned += 1
        explained += complete(match, loaded.vacancy_cases[vacancy])

    for vacancy, vid in loaded.vacancies.items():
        page = matching.candidates_for_vacancy(db, vid, limit=100, engine=engine)
        order = [p_key[m.participant_id] for m in page.items]
        for key, m in zip(order, page.items, strict=True):
            check(vacancy, key, m)
        main = [key for key, m in zip(order, page.items, strict=True) if m.fit().main]
        graded = {p: g for (v, p), g in grades.items() if v == vacancy and g != "x"}
        score = ndcg([graded.get(key, 0) for key in main], list(graded.values()))
        ndcgs.append(score)
        r, t = pairs_in_order(order, graded)
        right, total = right + r, total + t
        echo(
            f"vacancy {vacancy}: ndcg10={score:.3f} main={len(main)} "
            f"close={len(order) - len(main)} pairs {r}/{t}"
        )
    for participant, pid in loaded.participants.items():
        page = matching.openings_for_participant(db, pid, limit=100, engine=engine)
        order = [v_key[m.vacancy_id] for m in page.items]
        for key, m in zip(order, page.items, strict=True):
            check(key, participant, m)
        graded = {v: g for (v, p), g in grades.items() if p == participant and g != "x"}
        r, t = pairs_in_order(order, graded)
        right, total = right + r, total + t
    mean = sum(ndcgs) / len(ndcgs)
    pairwise = right / total if total else 1.0
    share = explained / returned if returned else 1.0
    line = (
        f"eval cases={len(grades)} ndcg10={mean:.3f} pairwise={pairwise:.3f} "
        f"violations={violations} explained={share:.3f}"
    )
    return line, violations
