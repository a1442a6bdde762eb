"""Which pairs a change made new, and which stopped fitting: one match query for the
changed object (vacancy -> participants, participant -> vacancies) through the index,
compared with the announced pairs of that object. Reads only."""

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from ...matching import index_query
from ...models import AlertPair, Proposal

Pair = tuple[int, int]  # (vacancy id, participant id)


@dataclass
class PairChanges:
    new: set[Pair] = field(default_factory=set)  # fit now, never announced
    again: set[Pair] = field(default_factory=set)  # fit again after they stopped fitting
    stopped: set[Pair] = field(default_factory=set)  # announced, fit no more

    def add(self, other: "PairChanges") -> None:
        self.new |= other.new
        self.again |= other.again
        self.stopped |= other.stopped


def fitting_now(engine, kind: str, object_id: int, today: int) -> set[Pair]:
    """The pairs of one vacancy or participant that pass every hard filter now (none when
    it is not in the index: unpublished, closed, not matchable, erased)."""
    facts = engine.document(kind, object_id)
    if facts is None:
        return set()
    if kind == "vacancy":
        return {(object_id, p) for p in index_query.fitting_participant_ids(engine, facts, today)}
    return {(v, object_id) for v in index_query.fitting_vacancy_ids(engine, facts, today)}


def changed_pairs(db: Session, engine, kind: str, object_id: int, today: int) -> PairChanges:
    """New and stopped pairs of one changed object. A pair with a proposal (open or closed)
    is never new: the mentor already acted on it."""
    if kind not in {"vacancy", "participant"}:
        return PairChanges()
    fitting = fitting_now(engine, kind, object_id, today)
    column = AlertPair.vacancy_id if kind == "vacancy" else AlertPair.participant_id
    announced = db.exec(
        select(AlertPair.vacancy_id, AlertPair.participant_id, AlertPair.fits).where(
            col(column) == object_id
        )
    ).all()
    known = {(v, p): fits for v, p, fits in announced}
    fitted = {pair for pair, fits in known.items() if fits}
    candidates = fitting - fitted  # set operations: thousands of pairs fit a vacancy
    if candidates:
        owner = Proposal.vacancy_id if kind == "vacancy" else Proposal.participant_id
        proposed = db.exec(
            select(Proposal.vacancy_id, Proposal.participant_id).where(col(owner) == object_id)
        ).all()
        candidates -= {(v, p) for v, p in proposed}
    return PairChanges(
        new=candidates - known.keys(),
        again=candidates & known.keys(),
        stopped=fitted - fitting,
    )
