"""The Whoosh implementation of SearchEngine, on one folder."""

import marshal
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from whoosh import index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import And, Or, Query, Term
from whoosh.writing import PostingPool

from .bitsets import BitsetSearcher, SearcherCache
from .engine import Hit, SearchEngine, SearchQuery

REBUILD_LIMIT_MB = 64  # postings held in memory before a sorted run goes to a temp file
RUN_BATCH = 4096  # postings per marshal call in those runs


class BatchedPostingPool(PostingPool):
    """Whoosh's external sort writes and reads its runs one posting per marshal call, which
    made up a third of a large rebuild. Same runs, same order, whole batches per call."""

    def add(self, item):
        # item = (fieldname, term bytes, docnum, weight, value bytes or None); the size
        # estimate is Whoosh's (tuple, strings, numbers), without its per-posting asserts
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f, items):
        items = iter(items)
        while batch := list(islice(items, RUN_BATCH)):
            data = marshal.dumps(batch, 2)
            f.write(len(data).to_bytes(8, "little"))
            f.write(data)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while header := f.read(8):
                size = int.from_bytes(header, "little")
                yield from marshal.loads(f.read(size))  # noqa: S302 - our own temp run
        finally:
            f.close()
            self._remove_run(path)


class NoLengthsCodec(W3Codec):
    """For a schema without scorable fields: Whoosh would still look up a (missing) length
    column for every posting it writes, a file-exists call each time."""

    length_stats = False


def codec_for(schema) -> W3Codec:
    scorable = any(schema[name].scorable for name in schema.names())
    return W3Codec() if scorable else NoLengthsCodec()


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

    def _writer(self, limitmb: int = 128):
        # Whoosh's lock is an flock too: a killed holder releases it, so waiting only ever
        # waits for a live writer (another program on the same folder).
        try:
            writer = self.ix.writer(
                timeout=self.writer_timeout, limitmb=limitmb, codec=codec_for(self.ix.schema)
            )
        except index.LockError as exc:
            raise WriteLocked(str(exc)) from exc
        writer.pool = BatchedPostingPool(writer.temp_storage(), writer.newsegment, limitmb=limitmb)
        return writer

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
        writer = self._writer(limitmb=REBUILD_LIMIT_MB)
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
