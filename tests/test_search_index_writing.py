"""The bulk writer of a rebuild (search_index/whoosh/writing.py) writes the same index that
Whoosh's own writer writes from the same documents: the same terms in every field, the same
postings with their weights and values, the same stored fields; in one process and with
two worker processes."""

from functools import partial

import pytest
from sqlmodel import Session
from whoosh import index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

from portal.matching import bench, bench_data
from portal.matching.index import get_store
from search_index import rebuild
from search_index.fields import all_fields
from search_index.rebuild import parts
from search_index.registry import providers
from search_index.whoosh import writing
from search_index.whoosh.engine import WhooshEngine
from search_index.whoosh.schema import build_schema
from search_index.whoosh.writing import GroupedPostingPool, _terms_of

TRICKY = [
    "",
    "forklift",
    "day  night\tweekend\nevening",
    "Heftruckchauffeur (m/v/x) — Gent",
    "Één café, twee BEDIENDEN; 3.5 uur/dag; e-mail: jobs@voorbeeld.be",
    "عامل مخزن في أنتويرب، مع تدريب على الرافعة الشوكية",
    "vca_basic:09000 forklift:99999 vca_basic:09000",
    "a.b.c *wild* ...dots... under_score",
]


def test_terms_of_every_indexed_field_equal_whooshs_analyzers(app):
    schema = build_schema(all_fields(providers()))
    extra = {"stemmed": TEXT(analyzer=StemmingAnalyzer()), "number": NUMERIC()}
    fast = 0
    for name in schema.names():
        field = schema[name]
        plan = _terms_of(field)
        if plan is None:
            continue
        fast += 1
        for value in TRICKY:
            expected = sorted((t, w, v) for t, _freq, w, v in field.index(value))
            assert sorted(plan(value)) == expected, (name, value)
    assert fast >= 20  # every ID, KEYWORD and TEXT field of the portal takes the fast path
    # analyzers it does not know are left to Whoosh
    assert all(_terms_of(field) is None for field in extra.values())


def _content(ix) -> tuple[dict, dict]:
    """(postings per (field, term) as sorted (doc_key, weight, value), stored fields)."""
    with ix.reader() as reader:
        key_of = {n: reader.stored_fields(n)["doc_key"] for n in reader.all_doc_ids()}
        postings = {}
        for fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                matcher = reader.postings(fieldname, term)
                found = []
                while matcher.is_active():
                    found.append((key_of[matcher.id()], matcher.weight(), matcher.value()))
                    matcher.next()
                postings[fieldname, term] = sorted(found)
        stored = {key_of[n]: reader.stored_fields(n) for n in key_of}
    return postings, stored


@pytest.fixture()
def bench_app(tmp_path, app):
    """A throwaway SQLite database with 300 synthetic vacancies and participants."""
    other = bench.throwaway_app(tmp_path / "bench")
    bind = other.extensions["portal_engine"]
    with other.test_request_context("/"), Session(bind) as db:
        bench_data.generate(db, 300)
    yield other
    bind.dispose()


@pytest.mark.parametrize("workers", [1, 2])
def test_rebuild_writes_what_whooshs_own_writer_writes(bench_app, tmp_path, workers):
    bind = bench_app.extensions["portal_engine"]
    fields = all_fields(providers())
    schema = build_schema(fields)
    with bench_app.test_request_context("/"):
        documents = [doc for part in parts(bind) for doc in part()]
        (tmp_path / "whoosh").mkdir()
        plain = index.create_in(str(tmp_path / "whoosh"), schema)
        writer = plain.writer()
        for doc in documents:
            writer.add_document(**doc)
        writer.commit()

        engine = WhooshEngine.create(tmp_path / f"bulk-{workers}", fields)
        reports = []
        written = engine.rebuild(parts(bind), workers=workers, progress=reports.append)

    assert written == len(documents) > 400
    assert reports[-1] == written and reports == sorted(reports)
    expected_postings, expected_stored = _content(plain)
    postings, stored = _content(engine.ix)
    assert len(engine.ix._segments()) == 2  # one per kind
    assert stored == expected_stored
    assert postings.keys() == expected_postings.keys()
    assert postings == expected_postings
    engine.close()
    plain.close()


def test_grouped_pool_sorts_postings_added_out_of_document_order(tmp_path):
    """Whoosh adds a merged segment's postings term by term; the pool must still write each
    term's documents in order."""
    schema = Schema(key=ID(stored=True), tags=KEYWORD(stored=True))
    ix = index.create_in(str(tmp_path), schema)
    writer = ix.writer()
    writer.pool = GroupedPostingPool()
    for number, tags in enumerate(["red blue", "blue", "red green", "green blue"]):
        writer.add_document(key=str(number), tags=tags)
    writer.commit()
    merged = ix.writer()
    merged.pool = GroupedPostingPool()
    for number in range(4, 6):
        merged.add_document(key=str(number), tags="blue red")
    merged.commit(optimize=True)  # re-adds the first segment's postings through the pool
    with ix.searcher() as searcher:
        found = {
            tag: sorted(hit["key"] for hit in searcher.documents(tags=tag))
            for tag in ("red", "blue", "green")
        }
    assert found == {
        "red": ["0", "2", "4", "5"],
        "blue": ["0", "1", "3", "4", "5"],
        "green": ["2", "3"],
    }


def test_a_failing_worker_fails_the_rebuild_with_its_error(bench_app, tmp_path):
    bind = bench_app.extensions["portal_engine"]

    def broken():
        yield {"doc_key": "x:1", "kind": "x", "unknown_field": "?"}

    with bench_app.test_request_context("/"):
        engine = WhooshEngine.create(tmp_path / "broken", all_fields(providers()))
        with pytest.raises(RuntimeError, match="unknown_field"):
            engine.rebuild([*parts(bind), partial(broken)], workers=2)
    engine.close()


def test_incremental_commits_merge_only_small_segments(bench_app, monkeypatch):
    """A write's commit (the applier in the web process) merges the small segments of earlier
    writes and never rewrites a rebuild's segments: bounded work, however many writes came
    since the rebuild, and the searcher keeps its bitsets of the big segments."""
    monkeypatch.setattr(writing, "SMALL_SEGMENT", 16)  # the rebuild's segments are larger
    bind = bench_app.extensions["portal_engine"]
    store = get_store(bench_app)
    with bench_app.test_request_context("/"):
        rebuild(store, bind)
        engine = store.engine()
        built = {segment.segment_id() for segment in engine.ix._segments()}
        total = engine.count()
        documents = list(parts(bind)[0]())[:150]
        for doc in documents:  # one commit per write, each replacing an indexed document
            engine.apply([doc], [])
        segments = engine.ix._segments()
        assert built <= {segment.segment_id() for segment in segments}
        small = [s for s in segments if s.segment_id() not in built]
        assert len(small) <= len(documents) // 16 + 5  # merged, not one per commit
        assert engine.count() == total
        assert sum(s.doc_count() for s in small) == len(documents)
