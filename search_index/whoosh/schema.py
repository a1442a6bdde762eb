"""The engine's field types as Whoosh fields."""

from collections.abc import Mapping

from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from ..fields import Field


def _text(stored: bool) -> TEXT:
    # Not scorable: no length columns to write per posting (the slowest part of a Whoosh
    # rebuild); free-text hits are ranked by TF-IDF, which needs no lengths. No positions
    # (phrase=False): the free-text search asks for words, never phrases.
    field = TEXT(analyzer=StandardAnalyzer(stoplist=None, minsize=1), phrase=False, stored=stored)
    field.scorable = False
    return field


def whoosh_field(field: Field):
    if field.type == "term":
        return ID(stored=field.stored)
    if field.type == "terms":
        return KEYWORD(lowercase=False, commas=False, stored=field.stored)
    if field.type == "text":
        return _text(field.stored)
    return STORED()


def build_schema(fields: Mapping[str, Field]) -> Schema:
    found = {name: whoosh_field(field) for name, field in fields.items()}
    found["doc_key"] = ID(stored=True, unique=True)  # update_document replaces by this key
    return Schema(**found)
