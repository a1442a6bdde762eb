"""The alert pass: claim the next changes of the feed with the alerts' own cursor (an
UPDATE ... WHERE last_change_id = <what we read>: of two processes one wins, the other
reads again), find and claim the new pairs, tell the people. Only changes the local index
has applied are claimed, so the match queries see them. A pass that dies after its claim
loses those alerts (never sends one twice)."""

from dataclasses import dataclass

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, update

from search_index import open_engine, sync
from search_index.feed import changes_after

from ... import clock
from ...matching import service as matching
from ...matching.index import FEED, get_store
from ...models import AlertCursor, utcnow
from .. import digests
from .announce import announce, claim, stop
from .pairs import PairChanges, changed_pairs

BATCH = 200


@dataclass
class Summary:
    changes: int = 0
    pairs_new: int = 0
    mails: int = 0
    digests: int = 0

    def line(self) -> str:
        return f"alerts pairs_new={self.pairs_new} mails={self.mails} digests={self.digests}"


def _cursor(bind) -> int:
    with Session(bind) as db:
        row = db.get(AlertCursor, 1)
        if row is not None:
            return row.last_change_id
        insert = postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert
        db.exec(insert(AlertCursor).values(id=1, last_change_id=0, updated_at=utcnow())
                .on_conflict_do_nothing(index_elements=["id"]))  # fmt: skip
        db.commit()
        return 0


def claim_changes(bind, up_to: int, batch: int = BATCH) -> list:
    """The next changes (at most `batch`, none after `up_to`), now this process's alone."""
    while True:
        last = _cursor(bind)
        changes = [c for c in changes_after(FEED, bind, last, batch) if c.id <= up_to]
        if not changes:
            return []
        with Session(bind) as db:
            won = db.exec(
                update(AlertCursor)
                .where(col(AlertCursor.id) == 1, col(AlertCursor.last_change_id) == last)
                .values(last_change_id=changes[-1].id, updated_at=utcnow())
            ).rowcount
            db.commit()
        if won:
            return changes


def run_pass(db: Session, engine, up_to: int, batch: int = BATCH) -> Summary:
    """Every claimable change up to `up_to`, batch by batch."""
    summary = Summary()
    today = matching.today()
    bind = db.get_bind()
    while changes := claim_changes(bind, up_to, batch):
        found = PairChanges()
        for kind, object_id in dict.fromkeys((c.kind, c.object_id) for c in changes):
            found.add(changed_pairs(db, engine, kind, object_id, today))
        stop(db, found.stopped - found.new - found.again)
        pairs = claim(db, found.new, found.again)  # commits the stops too
        told = announce(db, engine, pairs)
        summary.changes += len(changes)
        summary.pairs_new += len(pairs)
        summary.mails += told.mailed
    return summary


def send(db: Session) -> Summary:
    """`portal alerts send`: bring the local index up to the feed, announce what the
    changes made new, then send the digests that are due."""
    store, bind = get_store(), db.get_bind()
    sync(store, bind, lock_timeout=30)
    summary = run_pass(db, open_engine(store, bind), store.last_change_id)
    summary.digests = digests.send_due(db, clock.now())
    return summary


def after_index_sync(app) -> None:
    """The embedded default: right after the applier brought the index up to date (after
    a request that changed something), in its thread, with a session of its own."""
    with app.app_context(), Session(app.extensions["portal_engine"], expire_on_commit=False) as db:
        store = get_store(app)
        run_pass(db, store.engine(), store.last_change_id)
        digests.send_due(db, clock.now())
