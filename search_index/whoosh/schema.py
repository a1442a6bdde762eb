"""Fields of the index documents: a few common ones plus those every registered kind adds.
The folder remembers a schema version made of SCHEMA_VERSION and a fingerprint of the
registered fields; a folder with another version is rebuilt, never read with the wrong layout."""

import hashlib
from collections.abc import Iterable

from whoosh.fields import ID, STORED, Schema

from ..registry import Provider

SCHEMA_VERSION = 4  # bump when the common fields or the way documents are written change


def common_fields() -> dict:
    return {
        "doc_key": ID(stored=True, unique=True),  # "<kind>:<id>", e.g. "vacancy:12"
        "kind": ID(stored=True),
        # Stored only, never searched: a NUMERIC object_id indexed 16 terms per document (a
        # quarter of all postings) and an indexed digest one more unique term per document.
        "object_id": STORED(),
        "doc_hash": STORED(),  # digest of the content, for `portal index check`
    }


def build_schema(providers: Iterable[Provider]) -> Schema:
    fields = common_fields()
    for provider in providers:
        fields.update(provider.fields)
    return Schema(**fields)


def schema_version(providers: Iterable[Provider]) -> str:
    """ "<SCHEMA_VERSION>-<fingerprint of kinds, their versions and field definitions>"."""
    parts = []
    for provider in sorted(providers, key=lambda p: p.kind):
        parts.append(f"{provider.kind}@{provider.version}")
        for name in sorted(provider.fields):
            definition = provider.fields[name]
            analyzer = getattr(definition, "analyzer", None)
            parts.append(
                f"{name}:{type(definition).__name__}:{definition.stored}:{definition.unique}:"
                f"{definition.scorable}:{type(analyzer).__name__}:"
                f"{type(getattr(definition, 'format', None)).__name__}"
            )
    fingerprint = hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]  # noqa: S324
    return f"{SCHEMA_VERSION}-{fingerprint}"
