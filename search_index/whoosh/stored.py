"""The stored fields of a document by its number, read from its segment's per-document
reader. Whoosh's SegmentReader.stored_fields rebuilds that reader's dict through a
generator that checks every name against the schema, for fields a schema change removed: a
third of the time of reading a document's facts. An index folder never changes its schema
(a new schema is a new folder, see IndexStore), so the per-document reader's dict is the
same."""

from bisect import bisect_right


class StoredFields:
    def __init__(self, leaves: list):
        """`leaves`: (segment reader, first document number) in order."""
        self._starts = [offset for _leaf, offset in leaves]
        self._reads = [_reader_of(leaf) for leaf, _offset in leaves]

    def __call__(self, docnum: int) -> dict:
        at = bisect_right(self._starts, docnum) - 1
        return self._reads[at](docnum - self._starts[at])


def _reader_of(leaf):
    perdoc = getattr(leaf, "_perdoc", None)  # a segment of Whoosh's own codec
    return leaf.stored_fields if perdoc is None else perdoc.stored_fields
