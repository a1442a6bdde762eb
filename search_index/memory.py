"""A deliberately simple SearchEngine: the documents in a dict, every query a Python loop
over them. It proves the interface carries no Whoosh: the matching tests pass on it too.
Each commit writes the documents to one JSON file, so a generation can be opened again."""

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import query as ql
from .engine import Hit, Hits, Part, Progress, SearchEngine, SearchQuery
from .query import Filter, Matches, MatchQuery, text_words, tier_weights, typos_allowed

FILE = "documents.json"


class MemoryEngine(SearchEngine):
    def __init__(self, path: Path, fields: dict, docs: dict, decoders=(), places=None, **_other):
        """`fields`: name -> field type; other options of the store (writer_timeout) do not
        apply to a dict."""
        super().__init__(dict(decoders), places)
        self.path, self.fields, self.docs = path, fields, docs

    @classmethod
    def create(cls, path: Path, fields, **kwargs) -> "MemoryEngine":
        path.mkdir(parents=True, exist_ok=True)
        kinds = {name: field.type for name, field in fields.items()}
        engine = cls(path, kinds, {}, **kwargs)
        engine._save()
        return engine

    @classmethod
    def open(cls, path: Path, **kwargs) -> "MemoryEngine":
        saved = json.loads((path / FILE).read_text())
        return cls(path, saved["fields"], saved["docs"], **kwargs)

    def _save(self) -> None:
        tmp = self.path / (FILE + ".tmp")
        tmp.write_text(json.dumps({"fields": self.fields, "docs": self.docs}))
        os.replace(tmp, self.path / FILE)

    # -- writing ---------------------------------------------------------------------------
    def apply(self, upserts: Iterable[dict], deletes: Iterable[str]) -> None:
        for key in deletes:
            self.docs.pop(key, None)
        for doc in upserts:
            self.docs[doc["doc_key"]] = dict(doc)
        self._save()

    def rebuild(self, parts: Sequence[Part], workers: int = 1, progress: Progress | None = None):
        for part in parts:
            self.docs.update((doc["doc_key"], dict(doc)) for doc in part())
            if progress is not None:
                progress(len(self.docs))
        self._save()
        return len(self.docs)

    # -- reading ---------------------------------------------------------------------------
    def values(self, doc: dict, field: str) -> list[str]:
        value = doc.get(field)
        if value is None:
            return []
        kind = self.fields.get(field)
        if kind == "terms":
            return str(value).split()
        if kind == "text":
            return text_words(str(value), limit=10**9, max_chars=10**9)
        return [str(value)]

    def passes(self, doc: dict, query: Filter) -> bool:
        if isinstance(query, ql.Term):
            return query.value in self.values(doc, query.field)
        if isinstance(query, ql.AnyOf):
            return bool(set(query.values) & set(self.values(doc, query.field)))
        if isinstance(query, ql.AtLeast):
            minimum = doc.get(query.minimum_field)
            held = set(query.values) & set(self.values(doc, query.field))
            return minimum is not None and len(held) >= int(minimum)
        if isinstance(query, ql.SomeOf):
            return sum(self.passes(doc, part) for part in query.parts) >= query.minimum
        if isinstance(query, ql.Range):
            return any(query.low <= v <= query.high for v in self.values(doc, query.field))
        if isinstance(query, ql.All):
            return all(self.passes(doc, part) for part in query.parts)
        if isinstance(query, ql.Any):
            return any(self.passes(doc, part) for part in query.parts)
        if isinstance(query, ql.Not):
            return not self.passes(doc, query.part)
        if isinstance(query, ql.Near):
            return self._near(doc, query)
        raise TypeError(f"filter {type(query).__name__} not supported")

    def _near(self, doc: dict, query: ql.Near) -> bool:
        limit = query.km if query.km is not None else int(doc.get(query.limit_field) or 0)
        within = {place for place, _km in self.places(query.origin, limit)}
        return not within.isdisjoint(self.values(doc, query.field))

    def _of_kind(self, kind: str, query: Filter | None) -> list[dict]:
        docs = [doc for doc in self.docs.values() if doc["kind"] == kind]
        return [doc for doc in docs if query is None or self.passes(doc, query)]

    def match(self, query: MatchQuery) -> Matches:
        remaining = self._of_kind(query.kind, query.filter)
        found = Matches(len(remaining))
        for weight in [*tier_weights(query.boosts), None]:
            chosen, rest = remaining, []
            if weight is not None:
                boost = ql.Any(tuple(b.filter for b in query.boosts if b.weight == weight))
                chosen, rest = [], []
                for doc in remaining:
                    (chosen if self.passes(doc, boost) else rest).append(doc)
            remaining = rest
            found.tiers.append([self.decode(query.kind, doc) for doc in chosen])
            if sum(map(len, found.tiers)) >= query.offset + query.limit:
                break
        return found

    def object_ids(self, kind: str, filter: Filter | None = None) -> set[int]:
        return {doc["object_id"] for doc in self._of_kind(kind, filter)}

    def search(self, query: SearchQuery) -> Hits:
        docs = self._of_kind(query.kind, query.filter)
        scored = [(0.0, doc) for doc in docs]
        if query.text:
            words = text_words(query.text)
            scored = [(s, d) for d in docs if (s := self._text_score(d, words, query)) > 0]
            scored.sort(key=lambda pair: -pair[0])
        page = scored[query.offset : query.offset + query.limit]
        return Hits(len(scored), [Hit(d["doc_key"], d["object_id"], s, d) for s, d in page])

    def _text_score(self, doc: dict, words: list[str], query: SearchQuery) -> float:
        """How many of the document's words match: 0 when one query word matches none."""
        found = [v for field in query.text_fields for v in self.values(doc, field)]
        total = 0
        for word in words:
            hits = sum(1 for v in found if _close(word, v, typos_allowed(word)))
            if not hits:
                return 0.0
            total += hits
        return float(total) if words else 0.0

    def document(self, kind: str, object_id: int):
        doc = self.docs.get(f"{kind}:{object_id}")
        return None if doc is None else self.decode(kind, doc)

    def terms(self, field_name: str) -> list[str]:
        return sorted({v for doc in self.docs.values() for v in self.values(doc, field_name)})

    def count(self, kind: str | None = None) -> int:
        return sum(1 for doc in self.docs.values() if kind is None or doc["kind"] == kind)

    def digests(self, kind: str) -> dict[str, str]:
        return {k: d["doc_hash"] for k, d in self.docs.items() if d["kind"] == kind}


def _close(word: str, other: str, typos: int) -> bool:
    """Same first letter and at most `typos` edits apart (Levenshtein)."""
    if word == other:
        return True
    if not typos or word[:1] != other[:1] or abs(len(word) - len(other)) > typos:
        return False
    previous = list(range(len(other) + 1))
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(other, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] <= typos
