"""The engine-neutral interface of the search index. Whoosh stands behind it today; another
engine (OpenSearch, ...) can implement the same calls without changing the callers.

A document is a plain dict: `doc_key` ("<kind>:<id>"), `kind`, `object_id`, `doc_hash` (a
digest of the content, used by the check) and the fields its kind registered."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Part = Callable[[], Iterable[dict]]  # yields the documents of one part of a rebuild
Progress = Callable[[int], None]  # told how many documents a rebuild has written so far


def doc_key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


@dataclass(frozen=True)
class SearchQuery:
    """What to look for, in terms every engine understands.

    `filters`: field -> value, or a list/tuple of values of which one must match (cheap exact
    terms). `text`: free text searched in `text_fields`; an empty text matches everything."""

    kind: str
    filters: Mapping[str, object] = field(default_factory=dict)
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


class SearchEngine(ABC):
    """One index copy. Writes are idempotent: an upsert replaces the document with the same
    doc_key, deleting a missing key does nothing."""

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
    def search(self, query: SearchQuery) -> list[Hit]:
        """Matching documents, best first."""

    @abstractmethod
    def count(self, kind: str | None = None) -> int:
        """Documents of one kind (or all)."""

    @abstractmethod
    def digests(self, kind: str) -> dict[str, str]:
        """doc_key -> doc_hash of every document of a kind (for `portal index check`)."""

    def close(self) -> None:  # noqa: B027 - optional for engines without resources
        """Release files or connections."""
