"""The match alerts in `portal bench`: how long finding the new pairs of one changed
vacancy or participant takes (the match query plus the comparison with the announced
pairs), and `portal alerts send` over a day's changes (1,000: half vacancies, half
participants; one in ten new, whose every fitting pair is announced, the others edits of
objects whose pairs were announced before)."""

import time

from sqlalchemy import func, select

from ..models import AlertCursor, IndexChange
from ..services import alerts
from ..services.alerts import announce, pairs
from ..services.search_feed import record_change
from . import service as matching

DAY_CHANGES = 1000
NEW_SHARE = 10  # one change in NEW_SHARE is a new object


def pair_latencies(db, engine, vacancy_ids, participant_ids) -> list[float]:
    today, latencies = matching.today(), []
    for kind, ids in (("vacancy", vacancy_ids), ("participant", participant_ids)):
        for object_id in ids:
            begun = time.perf_counter()
            pairs.changed_pairs(db, engine, kind, object_id, today)
            latencies.append((time.perf_counter() - begun) * 1000)
    return latencies


def send_day(db, engine, vacancy_ids, participant_ids, rng, echo) -> float:
    """Seconds of one `alerts send` over DAY_CHANGES changes (fewer at small N)."""
    half = DAY_CHANGES // 2
    changed = [("vacancy", i) for i in rng.sample(vacancy_ids, min(half, len(vacancy_ids)))]
    changed += [
        ("participant", i) for i in rng.sample(participant_ids, min(half, len(participant_ids)))
    ]
    today = matching.today()
    for number, (kind, object_id) in enumerate(changed):
        if number % NEW_SHARE:  # announced yesterday: only what the edit changes is new
            announce.claim(db, pairs.fitting_now(engine, kind, object_id, today))
    newest = db.exec(select(func.max(IndexChange.id))).one()[0] or 0
    cursor = db.get(AlertCursor, 1) or AlertCursor(id=1)
    cursor.last_change_id = newest
    db.add(cursor)
    for kind, object_id in changed:
        record_change(db, kind, object_id)
    db.commit()
    begun = time.perf_counter()
    summary = alerts.send(db)
    seconds = time.perf_counter() - begun
    echo(f"alerts send over {len(changed)} changes: {seconds:.1f} s ({summary.line()})")
    return seconds
