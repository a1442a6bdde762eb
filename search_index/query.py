"""The engine's query language, in its own terms (no engine's objects), so any engine can
execute it: OpenSearch's bool/term/terms/range/geo queries map onto it one to one.

Filters compose: `Term` (a field holds this exact term), `AnyOf` (one of these terms),
`AtLeast` (as many of these terms as the document's own number asks: OpenSearch's terms_set
with minimum_should_match_field), `Range` (a term between two bounds, both included,
compared as strings: numbers are zero-padded), `All`, `Any`, `Not`, `SomeOf` (at least so
many of its parts: a bool query's should clauses with minimum_should_match). `Near` is the distance
constraint: the document's place field lies within `km` of `origin`, or within the
document's own limit (whole km, in `limit_field`) when `km` is None. The places around an
origin come from the `Places` function the application hands to the engine."""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

WORD = re.compile(r"\w+(\.?\w+)*", re.UNICODE)
Places = Callable[[str, float], Iterable[tuple[str, float]]]  # (place, km) within a radius


@dataclass(frozen=True)
class Term:
    field: str
    value: str


@dataclass(frozen=True)
class AnyOf:
    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class AtLeast:
    """The document holds at least n of `values` in `field`, n being the number in its own
    `minimum_field` (a document without one never matches)."""

    field: str
    values: tuple[str, ...]
    minimum_field: str


@dataclass(frozen=True)
class Range:
    field: str
    low: str
    high: str


@dataclass(frozen=True)
class All:
    parts: tuple["Filter", ...]


@dataclass(frozen=True)
class Any:
    parts: tuple["Filter", ...]


@dataclass(frozen=True)
class SomeOf:
    """At least `minimum` of `parts` hold; a part listed twice counts twice."""

    parts: tuple["Filter", ...]
    minimum: int


@dataclass(frozen=True)
class Not:
    part: "Filter"


@dataclass(frozen=True)
class Near:
    field: str
    origin: str
    km: float | None = None
    limit_field: str | None = None


Filter = Term | AnyOf | AtLeast | Range | All | Any | SomeOf | Not | Near


@dataclass(frozen=True)
class Boost:
    """Documents matching `filter` belong to the ranking tier `weight` (the highest weight
    a document matches decides; documents matching none form the last tier)."""

    weight: float
    filter: Filter


@dataclass(frozen=True)
class MatchQuery:
    """Documents of `kind` passing `filter`, handed back tier by tier (see Boost), each as
    its kind's decoded stored value. Whole tiers are returned until they hold at least
    offset + limit documents: the caller scores within a tier and takes its page."""

    kind: str
    filter: Filter | None = None
    boosts: Sequence[Boost] = ()
    limit: int = 20
    offset: int = 0


@dataclass
class Matches:
    total: int  # documents passing the filter
    tiers: list[list] = field(default_factory=list)


def tier_weights(boosts: Sequence[Boost]) -> list[float]:
    """The tiers' weights, best first."""
    return sorted({boost.weight for boost in boosts}, reverse=True)


def text_words(text: str, limit: int = 12, max_chars: int = 40) -> list[str]:
    """The distinct lower-case words of a free text (no query syntax), at most `limit`: the
    words Whoosh's standard tokenizer finds."""
    words: list[str] = []
    for match in WORD.finditer(text[:2000].lower()):
        word = match.group(0)[:max_chars]
        if word not in words:
            words.append(word)
        if len(words) >= limit:
            break
    return words


def typos_allowed(word: str) -> int:
    """Free text forgives a typo per word (two in long words; none in short ones)."""
    return 0 if len(word) <= 3 else (2 if len(word) >= 8 else 1)
