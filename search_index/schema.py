"""Fields of the index documents. Bump SCHEMA_VERSION when a field changes: a folder with
another version is rebuilt, never read with the wrong layout."""

from whoosh.fields import ID, Schema

SCHEMA_VERSION = 1


def build_schema() -> Schema:
    return Schema(
        doc_key=ID(stored=True, unique=True),  # "<kind>:<id>", e.g. "vacancy:12"
        kind=ID(stored=True),
    )
