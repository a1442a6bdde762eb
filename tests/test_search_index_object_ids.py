"""`object_ids`: the ids of every document of a kind passing a filter, without stored
fields, the same on both engines, and right after commits that delete, replace and add
documents (on Whoosh: while the searcher reuses the ids of the segments that did not
change)."""

import pytest

from search_index import (
    STORED,
    TERM,
    TERMS,
    AnyOf,
    MemoryEngine,
    Not,
    SearchQuery,
    Term,
    WhooshEngine,
)
from search_index.fields import COMMON_FIELDS

FIELDS = COMMON_FIELDS | {"colour": TERM, "tags": TERMS, "label": STORED}
ENGINES = {"whoosh": WhooshEngine, "memory": MemoryEngine}


def _document(kind: str, object_id: int, colour: str, tags: str = "") -> dict:
    return {
        "doc_key": f"{kind}:{object_id}",
        "kind": kind,
        "object_id": object_id,
        "doc_hash": colour,
        "colour": colour,
        "tags": tags,
        "label": f"{kind} {object_id}",
    }


def _part(kind: str, rows):
    return lambda: (_document(kind, *row) for row in rows)


@pytest.fixture(params=sorted(ENGINES))
def engine(request, tmp_path):
    """Two parts as a rebuild writes them (on Whoosh one segment each): things 1-40 and
    boxes 1-30 (the same ids in another kind)."""
    found = ENGINES[request.param].create(tmp_path / request.param, FIELDS)
    things = [(i, "red" if i % 2 else "blue", "big" if i % 3 == 0 else "") for i in range(1, 41)]
    boxes = [(i, "red") for i in range(1, 31)]
    found.rebuild([_part("thing", things), _part("box", boxes)])
    yield found
    found.close()


def _stored_ids(engine, kind, query=None) -> set[int]:
    """The ids as the documents' stored fields have them."""
    return {hit.object_id for hit in engine.search(SearchQuery(kind, query, limit=10**6))}


def test_the_ids_of_a_kind_passing_a_filter(engine):
    assert engine.object_ids("thing") == set(range(1, 41))
    assert engine.object_ids("box") == set(range(1, 31))
    assert engine.object_ids("thing", Term("colour", "red")) == set(range(1, 41, 2))
    big_blue = engine.object_ids("thing", Not(AnyOf("colour", ("red", "green"))))
    assert big_blue == set(range(2, 41, 2))
    assert engine.object_ids("thing", Term("tags", "big")) == set(range(3, 41, 3))
    assert engine.object_ids("thing", Term("colour", "purple")) == set()
    assert engine.object_ids("nothing") == set()
    for query in (None, Term("colour", "red"), Term("tags", "big")):
        assert engine.object_ids("thing", query) == _stored_ids(engine, "thing", query)


def test_after_commits_deleted_ids_are_gone_and_new_ones_there(engine):
    red = Term("colour", "red")
    engine.object_ids("thing", red)  # the first searcher reads its ids
    # thing 1 deleted, thing 3 turns blue, thing 41 is new; the boxes do not change
    engine.apply([_document("thing", 3, "blue"), _document("thing", 41, "red")], ["thing:1"])
    expected = set(range(5, 42, 2))
    assert engine.object_ids("thing", red) == expected == _stored_ids(engine, "thing", red)
    assert 3 in engine.object_ids("thing", Term("colour", "blue"))
    assert engine.object_ids("box") == set(range(1, 31))
    # a second commit: a box deleted, thing 41 written twice before the commit
    twice = [_document("thing", 41, "red", "big"), _document("thing", 41, "red", "big")]
    engine.apply(twice, ["box:30"])
    assert engine.object_ids("box") == set(range(1, 30))
    big = Term("tags", "big")
    expected = set(range(6, 41, 3)) | {41}  # thing 3 lost its tag
    assert engine.object_ids("thing", big) == expected == _stored_ids(engine, "thing", big)
    engine.delete(["thing:41"])
    assert 41 not in engine.object_ids("thing")
    assert engine.object_ids("thing") == _stored_ids(engine, "thing")


def test_whoosh_reuses_the_ids_of_the_segments_commits_kept(tmp_path):
    engine = WhooshEngine.create(tmp_path / "ix", FIELDS)
    engine.rebuild([_part("thing", [(i, "red") for i in range(1, 21)])])
    first = engine.filters()
    assert engine.object_ids("thing") == set(range(1, 21))
    engine.apply([_document("thing", 21, "red")], ["thing:2"])
    second = engine.filters()
    assert second is not first and len(second._leaves) == 2
    assert len(second.object_ids._known) == 20  # the first segment's ids, taken over
    engine.apply([_document("thing", 22, "red")], [])  # the second searcher read no ids
    third = engine.filters()
    assert third is not second and len(third._leaves) == 3
    assert len(third.object_ids._known) == 20  # still the first segment's, through it
    assert engine.object_ids("thing") == set(range(1, 23)) - {2}
    fresh = WhooshEngine(engine.ix)  # a searcher of its own, reading every segment
    assert fresh.object_ids("thing") == engine.object_ids("thing")
    engine.close()
