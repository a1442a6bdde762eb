"""The brute-force scorer: a Python loop over every row applying rules.py directly,
without the index. The benchmark and the tests compare the index's answers with it."""

from collections.abc import Iterable

from .rules import ParticipantFacts, VacancyFacts, passes, score


def _ranked(pairs, today: int, limit: int) -> tuple[int, list[tuple[float, int]]]:
    rows = []
    for v, p, other_id in pairs:
        km = passes(v, p, today)
        if km is None:
            continue
        rows.append((-score(v, p, km), other_id))
    rows.sort()
    return len(rows), [(-neg, other_id) for neg, other_id in rows[:limit]]


def candidates(
    v: VacancyFacts,
    participants: Iterable[ParticipantFacts],
    today: int,
    limit: int = 20,
    mentor_id: int | None = None,
):
    """(total, [(score, participant id)]) for a vacancy."""
    pairs = ((v, p, p.id) for p in participants if mentor_id is None or p.mentor == mentor_id)
    return _ranked(pairs, today, limit)


def openings(p: ParticipantFacts, vacancies: Iterable[VacancyFacts], today: int, limit=20):
    """(total, [(score, vacancy id)]) for a participant."""
    return _ranked(((v, p, v.id) for v in vacancies), today, limit)
