"""Document number -> object id, so the ids of every document passing a filter come from its
bitset without reading stored fields (Whoosh decompresses and unpickles those one document
at a time: most of the time of a match alert's query over thousands of documents).

One array for the searcher, each segment's part read from its doc_key terms
("<kind>:<id>"): a term's info names its first and last document, so a key held by one
document needs no postings read. The terms of the field lie together in the terms file and
are read in one piece: through Whoosh's term iterator, three small file reads per term made
it several times slower. A searcher after a commit takes over the part of the segments that
did not change. The passing documents are few (hundreds to a few thousand of 155,000 at
N=100,000): looking each one up beats picking them out of the whole array."""

import struct
import threading
from array import array

from whoosh.filedb.filetables import OrderedHashReader

KEY_FIELD = "doc_key"
_RECORD = struct.Struct("!ii")  # a record of Whoosh's hash file: key length, value length
_INFO = struct.Struct("!BfIBBfII")  # W3TermInfo: flags, weight, documents, lengths, max
# weight, first and last document
_FIELD_NUMBER = struct.Struct("!H")  # the field's number, in front of each term of it


class ObjectIds:
    """The object ids of a searcher's documents, read on first use. `kept`: how many
    document numbers at the start belong to segments `previous` shares with it."""

    def __init__(self, leaves: list, previous: "ObjectIds | None" = None, kept: int = 0):
        self._leaves = leaves  # (segment reader, first docnum)
        self._column: array | None = None
        # the ids of whole segments at the start that an earlier searcher read (a copy: no
        # chain of old searchers builds up)
        known = None if previous is None else previous._column or previous._known
        self._known = array("q") if known is None else known[:kept]
        self._lock = threading.Lock()  # request threads share a searcher

    def of(self, docnums: list[int]) -> set[int]:
        return set(map(self.column().__getitem__, docnums))

    def column(self) -> array:
        with self._lock:
            if self._column is None:
                column = self._known
                for leaf, offset in self._leaves:
                    if offset >= len(column):
                        column.extend(_column(leaf))
                self._column, self._known = column, None
            return self._column


def _column(leaf) -> array:
    """docnum -> object id of one segment (deleted documents included: `live` drops them)."""
    column = array("q", bytes(8 * leaf.doc_count_all()))
    if not column:
        return column
    terms = leaf._terms  # the segment's W3TermsReader
    number = terms._fieldmap.get(KEY_FIELD)
    if number is None:
        return column
    data = _field_records(terms._tindex, number)
    position, end = 0, len(data)
    while position < end:
        key_length, value_length = _RECORD.unpack_from(data, position)
        key_at = position + _RECORD.size + _FIELD_NUMBER.size
        value_at = position + _RECORD.size + key_length
        key = data[key_at:value_at]
        object_id = int(key[key.rindex(b":") + 1 :])
        info = _INFO.unpack_from(data, value_at)
        if info[2] == 1:  # one document: the first one named
            column[info[6]] = object_id
        else:  # written twice before one commit: both copies are this object
            for docnum in leaf.postings(KEY_FIELD, key).all_ids():
                column[docnum] = object_id
        position = value_at + value_length
    return column


def _field_records(tindex: OrderedHashReader, number: int) -> bytes:
    """The records (key and term info) of one field's terms: the keys are sorted and start
    with the field's number, so they lie between the first key of the field and the first
    of the next."""
    start = tindex.closest_key_pos(_FIELD_NUMBER.pack(number))
    if start is None:
        return b""
    end = tindex.closest_key_pos(_FIELD_NUMBER.pack(number + 1))
    end = tindex.endofdata if end is None else end
    return tindex.dbfile.get(start, end - start)
