"""The engine-neutral interface of the search index. Whoosh stands behind it today (and a
deliberately simple in-memory engine in the tests); another engine (OpenSearch, ...) can
implement the same calls without changing the callers.

A document is a plain dict: `doc_key` ("<kind>:<id>"), `kind`, `object_id`, `doc_hash` (a
digest of the content, used by the check) and the fields its kind registered."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .query import Filter, Matches, MatchQuery, Places

Part = Callable[[], Iterable[dict]]  # yields the documents of one part of a rebuild
Progress = Callable[[int], None]  # told how many documents a rebuild has written so far
Decode = Callable[[Mapping], object]  # a document's stored fields -> what its kind's caller uses


def doc_key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


class WriteLocked(RuntimeError):
    """The engine's own write lock is held by another program; try again at the next sync."""


@dataclass(frozen=True)
class SearchQuery:
    """Documents of `kind` passing `filter`, in index order; with `text`, only those where
    every word of it is in one of `text_fields` (a typo per word forgiven, two in long
    words), best first. A text without any word matches nothing."""

    kind: str
    filter: Filter | None = None
    text: str = ""
    text_fields: Sequence[str] = ()
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class Hit:
    doc_key: str
    object_id: int
    score: float
    fields: Mapping[str, object]


@dataclass
class Hits:
    total: int
    items: list[Hit] = field(default_factory=list)

    def __iter__(self):
        return iter(self.items)


class SearchEngine(ABC):
    """One index copy. Writes are idempotent: an upsert replaces the document with the same
    doc_key, deleting a missing key does nothing. `decoders` (kind -> Decode) turn stored
    fields into the objects `match` and `document` return; `places` resolves Near filters."""

    def __init__(self, decoders: Mapping[str, Decode], places: Places | None = None):
        self.decoders = dict(decoders)
        self.places = places or (lambda origin, km: ())

    def decode(self, kind: str, stored: Mapping):
        decoder = self.decoders.get(kind)
        return dict(stored) if decoder is None else decoder(stored)

    @abstractmethod
    def apply(self, upserts: Iterable[dict], deletes: Iterable[str]) -> None:
        """Write upserts and deletes and make them visible together (one commit)."""

    def upsert(self, docs: Iterable[dict]) -> None:
        self.apply(docs, ())

    def delete(self, keys: Iterable[str]) -> None:
        self.apply((), keys)

    @abstractmethod
    def rebuild(self, parts: Sequence[Part], workers: int = 1, progress: Progress | None = None):
        """Fill an empty index with the documents of every part and return how many were
        written. An engine may build up to `workers` parts at once in other processes."""

    @abstractmethod
    def search(self, query: SearchQuery) -> Hits:
        """Matching documents, best first, one page of them and how many in all."""

    @abstractmethod
    def match(self, query: MatchQuery) -> Matches:
        """The filtered documents, tier by tier (see MatchQuery)."""

    @abstractmethod
    def object_ids(self, kind: str, filter: Filter | None = None) -> set[int]:
        """The object ids of every document of `kind` passing `filter`: no page, no order,
        no stored fields, so it stays cheap for thousands of documents (match alerts)."""

    @abstractmethod
    def document(self, kind: str, object_id: int):
        """The decoded stored value of one document, or None when it is not indexed."""

    @abstractmethod
    def terms(self, field_name: str) -> list[str]:
        """Every term of a field, sorted (e.g. every certificate code some vacancy asks)."""

    @abstractmethod
    def count(self, kind: str | None = None) -> int:
        """Documents of one kind (or all)."""

    @abstractmethod
    def digests(self, kind: str) -> dict[str, str]:
        """doc_key -> doc_hash of every document of a kind (for `portal index check`)."""

    def remembered(self, key, compute: Callable[[], object]):
        """`compute()`, or the value it gave for the same hashable `key` since the index
        last changed: for a result built only from what the index holds (a ranked page),
        as a search engine's request cache keeps one until the next refresh. This default
        keeps nothing."""
        return compute()

    def close(self) -> None:  # noqa: B027 - optional for engines without resources
        """Release files or connections."""
