"""`portal bench --n N`: N synthetic vacancies and N synthetic participants in a throwaway
database, a rebuild, then match queries in both directions through the index and the same
queries through the brute-force scorer. Stops (exit 1) when any top 20 differs or an index
result breaks a hard filter. The last line is one summary scripts can read."""

import gc
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from . import bench_alerts, brute
from .bench_data import generate
from .rules import hard_failures

WARM = 10  # queries of each direction before the timed ones


def _peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _workers_peak_mb() -> float:
    """Peak resident memory of the largest rebuild worker (a forked child process)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _others(facts: list, taken: list, seed: int) -> list:
    """WARM facts not among `taken` (fewer when there are not that many)."""
    chosen = {f.id for f in taken}
    rest = [f for f in facts if f.id not in chosen]
    return random.Random(seed + 2).sample(rest, min(WARM, len(rest)))


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(
    n: int,
    queries: int = 200,
    seed: int = 1,
    echo=print,
    database_url: str | None = None,
    workers: int = 2,
    engine: str = "whoosh",
):
    """Returns (summary line, mismatches, violations). The throwaway database and index
    folder are removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        app = throwaway_app(Path(folder), database_url, engine)
        return _run(app, n, queries, seed, echo, workers)


def throwaway_app(folder: Path, database_url: str | None = None, engine: str = "whoosh"):
    """A portal on a database and index folder of its own (a new SQLite file by default),
    migrated, that syncs the index only when asked."""
    from portal import create_app
    from portal import db as portal_db

    folder.mkdir(parents=True, exist_ok=True)
    url = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    portal_db.upgrade(url)
    return create_app(
        {
            "INSTANCE_PATH": str(folder / "instance"),
            "DATABASE_URL": url,
            "INDEX_DIR": str(folder / "index"),
            "SECRET_KEY": "bench",
            "BABEL_DEFAULT_LOCALE": "en",
            "INDEX_SYNC_AFTER_REQUEST": False,
            "INDEX_ENGINE": engine,
            "ALERTS_AFTER_REQUEST": False,
        }
    )


def _run(app, n, queries, seed, echo, workers):
    from portal.models import Participant, User
    from portal.services.participants import endorsements
    from search_index import open_engine, rebuild

    from . import documents
    from . import service as matching
    from .index import get_store

    bind = app.extensions["portal_engine"]
    with app.test_request_context("/"), Session(bind, expire_on_commit=False) as db:
        started = time.perf_counter()
        generate(db, n, seed)
        echo(
            f"generated {n} vacancies and {n} participants in "
            f"{time.perf_counter() - started:.1f} s (peak {_peak_mb():.0f} MB)"
        )
        store = get_store(app)
        result = rebuild(store, bind, lock_timeout=60, workers=workers)
        echo(
            f"rebuild: {result.documents} documents in {result.seconds:.1f} s "
            f"({result.docs_per_second:.0f} docs/s, {workers} worker(s), peak {_peak_mb():.0f} MB, "
            f"largest worker {_workers_peak_mb():.0f} MB)"
        )
        engine = open_engine(store, bind)
        vacancies, participants = documents.all_facts(db)
        # The brute-force copy of every row lives to the end and never changes: out of the
        # garbage collector's way, so its size does not lengthen the pauses that land in the
        # timed index queries (a web worker holds no such copy).
        gc.freeze()
        echo(
            f"brute-force facts: {len(vacancies)} open vacancies, {len(participants)} "
            f"participants (peak {_peak_mb():.0f} MB)"
        )
        rng = random.Random(seed + 1)
        v_queries = rng.sample(vacancies, min(queries, len(vacancies)))
        p_queries = rng.sample(participants, min(queries, len(participants)))
        # the warm-up asks other queries: a page asked again comes from the engine's result
        # cache (SearchEngine.remembered), and these are to time the index
        v_warm = _others(vacancies, v_queries, seed)
        p_warm = _others(participants, p_queries, seed)
        today = matching.today()
        by_vacancy = {v.id: v for v in vacancies}
        by_participant = {p.id: p for p in participants}

        def timed(call, *args, **kwargs):
            begun = time.perf_counter()
            page = call(*args, **kwargs)
            return page, (time.perf_counter() - begun) * 1000

        # warm-up: the first queries fill the filter caches of a fresh searcher
        for v in v_warm:
            matching.candidates_for_vacancy(db, v.id, engine=engine)
        for p in p_warm:
            matching.openings_for_participant(db, p.id, engine=engine)

        brute_ms: list[float] = []
        mismatches = violations = 0

        def measure(name, queries, index_call, brute_call, other_id, pair):
            nonlocal mismatches, violations
            latencies = []
            for query in queries:
                page, ms = timed(index_call, db, query.id, engine=engine)
                latencies.append(ms)
                (total, expected), ms = timed(brute_call, query, today)
                brute_ms.append(ms)
                got = [(m.score, getattr(m, other_id)) for m in page.items]
                if total != page.total or [i for _s, i in got] != [i for _s, i in expected]:
                    mismatches += 1
                    echo(
                        f"MISMATCH {name} {query.id}: index {page.total} {got[:5]}, "
                        f"brute force {total} {expected[:5]}"
                    )
                for m in page.items:
                    violations += bool(hard_failures(*pair(query, m), today))
            return latencies

        forward = measure(
            "vacancy",
            v_queries,
            matching.candidates_for_vacancy,
            lambda v, on: brute.candidates(v, participants, on),
            "participant_id",
            lambda v, m: (v, by_participant[m.participant_id]),
        )
        reverse = measure(
            "participant",
            p_queries,
            matching.openings_for_participant,
            lambda p, on: brute.openings(p, vacancies, on),
            "vacancy_id",
            lambda p, m: (by_vacancy[m.vacancy_id], p),
        )

        # change-to-visible: revoke one endorsement, wait until the index drops the person
        target = db.get(Participant, p_queries[0].id)
        begun = time.perf_counter()
        endorsements.revoke_endorsement(db, db.get(User, target.mentor_id), target)
        while True:
            engine = open_engine(store, bind)
            if matching.openings_for_participant(db, target.id, engine=engine).total == 0 and (
                matching.index_matching.indexed_facts(engine, "participant", target.id) is None
            ):
                break
            if time.perf_counter() - begun > 10:
                break
        visible_ms = (time.perf_counter() - begun) * 1000

        # the first queries on the searcher that replaced the old one at that commit
        after = [
            timed(matching.candidates_for_vacancy, db, v.id, engine=engine)[1]
            for v in v_queries[:20]
        ]
        after += [
            timed(matching.openings_for_participant, db, p.id, engine=engine)[1]
            for p in p_queries[1:21]
        ]
        echo(
            f"after the commit: first query {after[0]:.1f} ms, p95 of the first {len(after)} "
            f"queries {_percentile(after, 0.95):.1f} ms"
        )

        alert_ms = bench_alerts.pair_latencies(
            db, engine, [v.id for v in v_queries], [p.id for p in p_queries]
        )
        alert_p95 = _percentile(alert_ms, 0.95)
        echo(f"alert pairs: {len(alert_ms)} changed objects, p95 {alert_p95:.1f} ms")
        ids = [v.id for v in vacancies], [p.id for p in participants]
        send_s = bench_alerts.send_day(db, engine, *ids, rng, echo)

    match_p95, reverse_p95 = _percentile(forward, 0.95), _percentile(reverse, 0.95)
    brute_p95 = _percentile(brute_ms, 0.95)
    peak_mb = max(_peak_mb(), _workers_peak_mb())  # the larger of this process and a worker
    summary = (
        f"bench n={n} rebuild_s={result.seconds:.1f} "
        f"match_p50_ms={statistics.median(forward):.1f} match_p95_ms={match_p95:.1f} "
        f"reverse_p95_ms={reverse_p95:.1f} brute_p95_ms={brute_p95:.1f} "
        f"speedup={brute_p95 / max(match_p95, reverse_p95, 0.001):.1f} "
        f"visible_ms={visible_ms:.1f} alert_pairs_p95_ms={alert_p95:.1f} "
        f"alerts_send_1000_s={send_s:.1f} peak_mb={peak_mb:.0f} "
        f"mismatches={mismatches + violations}"
    )
    echo(
        f"queries: {len(forward)} vacancy->participants, {len(reverse)} participant->vacancies; "
        f"reverse p50 {statistics.median(reverse):.1f} ms; hard-filter violations {violations}"
    )
    app.extensions["portal_engine"].dispose()
    return summary, mismatches, violations
