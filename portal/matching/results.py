"""What a match query returns: the matches of a page, each with its explanation written
on first use (the rules that decide them are in rules.py)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .rules import ParticipantFacts, band_of


class Criterion(NamedTuple):  # one line of an explanation: a tuple, cheap to make
    code: str
    status: str  # met | coachable | missing
    message: str
    plain: str = ""  # for the participant's own card; empty when the card already says it


class LazyCriteria(Sequence):
    """The explanation of a match, written on first use: a ranked page computes only the
    explanations it shows, and a caller that only ranks pays nothing for them. `build(plain)`
    writes it in the mentor's wording, or with plain=True in the participant's."""

    def __init__(self, build):
        self._build, self._items = build, None

    def _list(self) -> list:
        if self._items is None:
            self._items = list(self._build(False))
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __iter__(self):  # Sequence's own goes through __getitem__ once per line
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())

    def __eq__(self, other) -> bool:
        return self._list() == list(other)

    def __repr__(self) -> str:
        return repr(self._list())

    def plain(self) -> list:
        """The same explanation in the participant's wording, written afresh (in the current
        locale: the card page writes it again in Dutch beside)."""
        return list(self._build(True))


@dataclass
class Match:
    vacancy_id: int
    participant_id: int
    score: float
    passes: bool
    criteria: Sequence[Criterion] = field(default_factory=list)
    distance_km: float | None = None
    fit: Callable | None = None  # () -> the fit in words (fit.Fit), written on use
    # The participant's facts as matched (from the index on a page): a candidate card shows
    # them without reading the database once per row.
    participant: ParticipantFacts | None = field(default=None, repr=False, compare=False)

    @property
    def band(self) -> int:
        return band_of(self.score)


@dataclass
class MatchPage:
    total: int
    items: list[Match]
