"""The searcher's own reading of postings, and the caches (and object ids) a searcher takes
over from the one it replaces after a commit: both give exactly what a fresh searcher
reading through Whoosh gives."""

from sqlmodel import Session, select

from portal.clock import today
from portal.matching.index import get_store
from portal.matching.index_query import indexed_facts, match_participants, match_vacancies
from portal.matching.rules import day
from portal.models import Participant, User
from portal.services.participants import endorsements
from search_index import SearchQuery, WhooshEngine, open_engine, rebuild, sync
from search_index.whoosh.bitsets import posting_ids

from .test_search_index_writing import bench_app  # noqa: F401


def _ids_of_every_term(reader) -> dict:
    found = {}
    for leaf, offset in reader.leaf_readers():
        for fieldname in leaf.indexed_field_names():
            for term in leaf.lexicon(fieldname):
                ids = [d + offset for d in posting_ids(leaf.postings(fieldname, term))]
                found.setdefault((fieldname, term), []).extend(ids)
    return found


def _answers(engine, vacancies, participants, on) -> list:
    """Ranked ids for every query, through the searcher `engine.filters()` gives."""
    rows = []
    for v in vacancies:
        total, ranked = match_participants(engine, v, on, limit=20)
        rows.append((total, [(row[0], row[1]) for row in ranked]))
    for p in participants:
        total, ranked = match_vacancies(engine, p, on, limit=20)
        rows.append((total, [(row[0], row[1]) for row in ranked]))
    return rows


def test_a_searcher_after_a_commit_answers_like_a_fresh_one(bench_app):  # noqa: F811
    bind = bench_app.extensions["portal_engine"]
    store = get_store(bench_app)
    with bench_app.test_request_context("/"), Session(bind, expire_on_commit=False) as db:
        rebuild(store, bind, workers=2)
        engine = open_engine(store, bind)
        first = engine.filters()
        assert len(first._leaves) == 2  # one segment per kind

        # Whoosh's own, generator-based reading gives the same document numbers
        with engine.ix.searcher() as searcher:
            reader = searcher.reader()
            for (fieldname, term), ids in _ids_of_every_term(first.reader).items():
                assert ids == list(reader.postings(fieldname, term).all_ids()), fieldname

        vacancies = [indexed_facts(engine, "vacancy", i) for i in range(1, 301)]
        people = [indexed_facts(engine, "participant", i) for i in range(1, 301)]
        vacancies = [v for v in vacancies if v is not None][:25]
        people = [p for p in people if p is not None][:25]
        on = day(today())
        before = _answers(engine, vacancies, people, on)  # fills the first searcher's caches
        assert people[0].id in engine.object_ids("participant")  # reads its object ids

        # a change: one person's endorsement is revoked (a commit with a deletion)
        person = db.exec(select(Participant).where(Participant.id == people[0].id)).one()
        mentor = db.get(User, person.mentor_id)
        endorsements.revoke_endorsement(db, mentor, person)
        sync(store, bind)
        second = engine.filters()
        assert second is not first and second._inherited is not None
        assert second._inherited[2] == first.size  # both big segments are kept as they were

        after = _answers(engine, vacancies, people[1:], on)
        assert sum(total for total, _ranked in after) > 0
        fresh = WhooshEngine(engine.ix, engine.decoders, engine.places)  # a searcher of its own
        assert after == _answers(fresh, vacancies, people[1:], on)
        # the ids of every participant: the kept segments' ids taken over, the person gone
        everyone = {h.object_id for h in fresh.search(SearchQuery("participant", limit=10**6))}
        assert engine.object_ids("participant") == fresh.object_ids("participant") == everyone
        assert people[0].id not in everyone and len(everyone) > 100
        # the revoked person left every candidate list, which lost at most that one person
        for (total, ranked), (old_total, _old) in zip(after[:25], before[:25], strict=True):
            assert people[0].id not in [row[1] for row in ranked]
            assert old_total - total in (0, 1)
