"""Field types of the index documents, in the engine's own terms (each engine maps them to
its own: Whoosh ID/KEYWORD/TEXT/STORED, OpenSearch keyword/text/stored fields).

    TERM     one exact term (a code, a zero-padded number)
    TERMS    several exact terms, separated by spaces
    TEXT     words, searched forgivingly (see SearchQuery)
    STORED   kept with the document, never searched"""

import hashlib
from dataclasses import dataclass

SCHEMA_VERSION = 5  # bump when the common fields or the way documents are written change


@dataclass(frozen=True)
class Field:
    type: str
    stored: bool = False


TERM, TERMS, TEXT, STORED = Field("term"), Field("terms"), Field("text"), Field("stored", True)
# The fields every document has: its key "<kind>:<id>", its kind, and, kept only, the object
# id and a digest of its content (for `portal index check`).
COMMON_FIELDS = {
    "doc_key": Field("term", stored=True),
    "kind": Field("term", stored=True),
    "object_id": STORED,
    "doc_hash": STORED,
}


def all_fields(providers) -> dict[str, Field]:
    fields = dict(COMMON_FIELDS)
    for provider in providers:
        fields.update(provider.fields)
    return fields


def schema_version(providers) -> str:
    """ "<SCHEMA_VERSION>-<fingerprint of kinds, their versions and field definitions>"."""
    parts = []
    for provider in sorted(providers, key=lambda p: p.kind):
        parts.append(f"{provider.kind}@{provider.version}")
        parts += [f"{name}:{provider.fields[name]}" for name in sorted(provider.fields)]
    fingerprint = hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]  # noqa: S324
    return f"{SCHEMA_VERSION}-{fingerprint}"
