"""Document kinds and their providers. An area (vacancies, participants, ...) registers how
to turn its rows into index documents; the index itself knows no table.

    register_provider(
        "vacancy",
        load_documents=lambda db, ids: ...,  # docs of those ids that are matchable
        iter_all=lambda db: ...,             # docs of every matchable object
        fields={"title": TEXT, "dutch_level": TERM},  # search_index.fields
        version=1,                           # bump when the documents' content changes
        count_all=lambda db: ...,            # optional: how many iter_all yields (progress)
        decode=lambda stored: ...,           # optional: stored fields -> the matched object
    )

Each document is a dict with "id" (the object id) and values for the kind's fields. An id
asked for but not yielded by `load_documents` is not matchable (any more): it is removed.
The application registers its kinds when it starts (create_app), never at import."""

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from sqlmodel import Session

from .engine import Decode, doc_key
from .fields import Field, schema_version

LoadDocuments = Callable[[Session, Sequence[int]], Iterable[dict]]
IterAll = Callable[[Session], Iterable[dict]]
CountAll = Callable[[Session], int]
RESERVED_FIELDS = frozenset({"doc_key", "kind", "object_id", "doc_hash"})


@dataclass(frozen=True)
class Provider:
    kind: str
    load_documents: LoadDocuments
    iter_all: IterAll
    fields: Mapping[str, Field] = field(default_factory=dict)
    version: int = 1
    count_all: CountAll | None = None
    decode: Decode | None = None

    def prepare(self, raw: dict) -> dict:
        """A provider's dict -> the index document (with key, kind and content digest)."""
        content = {name: value for name, value in raw.items() if name != "id"}
        unknown = set(content) - set(self.fields)
        if unknown:
            raise ValueError(f"{self.kind} document has unregistered fields {sorted(unknown)}")
        digest = hashlib.sha1(  # noqa: S324 - a change detector, not security
            json.dumps(content, sort_keys=True, default=str).encode()
        ).hexdigest()
        object_id = int(raw["id"])
        return content | {
            "doc_key": doc_key(self.kind, object_id),
            "kind": self.kind,
            "object_id": object_id,
            "doc_hash": digest,
        }


_PROVIDERS: dict[str, Provider] = {}


def register_provider(
    kind: str,
    load_documents: LoadDocuments,
    iter_all: IterAll,
    fields: Mapping[str, Field] | None = None,
    version: int = 1,
    count_all: CountAll | None = None,
    decode: Decode | None = None,
) -> Provider:
    """Add (or replace) the provider of a kind. A field name used by two kinds must have the
    same definition: all kinds share one index."""
    fields = dict(fields or {})
    clash = RESERVED_FIELDS & set(fields)
    if clash:
        raise ValueError(f"fields {sorted(clash)} are reserved by the index")
    for other in _PROVIDERS.values():
        if other.kind == kind:
            continue
        for name, definition in fields.items():
            if name in other.fields and other.fields[name] != definition:
                raise ValueError(f"field {name!r} of {kind} differs from the one of {other.kind}")
    provider = Provider(kind, load_documents, iter_all, fields, version, count_all, decode)
    _PROVIDERS[kind] = provider
    current_schema_version.cache_clear()
    return provider


def unregister_provider(kind: str) -> None:
    _PROVIDERS.pop(kind, None)
    current_schema_version.cache_clear()


@cache
def current_schema_version() -> str:
    """schema_version of the registered providers, worked out once per registration (which
    clears it): every search checks the live index against it."""
    return schema_version(providers())


def providers() -> list[Provider]:
    return [_PROVIDERS[kind] for kind in sorted(_PROVIDERS)]


def provider(kind: str) -> Provider | None:
    return _PROVIDERS.get(kind)


def decoders() -> dict[str, Decode]:
    return {p.kind: p.decode for p in _PROVIDERS.values() if p.decode is not None}
