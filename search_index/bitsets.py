"""Fast filters on a Whoosh searcher: each filter term's posting list is turned once into a
bitset (a Python int, one bit per document number) and kept for the life of the searcher,
like Lucene's filter cache. A filter query (Term, TermRange, And, Or, Not, Every) is then a
few big-integer operations instead of a walk over postings in Python, and the candidates are
the set bits. Stored facts of a document are parsed once per searcher as well.

The searcher is replaced (and the caches dropped) when the index has a new commit."""

import json
import threading
from array import array

from whoosh.query import And, Every, Not, Or, Query, Term, TermRange

from .match_rules import from_row


class BitsetSearcher:
    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self._terms: dict[tuple[str, str], int] = {}
        self._facts: dict[int, object] = {}
        self._live: int | None = None
        self._queries: dict = {}
        self._lexicons: dict[str, list[str]] = {}

    # -- bitsets ---------------------------------------------------------------------------
    def _from_ids(self, ids) -> int:
        buffer = bytearray((self.size + 8) // 8)
        for docnum in ids:
            buffer[docnum >> 3] |= 1 << (docnum & 7)
        return int.from_bytes(buffer, "little")

    @property
    def live(self) -> int:
        if self._live is None:
            self._live = self._from_ids(self.reader.all_doc_ids())
        return self._live

    def term(self, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        bits = self._terms.get(key)
        if bits is None:
            if (fieldname, text) in self.reader:
                bits = self._from_ids(self.reader.postings(fieldname, text).all_ids())
            else:
                bits = 0
            self._terms[key] = bits
        return bits

    def term_range(self, fieldname: str, start: str, end: str) -> int:
        key = (fieldname, f"\x00range:{start}:{end}")
        bits = self._terms.get(key)
        if bits is None:
            bits = 0
            for text in self.texts(fieldname):
                if text > end:
                    break
                if text >= start:
                    bits |= self.term(fieldname, text)
            self._terms[key] = bits
        return bits

    def bits(self, query: Query) -> int:
        if isinstance(query, Term):
            return self.term(query.fieldname, query.text)
        if isinstance(query, TermRange):
            return self.term_range(query.fieldname, query.start, query.end)
        if isinstance(query, And):
            result = self.live
            for sub in query.subqueries:
                result &= self.bits(sub)
                if not result:
                    break
            return result
        if isinstance(query, Or):
            result = 0
            for sub in query.subqueries:
                result |= self.bits(sub)
            return result
        if isinstance(query, Not):
            return self.live & ~self.bits(query.query)
        if isinstance(query, Every):
            return self.live
        raise TypeError(f"filter query {type(query).__name__} not supported")

    def cached(self, key, build) -> int:
        """Bits of the query `build()` returns, computed once per searcher under `key`."""
        bits = self._queries.get(key)
        if bits is None:
            bits = self._queries[key] = self.bits(build())
        return bits

    def texts(self, fieldname: str) -> list[str]:
        """Every term of a field (for example every certificate code some vacancy asks)."""
        found = self._lexicons.get(fieldname)
        if found is None:
            found = []
            if fieldname in self.reader.schema:
                lexicon = self.reader.lexicon(fieldname)
                found = [t.decode("utf-8") if isinstance(t, bytes) else t for t in lexicon]
            self._lexicons[fieldname] = found
        return found

    def docnums(self, query: Query) -> list[int]:
        return set_bits(self.bits(query) & self.live, self.size)

    def count(self, query: Query) -> int:
        return (self.bits(query) & self.live).bit_count()

    # -- stored facts ----------------------------------------------------------------------
    def facts(self, docnum: int, kind: str):
        found = self._facts.get(docnum)
        if found is None:
            stored = self.reader.stored_fields(docnum)
            found = from_row(kind, json.loads(stored["facts"]))
            self._facts[docnum] = found
        return found

    def docnum_of(self, key: str) -> int | None:
        return self.searcher.document_number(doc_key=key)


def set_bits(bits: int, size: int) -> list[int]:
    """Positions of the set bits, in increasing order."""
    if not bits:
        return []
    words = array("Q", bits.to_bytes(((size + 63) // 64) * 8 or 8, "little"))
    result = []
    for index, word in enumerate(words):
        while word:
            low = word & -word
            result.append(index * 64 + low.bit_length() - 1)
            word ^= low
    return result


class SearcherCache:
    """One BitsetSearcher per index, replaced when the index changed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._current: BitsetSearcher | None = None

    def get(self, ix) -> BitsetSearcher:
        with self._lock:
            current = self._current
            if current is None or not current.searcher.up_to_date():
                # The old searcher is left to the garbage collector: another thread may
                # still be reading from it.
                current = BitsetSearcher(ix.searcher())
                self._current = current
            return current

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.searcher.close()
                self._current = None
