"""`AtLeast`: documents holding at least their own number of the asked terms (the filter the
openings of a person use to set apart band 1 from band 0), and `SomeOf`: at least a fixed
number of its parts (the same for the candidates of a vacancy); the same on both engines,
alone and as a ranking tier."""

import pytest

from search_index import (
    STORED,
    TERM,
    TERMS,
    AtLeast,
    Boost,
    MatchQuery,
    MemoryEngine,
    SomeOf,
    Term,
    WhooshEngine,
)
from search_index.fields import COMMON_FIELDS

FIELDS = COMMON_FIELDS | {"tags": TERMS, "needs": TERM, "label": STORED}
# (id, tags, how many of the asked tags the document needs; None: no number at all)
DOCS = [
    (1, "red blue green", "2"),
    (2, "red", "2"),
    (3, "red blue", "1"),
    (4, "yellow", "1"),
    (5, "", "0"),
    (6, "red blue green", None),
    (7, "red#2 red", "2"),
]


def _document(object_id: int, tags: str, needs: str | None) -> dict:
    doc = {
        "doc_key": f"thing:{object_id}",
        "kind": "thing",
        "object_id": object_id,
        "doc_hash": str(object_id),
        "tags": tags,
        "label": f"thing {object_id}",
    }
    return doc if needs is None else doc | {"needs": needs}


@pytest.fixture(params=["whoosh", "memory"])
def engine(request, tmp_path):
    engine_type = {"whoosh": WhooshEngine, "memory": MemoryEngine}[request.param]
    decoders = {"thing": lambda stored: stored["object_id"]}
    found = engine_type.create(tmp_path / request.param, FIELDS, decoders=decoders)
    found.apply([_document(*row) for row in DOCS], [])
    yield found
    found.close()


def _ids(engine, query) -> list[int]:
    matches = engine.match(MatchQuery("thing", query, limit=100))
    return sorted(object_id for tier in matches.tiers for object_id in tier)


def test_a_document_needs_its_own_number_of_the_terms(engine):
    assert _ids(engine, AtLeast("tags", ("red", "blue"), "needs")) == [1, 3, 5]
    assert _ids(engine, AtLeast("tags", ("red", "green", "red#2"), "needs")) == [1, 3, 5, 7]
    assert _ids(engine, AtLeast("tags", ("red", "red"), "needs")) == [3, 5]  # counted once
    assert _ids(engine, AtLeast("tags", (), "needs")) == [5]
    assert _ids(engine, AtLeast("tags", ("purple",), "needs")) == [5]


def test_as_a_tier_it_ranks_its_documents_before_the_rest(engine):
    tiers = (Boost(1.0, AtLeast("tags", ("red", "blue"), "needs")),)
    query = MatchQuery("thing", Term("kind", "thing"), tiers, limit=2)
    first, *rest = engine.match(query).tiers
    assert sorted(first) == [1, 3, 5] and rest == []  # the first tier fills the page
    everything = engine.match(MatchQuery("thing", Term("kind", "thing"), tiers, limit=4))
    assert [sorted(tier) for tier in everything.tiers] == [[1, 3, 5], [2, 4, 6, 7]]


def test_some_of_counts_its_parts_and_a_part_listed_twice_twice(engine):
    red, blue, green = (Term("tags", tag) for tag in ("red", "blue", "green"))
    assert _ids(engine, SomeOf((red, blue, green), 2)) == [1, 3, 6]
    assert _ids(engine, SomeOf((red, blue, green), 3)) == [1, 6]
    assert _ids(engine, SomeOf((red, red, blue), 2)) == [1, 2, 3, 6, 7]  # red alone is two
    assert _ids(engine, SomeOf((red, Term("tags", "red#2")), 2)) == [7]
    assert _ids(engine, SomeOf((red, blue), 0)) == [1, 2, 3, 4, 5, 6, 7]
    assert _ids(engine, SomeOf((), 1)) == []


def test_a_remembered_result_lasts_until_the_index_changes(tmp_path):
    """SearchEngine.remembered: Whoosh keeps a caller's result with its searcher, so the
    next commit (a new searcher) computes it again; the memory engine keeps nothing."""
    whoosh = WhooshEngine.create(tmp_path / "w", FIELDS, decoders={"thing": lambda s: s})
    memory = MemoryEngine.create(tmp_path / "m", FIELDS)
    for engine, kept in ((whoosh, True), (memory, False)):
        engine.apply([_document(*DOCS[0])], [])
        calls = []

        def count(engine=engine, calls=calls):
            calls.append(1)
            return engine.count("thing")

        assert engine.remembered(("things",), count) == 1
        assert engine.remembered(("things",), count) == 1
        assert len(calls) == (1 if kept else 2)
        engine.apply([_document(*DOCS[1])], [])
        assert engine.remembered(("things",), count) == 2  # never the result of before
        assert engine.remembered(("other",), count) == 2
        assert len(calls) == (3 if kept else 4)
        engine.close()
