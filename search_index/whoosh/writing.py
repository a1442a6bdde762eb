"""How our Whoosh writers put postings on disk, faster than Whoosh's defaults.

Whoosh collects every posting (field, term, document, weight, value) in an external sort:
one tuple per posting, sorted runs in temp files, a heap merge, then one method call per
posting to write it. That made up most of a large rebuild. Two replacements:

- BatchedPostingPool, for incremental writes (`apply`): the same external sort, whole batches
  per marshal call instead of one posting per call.
- GroupedPostingPool + BulkFieldWriter, for a fresh segment written in one go (a rebuild):
  each term's postings in two arrays, already in document order because documents arrive in
  order; written term by term and block by block. No sort, no temp files; about 8 bytes per
  posting in memory (6 million postings at N=100,000 take about 50 MB)."""

import marshal
from array import array
from collections import Counter
from itertools import islice

from whoosh.analysis import CompositeAnalyzer, IDTokenizer, LowercaseFilter, RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.fields import FieldType
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint
from whoosh.writing import MERGE_SMALL, PostingPool

RUN_BATCH = 4096  # postings per marshal call in the runs of BatchedPostingPool
# An incremental commit merges only segments up to this many documents (merge_small_only).
SMALL_SEGMENT = 1000
PLAIN = (1.0, b"")  # (weight, value) of a posting of an ID field: most postings


class BatchedPostingPool(PostingPool):
    """Whoosh's external sort writes and reads its runs one posting per marshal call. Same
    runs, same order, whole batches per call."""

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


class _TermPostings:
    """Document numbers of one term, and (only once a posting is not PLAIN) the index of
    each posting's (weight, value) in the pool's table."""

    __slots__ = ("docs", "kinds")

    def __init__(self):
        self.docs = array("I")
        self.kinds: array | None = None


class GroupedPostingPool:
    """Whoosh's pool interface (add, fieldnames, iter_postings, cleanup) for one fresh
    segment. Iterating it yields the postings in Whoosh's order, so any field writer can
    consume it; BulkFieldWriter takes whole terms instead."""

    def __init__(self):
        self.fieldnames: set[str] = set()
        self._fields: dict[str, dict[bytes, _TermPostings]] = {}
        self._table: list[tuple[float, bytes]] = [PLAIN]
        self._kind_of: dict[tuple[float, bytes], int] = {PLAIN: 0}
        self._last_doc = -1
        self._in_order = True

    def add(self, item):
        fieldname, btext, docnum, weight, value = item
        self.add_terms(fieldname, docnum, ((btext, weight, value),))

    def add_terms(self, fieldname: str, docnum: int, items) -> None:
        """Postings of one document in one field: (term bytes, weight, value) each."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        if docnum < self._last_doc:
            self._in_order = False  # postings added from another reader: sort before writing
        self._last_doc = docnum
        for btext, weight, value in items:
            postings = terms.get(btext)
            if postings is None:
                postings = terms[btext] = _TermPostings()
            if weight != 1.0 or value:
                key = (weight, value)
                kind = self._kind_of.get(key)
                if kind is None:
                    kind = self._kind_of[key] = len(self._table)
                    self._table.append(key)
                if postings.kinds is None:
                    postings.kinds = array("I", bytes(4 * len(postings.docs)))
                postings.kinds.append(kind)
            elif postings.kinds is not None:
                postings.kinds.append(0)
            postings.docs.append(docnum)

    def terms(self):
        """(fieldname, term bytes, docs, weights, values) per term, in Whoosh's order;
        weights/values are None when every posting of the term is PLAIN."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for btext in sorted(terms):
                postings = terms[btext]
                docs, kinds = postings.docs, postings.kinds
                if not self._in_order:
                    order = sorted(range(len(docs)), key=docs.__getitem__)
                    docs = array("I", (docs[i] for i in order))
                    kinds = None if kinds is None else array("I", (kinds[i] for i in order))
                if kinds is None:
                    yield fieldname, btext, docs, None, None
                else:
                    table = self._table
                    yield (
                        fieldname,
                        btext,
                        docs,
                        [table[k][0] for k in kinds],
                        [table[k][1] for k in kinds],
                    )

    def __iter__(self):
        for fieldname, btext, docs, weights, values in self.terms():
            for i, docnum in enumerate(docs):
                if weights is None:
                    yield fieldname, btext, docnum, 1.0, b""
                else:
                    yield fieldname, btext, docnum, weights[i], values[i]

    def iter_postings(self):
        return self

    def cleanup(self):
        self._fields.clear()


class DocumentAdder:
    """`writer.add_document(**doc)` for a writer with a GroupedPostingPool, several times
    faster: each field's terms come straight from its tokenizer's pattern (the same terms
    Whoosh's analyzer chain makes, see `_terms_of`) and go to the pool per field, not per
    posting. Fields with features it does not handle (scorable lengths, vectors, columns,
    spelling, other analyzers) are indexed the way Whoosh does it."""

    def __init__(self, writer):
        self.writer = writer
        self.schema = writer.schema
        self.plans = {name: _terms_of(self.schema[name]) for name in self.schema.names()}

    def __call__(self, doc: dict) -> None:
        writer, schema = self.writer, self.schema
        perdoc, docnum, pool = writer.perdocwriter, writer.docnum, writer.pool
        if any(name.startswith("_") for name in doc):  # boosts or custom stored values
            writer.add_document(**doc)
            return
        names = sorted(doc)
        writer._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = doc[name]
                if value is None:
                    continue
                field = schema[name]
                if field.indexed:
                    plan = self.plans[name]
                    if plan is None:
                        terms = ((t, w, v) for t, _freq, w, v in field.index(value))
                    else:
                        terms = plan(value)
                    pool.add_terms(name, docnum, terms)
                perdoc.add_field(name, field, value if field.stored else None, 0)
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        writer._added = True
        writer.docnum += 1


def _terms_of(field):
    """A function value -> [(term bytes, weight, value bytes)] giving what `field.index`
    gives, for the analyzers our schemas use: IDTokenizer, or a RegexTokenizer (optionally
    followed by a LowercaseFilter), with Existence or Frequency postings. None otherwise."""
    if type(field).index is not FieldType.index:  # NUMERIC, DATETIME, ... make their own terms
        return None
    if not field.indexed or field.scorable or field.vector or field.column_type:
        return None
    if field.separate_spelling():
        return None
    analyzer, fmt = field.analyzer, field.format
    if type(fmt) not in (Existence, Frequency):
        return None
    boost = fmt.field_boost
    lower = False
    if isinstance(analyzer, CompositeAnalyzer):
        items = analyzer.items
        if len(items) != 2 or type(items[1]) is not LowercaseFilter:
            return None
        analyzer, lower = items[0], True
    if type(analyzer) is IDTokenizer and not lower:

        def words(value):
            return [value]

    elif type(analyzer) is RegexTokenizer and not analyzer.gaps:
        finditer = analyzer.expression.finditer

        def words(value):
            found = [match.group() for match in finditer(value)]
            return [word.lower() for word in found] if lower else found

    else:
        return None

    if type(fmt) is Existence:
        return lambda value: [(w.encode("utf-8"), boost, b"") for w in set(words(value))]

    def frequencies(value):
        counts = Counter(words(value))
        return [(w.encode("utf-8"), n * boost, pack_uint(n)) for w, n in counts.items()]

    return frequencies


class BulkPostingsWriter(W3PostingsWriter):
    def add_many(self, docs: array, weights: list | None, values: list | None) -> None:
        """Whole blocks at once; the same blocks and statistics as one add_posting() per
        posting: a full block is written when the next posting arrives, the last one by
        finish_postings()."""
        limit = self._blocklimit
        for start in range(0, len(docs), limit):
            if self._ids:
                self._write_block()
            self._ids = docs[start : start + limit]
            if weights is None:
                self._weights = array("f", [1.0]) * len(self._ids)
                self._maxweight = max(self._maxweight, 1.0)
            else:
                block = weights[start : start + limit]
                self._weights = array("f", block)
                self._maxweight = max(self._maxweight, *block)
                self._values = [v for v in values[start : start + limit] if v]


class BulkFieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        if not isinstance(items, GroupedPostingPool) or lengths is not None:
            return super().add_postings(schema, lengths, items)
        current = None
        for fieldname, btext, docs, weights, values in items.terms():
            if fieldname != current:
                if current is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                current = fieldname
            self.start_term(btext)
            self._postwriter.add_many(docs, weights, values)
            self.finish_term()
        if current is not None:
            self.finish_field()


class PortalCodec(W3Codec):
    """Whoosh 3's format, with the bulk writers, and no per-posting length lookups when the
    schema has no scorable field (Whoosh would look for a missing length column each time)."""

    def __init__(self, length_stats: bool):
        super().__init__()
        self.length_stats = length_stats

    def field_writer(self, storage, segment):
        return BulkFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return BulkPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


def codec_for(schema) -> PortalCodec:
    return PortalCodec(length_stats=any(schema[name].scorable for name in schema.names()))


def merge_small_only(writer, segments):
    """The merge policy of an incremental commit (`apply`, run by the applier thread that
    shares the web process's interpreter with the pages). Whoosh's MERGE_SMALL over the
    segments up to SMALL_SEGMENT documents: the same tiers for the writes since the last
    rebuild, but a rebuild's large segments are never rewritten (MERGE_SMALL folds them in
    too once enough small ones pile up: the whole index rewritten in one commit). The next
    rebuild drops their deleted documents."""
    large = [s for s in segments if s.doc_count_all() > SMALL_SEGMENT]
    small = [s for s in segments if s.doc_count_all() <= SMALL_SEGMENT]
    return large + MERGE_SMALL(writer, small)
