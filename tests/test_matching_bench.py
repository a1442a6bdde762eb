"""The benchmark at N=2,000 with its correctness check (index top 20 == brute force), and
the demo data matching both ways."""

import re

import pytest
from sqlmodel import Session, select

from portal import db as portal_db
from portal import demo
from portal.matching import service as matching
from portal.matching.index import get_store
from portal.models import Participant, Vacancy
from search_index import rebuild


def test_bench_2000_agrees_with_brute_force(app):
    from portal.matching import bench

    lines = []
    summary, mismatches, violations = bench.run(2000, queries=200, echo=lines.append)
    assert (mismatches, violations) == (0, 0), lines
    assert re.fullmatch(
        r"bench n=2000 rebuild_s=[\d.]+ match_p50_ms=[\d.]+ match_p95_ms=[\d.]+ "
        r"reverse_p95_ms=[\d.]+ brute_p95_ms=[\d.]+ speedup=[\d.]+ visible_ms=[\d.]+ "
        r"alert_pairs_p95_ms=[\d.]+ alerts_send_1000_s=[\d.]+ peak_mb=\d+ mismatches=0",
        summary,
    ), summary


def test_bench_on_the_memory_engine_agrees_with_brute_force():
    """The simple engine answers the same match queries as Whoosh and the brute force."""
    from portal.matching import bench

    lines = []
    summary, mismatches, violations = bench.run(
        300, queries=40, echo=lines.append, workers=1, engine="memory"
    )
    assert (mismatches, violations) == (0, 0), lines
    assert summary.startswith("bench n=300 "), summary


@pytest.mark.parametrize("engine", ["whoosh", "memory"])
def test_demo_data_matches_both_ways(app, engine):
    app.config["INDEX_ENGINE"] = engine
    with app.app_context():
        demo.fill(portal_db.session())
        bind = app.extensions["portal_engine"]
        rebuild(get_store(app), bind)
    with app.test_request_context("/?lang=en"), Session(bind) as db:
        vacancies = db.exec(select(Vacancy.id)).all()
        people = db.exec(select(Participant.id)).all()
        forward = sum(matching.candidates_for_vacancy(db, i).total for i in vacancies)
        backward = sum(matching.openings_for_participant(db, i).total for i in people)
    assert forward > 0 and forward == backward
