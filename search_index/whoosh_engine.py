"""The Whoosh implementation of SearchEngine, on one folder."""

from collections.abc import Iterable
from pathlib import Path

from whoosh import index
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import And, Or, Query, Term

from .bitsets import BitsetSearcher, SearcherCache
from .engine import Hit, SearchEngine, SearchQuery


def _cached_reader(self, fieldname, column):
    """Whoosh 2.7 looks a missing length column up again (a stat call) for every posting
    it writes; remembering "missing" too makes a rebuild about a third faster."""
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


W3PerDocReader._cached_reader = _cached_reader


class WriteLocked(RuntimeError):
    """Whoosh's own write lock is held by a live process; try again at the next sync."""


class WhooshEngine(SearchEngine):
    def __init__(self, ix: index.Index, writer_timeout: float = 5.0):
        self.ix = ix
        self.writer_timeout = writer_timeout
        self._searchers = SearcherCache()

    def filters(self) -> BitsetSearcher:
        """The cached searcher with bitset filters (matching.py), fresh after a commit."""
        return self._searchers.get(self.ix)

    @classmethod
    def create(cls, path: Path, schema, **kwargs) -> "WhooshEngine":
        path.mkdir(parents=True, exist_ok=True)
        return cls(index.create_in(str(path), schema), **kwargs)

    @classmethod
    def open(cls, path: Path, **kwargs) -> "WhooshEngine":
        return cls(index.open_dir(str(path)), **kwargs)

    def _writer(self, **kwargs):
        # Whoosh's lock is an flock too: a killed holder releases it, so waiting only ever
        # waits for a live writer (another program on the same folder).
        try:
            return self.ix.writer(timeout=self.writer_timeout, **kwargs)
        except index.LockError as exc:
            raise WriteLocked(str(exc)) from exc

    def apply(self, upserts: Iterable[dict], deletes: Iterable[str]) -> None:
        writer = self._writer()
        try:
            for key in deletes:
                writer.delete_by_term("doc_key", key)
            for doc in upserts:
                writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def rebuild(self, docs: Iterable[dict]) -> int:
        writer = self._writer(limitmb=256)
        written = 0
        try:
            for doc in docs:
                writer.add_document(**doc)
                written += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return written

    def _query(self, query: SearchQuery) -> Query:
        parts: list[Query] = [Term("kind", query.kind)]
        for name, value in query.filters.items():
            if isinstance(value, list | tuple | set | frozenset):
                parts.append(Or([Term(name, v) for v in value]))
            else:
                parts.append(Term(name, value))
        if query.text.strip() and query.text_fields:
            parser = MultifieldParser(list(query.text_fields), self.ix.schema, group=OrGroup)
            parts.append(parser.parse(query.text))
        return And(parts)

    def search(self, query: SearchQuery) -> list[Hit]:
        with self.ix.searcher() as searcher:
            results = searcher.search(self._query(query), limit=query.offset + query.limit)
            return [
                Hit(hit["doc_key"], hit["object_id"], hit.score, hit.fields())
                for hit in list(results)[query.offset :]
            ]

    def count(self, kind: str | None = None) -> int:
        with self.ix.searcher() as searcher:
            if kind is None:
                return searcher.doc_count()
            return len(searcher.search(Term("kind", kind), limit=None, scored=False))

    def digests(self, kind: str) -> dict[str, str]:
        with self.ix.searcher() as searcher:
            return {doc["doc_key"]: doc["doc_hash"] for doc in searcher.documents(kind=kind)}

    def close(self) -> None:
        self._searchers.close()
        self.ix.close()
