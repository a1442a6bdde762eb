"""Fast filters on a Whoosh searcher: each filter term's posting list is read once and kept
while it is used, like Lucene's filter cache: as a bitset (a Python int, one bit per
document number), or as its few document numbers when the term is rare. A filter query
(see search_index.query) is then a few big-integer operations instead of a
walk over postings in Python, and the candidates are the set bits. Ranges, composed filters
and the parsed stored facts of documents are kept too. Every cache has a fixed size: memory
stays bounded however long a searcher lives.

The searcher is replaced when the index has a new commit; the new one takes over the term
bitsets and facts of the segments that did not change (see BitsetSearcher)."""

import math
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from bitarray import bitarray
from cachetools import LRUCache
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from ..query import All, Any, AnyOf, AtLeast, Filter, Near, Not, Places, Range, SomeOf, Term
from .object_ids import ObjectIds
from .stored import StoredFields

SPARSE_DOCS = 64  # a term in fewer documents keeps their numbers: setting them is cheaper
TERMS_MB = 96  # bitsets of terms kept per searcher (at 155,000 documents one takes 19 KB)
DERIVED_MB = 48  # bitsets of ranges and composed filters kept per searcher
FACTS_KEPT = 50_000  # parsed stored facts kept per searcher
RESULTS_KEPT = 512  # callers' results kept per searcher (SearchEngine.remembered)


class LruCache:
    """cachetools' LRU cache behind a lock: a searcher is shared by the request threads."""

    def __init__(self, size: int):
        self._items = LRUCache(max(size, 1))
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            return self._items.get(key)

    def get_many(self, keys) -> list:
        """One lock for a whole list (a tier of candidates): None for each key not kept."""
        with self._lock:
            get = self._items.get
            return [get(key) for key in keys]

    def put(self, key, value):
        with self._lock:
            self._items[key] = value
        return value

    def computed(self, key, compute):
        """The value kept for `key`, or `compute()`'s, then kept (never None)."""
        found = self.get(key)
        return self.put(key, compute()) if found is None else found


class BitsetSearcher:
    """`previous`: the searcher this one replaces after a commit. Segments never change once
    written (deletions aside, which `live` handles), and a commit adds or merges segments
    after the unchanged ones. So the previous searcher's term bitsets and parsed facts stay
    true for the documents of the segments both share at the start, and a query on a fresh
    searcher reads postings only from the new segments."""

    def __init__(self, searcher, previous: "BitsetSearcher | None" = None, places=None):
        self.searcher = searcher
        self.places: Places = places or (lambda origin, km: ())
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.nbytes = (self.size + 8) // 8
        # term -> bitset (an int), or its document numbers when the term is rare
        self._terms = LruCache(TERMS_MB * 1024 * 1024 // self.nbytes)
        self._derived = LruCache(DERIVED_MB * 1024 * 1024 // self.nbytes)
        self._facts = LruCache(FACTS_KEPT)
        self._results = LruCache(RESULTS_KEPT)  # never inherited: they describe the whole index
        self._live: int | None = None
        self._leaves = list(self.reader.leaf_readers())  # (segment reader, first docnum)
        self._lexicons: dict[str, list[str]] = {}
        # (the previous searcher's term and facts caches, documents they still describe);
        # only the caches are kept, not the searcher: no chain of old searchers builds up
        self._inherited: tuple[LruCache, LruCache, int] | None = None
        kept = _shared_documents(previous._leaves, self._leaves) if previous else 0
        if kept:
            self._inherited = (previous._terms, previous._facts, kept)
        self.object_ids = ObjectIds(self._leaves, previous.object_ids if kept else None, kept)
        self.stored_fields = StoredFields(self._leaves)  # docnum -> its stored fields

    # -- bitsets ---------------------------------------------------------------------------
    def union(self, terms) -> int:
        """Bits of every (field, text) in `terms`; rare terms are set in one go."""
        bits, rare = 0, array("I")
        for key in terms:
            found = self._term(key)
            if isinstance(found, int):
                bits |= found
            else:
                rare.extend(found)
        return (bits | self._union_of(rare)) if rare else bits

    def _term(self, key: tuple[str, str]) -> int | array:
        found = self._terms.get(key)
        if found is None:
            start, old = 0, None
            if self._inherited is not None:
                old = self._inherited[0].get(key)
                if old is not None:
                    start = self._inherited[2]
            docs = array("I")
            for leaf, offset in self._leaves:
                if offset >= start and key in leaf:
                    ids = posting_ids(leaf.postings(*key))
                    docs.extend((d + offset for d in ids) if offset else ids)
            if isinstance(old, int):
                found = (old & ((1 << start) - 1)) | self._union_of(docs)
            else:
                if old is not None:
                    docs = array("I", [d for d in old if d < start]) + docs
                found = docs if len(docs) < SPARSE_DOCS else self._union_of(docs)
            self._terms.put(key, found)
        return found

    def _union_of(self, docs) -> int:
        return bits_of(docs, self.nbytes)

    @property
    def live(self) -> int:
        """Every document but the deleted ones (old versions of updated documents)."""
        if self._live is None:
            deleted = array("I")
            for leaf, offset in self._leaves:
                if leaf.has_deletions():
                    deleted.extend(docnum + offset for docnum in leaf.deleted_docs_set)
            self._live = ((1 << self.size) - 1) & ~self._union_of(deleted)
        return self._live

    def term(self, fieldname: str, text: str) -> int:
        found = self._term((fieldname, text))
        return found if isinstance(found, int) else self._union_of(found)

    def term_range(self, fieldname: str, start: str, end: str) -> int:
        key = ("\x00range", fieldname, start, end)
        bits = self._derived.get(key)
        if bits is None:
            texts = self.texts(fieldname)
            chosen = texts[bisect_left(texts, start) : bisect_right(texts, end)]
            bits = self._derived.put(key, self.union((fieldname, t) for t in chosen))
        return bits

    def bits(self, query: Filter) -> int:
        if isinstance(query, Term):
            return self.term(query.field, query.value)
        if isinstance(query, AnyOf):
            return self.union((query.field, value) for value in query.values)
        if isinstance(query, Range):
            return self.term_range(query.field, query.low, query.high)
        if isinstance(query, All):
            result = self.live
            for sub in query.parts:
                result &= self.bits(sub)
                if not result:
                    break
            return result
        if isinstance(query, Any):
            terms = [(q.field, q.value) for q in query.parts if isinstance(q, Term)]
            result = self.union(terms)
            for sub in query.parts:
                if not isinstance(sub, Term):
                    result |= self.bits(sub)
            return result
        if isinstance(query, Not):
            return self.live & ~self.bits(query.part)
        if isinstance(query, Near):
            return self.near(query)
        if isinstance(query, AtLeast):
            return self.at_least(query)
        if isinstance(query, SomeOf):
            return self.some_of(query)
        raise TypeError(f"filter {type(query).__name__} not supported")

    def near(self, query: Near) -> int:
        """Kept like a range: people living in the same place with the same limit ask it
        again and again."""
        key = ("\x00near", query.field, query.limit_field, query.origin, query.km)
        return self.remembered(key, lambda: self._near(query))

    def _near(self, query: Near) -> int:
        if query.limit_field is None:
            return self.union(
                (query.field, place) for place, _km in self.places(query.origin, query.km)
            )
        return self._reach(query)

    def _reach(self, query: Near) -> int:
        """Documents whose own limit (whole km) reaches the origin: for each limit m the
        documents have, those with limit m whose place lies within m km. One pass over the
        places nearest first."""
        limits = sorted((int(text), text) for text in self.texts(query.limit_field))
        if not limits:
            return 0
        nearest = sorted(
            (math.ceil(km - 1e-9), place) for place, km in self.places(query.origin, limits[-1][0])
        )
        reach = within = 0
        taken = 0
        for limit, text in limits:
            added = []
            while taken < len(nearest) and nearest[taken][0] <= limit:
                added.append((query.field, nearest[taken][1]))
                taken += 1
            within |= self.union(added)
            if within:
                reach |= self.term(query.limit_field, text) & within
        return reach

    def at_least(self, query: AtLeast) -> int:
        """Documents holding at least their own number (in the minimum field) of the terms
        (each counted once)."""
        minimums = [(int(text), text) for text in self.texts(query.minimum_field)]
        if not minimums:
            return 0
        most = max(number for number, _text in minimums)
        values = dict.fromkeys(query.values)
        reached = self._reached((self.term(query.field, value) for value in values), most)
        result = 0
        for number, text in minimums:
            result |= self.term(query.minimum_field, text) & reached[number]
        return result

    def some_of(self, query: SomeOf) -> int:
        if query.minimum <= 0:
            return self.live
        return self._reached(map(self.bits, query.parts), query.minimum)[query.minimum]

    def _reached(self, parts: Iterable[int], most: int) -> list[int]:
        """reached[j]: the documents in j or more of these bitsets (j up to `most`). The
        counts are bitsets too, so each part costs a few big-integer operations."""
        reached = [self.live] + [0] * most
        seen = 0
        for bits in parts:
            seen += bool(bits)
            for count in range(min(seen, most), 0, -1) if bits else ():
                reached[count] |= reached[count - 1] & bits
        return reached

    def result(self, key, compute):
        """A caller's result for `key` on this searcher (see SearchEngine.remembered)."""
        return self._results.computed(key, compute)

    def remembered(self, key, compute) -> int:
        """The bits `compute()` returns, kept (while recently used) under `key`."""
        return self._derived.computed(key, compute)

    def texts(self, fieldname: str) -> list[str]:
        """Every term of a field, sorted (for example every certificate code some vacancy
        asks)."""
        found = self._lexicons.get(fieldname)
        if found is None:
            found = []
            if fieldname in self.reader.schema:
                lexicon = self.reader.lexicon(fieldname)
                found = [t.decode("utf-8") if isinstance(t, bytes) else t for t in lexicon]
            self._lexicons[fieldname] = found
        return found

    def docnums(self, query: Filter) -> list[int]:
        return set_bits(self.bits(query) & self.live, self.size)

    def ids(self, query: Filter) -> set[int]:
        """The object ids of the live documents passing `query`."""
        return self.object_ids.of(self.docnums(query))

    # -- stored values ---------------------------------------------------------------------
    def decoded(self, docnum: int, decode):
        """The document's stored fields as `decode` makes them (parsed once, then kept)."""
        found = self._facts.get(docnum)
        if found is None:
            if self._inherited is not None and docnum < self._inherited[2]:
                found = self._inherited[1].get(docnum)
            if found is None:
                found = decode(self.stored_fields(docnum))
            self._facts.put(docnum, found)
        return found

    def decoded_many(self, docnums: list[int], decode) -> list:
        found = self._facts.get_many(docnums)
        for position, value in enumerate(found):
            if value is None:
                found[position] = self.decoded(docnums[position], decode)
        return found

    def docnum_of(self, key: str) -> int | None:
        return self.searcher.document_number(doc_key=key)


def bits_of(docs, nbytes: int) -> int:
    """A bitset of `nbytes` bytes with these document numbers set (bitarray sets them in C;
    a loop in Python took a tenth of a cold query)."""
    marks = bitarray(nbytes * 8, endian="little")
    marks.setall(0)
    if len(docs):
        marks[docs] = 1
    return int.from_bytes(marks.tobytes(), "little")


def _shared_documents(before: list, after: list) -> int:
    """How many document numbers at the start belong to the same segments in both lists of
    (segment reader, first docnum)."""
    kept = 0
    for (old, old_offset), (new, new_offset) in zip(before, after, strict=False):
        if old.segment() is None or new.segment() is None:  # an empty index has no segment
            break
        same = old.segment().segment_id() == new.segment().segment_id()
        if not same or old_offset != new_offset or old.doc_count_all() != new.doc_count_all():
            break
        kept = new_offset + new.doc_count_all()
    return kept


def posting_ids(matcher) -> Iterable[int]:
    """The document numbers of a term in one segment, a block at a time: Whoosh's all_ids()
    yields them one by one through several layers of generators, which was most of the time
    of a query on a fresh searcher. Deleted documents stay in (`live` removes them)."""
    if isinstance(matcher, FilterMatcher):  # Whoosh's filter of deleted documents
        matcher = matcher.child
    if type(matcher) is not W3LeafMatcher:
        return matcher.all_ids()
    ids = array("I")
    while matcher.is_active():
        matcher.block_min_id()  # reads the block's document numbers
        ids.extend(matcher._ids)
        matcher._next_block()
    return ids


def set_bits(bits: int, size: int) -> list[int]:
    """Positions of the set bits, in increasing order."""
    if not bits:
        return []
    marks = bitarray(endian="little")
    marks.frombytes(bits.to_bytes(((size + 63) // 64) * 8 or 8, "little"))
    return list(marks.search(1))


class SearcherCache:
    """One BitsetSearcher per index, replaced when the index changed."""

    def __init__(self, places: Places | None = None):
        self._lock = threading.Lock()
        self._current: BitsetSearcher | None = None
        self.places = places

    def get(self, ix) -> BitsetSearcher:
        with self._lock:
            current = self._current
            if current is None or not current.searcher.up_to_date():
                # The old searcher is left to the garbage collector: another thread may
                # still be reading from it.
                current = BitsetSearcher(ix.searcher(), previous=current, places=self.places)
                self._current = current
            return current

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.searcher.close()
                self._current = None
