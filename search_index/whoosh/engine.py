"""The Whoosh implementation of SearchEngine, on one folder."""

import ctypes
import multiprocessing
import os
import queue
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from whoosh import index
from whoosh.query import Term
from whoosh.writing import SegmentWriter

from ..engine import Hits, Part, Progress, SearchEngine, SearchQuery, WriteLocked
from ..lock import forget_inherited
from ..query import Filter, Matches, MatchQuery
from . import matching
from .bitsets import BitsetSearcher, SearcherCache
from .files import PreadStorage
from .schema import build_schema
from .writing import (
    BatchedPostingPool,
    DocumentAdder,
    GroupedPostingPool,
    codec_for,
    merge_small_only,
)

PROGRESS_EVERY = 500  # documents a rebuild worker writes between two progress reports


def _report(progress: Progress | None, written: int) -> None:
    if progress is not None:
        progress(written)


def _check_alive(running: dict, dead: dict) -> None:
    """A worker that exited without sending its result (killed, out of memory) fails the
    rebuild; a result sent just before exiting gets a second to arrive."""
    for number, process in running.items():
        if process.is_alive():
            continue
        first_seen = dead.setdefault(number, time.monotonic())
        if process.exitcode != 0 or time.monotonic() - first_seen > 1.0:
            code = process.exitcode
            raise RuntimeError(f"rebuild worker {number} ended ({code}) without a result")


def _die_with_parent(parent_pid: int) -> None:
    """In a forked rebuild worker, which runs at a lower priority: the kernel kills it
    when the parent dies (Linux
    PR_SET_PDEATHSIG), and it lets go of the parent's writer lock at once, so a killed
    rebuild leaves no process behind that blocks the next writer. A parent that died before
    the signal was set is caught by the getppid check."""
    forget_inherited()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the getppid check and the parent's kill
        pass
    if os.getppid() != parent_pid:
        os._exit(1)
    os.nice(10)  # background work: the web workers on the host get the CPU first


def _offset(progress: Progress | None, base: int) -> Callable[[int], None]:
    return lambda written: _report(progress, base + written)


class WhooshEngine(SearchEngine):
    def __init__(self, ix: index.Index, decoders=(), places=None, writer_timeout: float = 5.0):
        super().__init__(dict(decoders), places)
        self.ix = ix
        self.writer_timeout = writer_timeout
        self._searchers = SearcherCache(self.places)

    def filters(self) -> BitsetSearcher:
        """The cached searcher with bitset filters, fresh after a commit."""
        return self._searchers.get(self.ix)

    @classmethod
    def create(cls, path: Path, fields, **kwargs) -> "WhooshEngine":
        path.mkdir(parents=True, exist_ok=True)
        return cls(PreadStorage(path).create_index(build_schema(fields)), **kwargs)

    @classmethod
    def open(cls, path: Path, **kwargs) -> "WhooshEngine":
        return cls(PreadStorage(path).open_index(), **kwargs)

    def _writer(self):
        # Whoosh's lock is an flock too: a killed holder releases it, so waiting only ever
        # waits for a live writer (another program on the same folder).
        try:
            writer = self.ix.writer(timeout=self.writer_timeout, codec=codec_for(self.ix.schema))
        except index.LockError as exc:
            raise WriteLocked(str(exc)) from exc
        writer.pool = BatchedPostingPool(writer.temp_storage(), writer.newsegment)
        return writer

    def apply(self, upserts: Iterable[dict], deletes: Iterable[str]) -> None:
        writer = self._writer()
        try:
            for key in deletes:
                writer.delete_by_term("doc_key", key)
            for doc in upserts:
                writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_small_only)

    def rebuild(self, parts: Sequence[Part], workers: int = 1, progress: Progress | None = None):
        """Each part becomes one segment: written here one after the other, or by up to
        `workers` forked processes at once (each part's callable then runs in its worker).
        The segments are committed together, so readers see all of them or none."""
        if workers > 1 and len(parts) > 1:
            segments, written = self._segments_in_workers(parts, workers, progress)
        else:
            segments, written = [], 0
            for part in parts:
                segment, count = self._segment(part, _offset(progress, written))
                segments += [segment] if segment is not None else []
                written += count
        writer = self._writer()  # takes Whoosh's lock; its own empty segment is dropped
        try:
            writer._close_segment()
            writer._commit_toc(segments)
        finally:
            writer._finish()
        return written

    def _segment(self, part: Part, report: Callable[[int], None]):
        """(segment, documents) of one part, written by a writer without Whoosh's lock: the
        folder is a fresh generation that only this rebuild writes to."""
        writer = SegmentWriter(self.ix, _lk=False, codec=codec_for(self.ix.schema))
        writer.pool = GroupedPostingPool()
        add = DocumentAdder(writer)
        written = 0
        try:
            for doc in part():
                add(doc)
                written += 1
                if written % PROGRESS_EVERY == 0:
                    report(written)
            segment = writer._finalize_segment() if written else None
        except BaseException:
            writer._close_segment()
            raise
        if segment is None:
            writer._close_segment()
        report(written)
        return segment, written

    def _segments_in_workers(self, parts, workers, progress):
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        counts = context.Array("q", len(parts))
        waiting, running, dead = deque(enumerate(parts)), {}, {}
        segments: dict[int, object] = {}
        try:
            while waiting or running:
                while waiting and len(running) < workers:
                    number, part = waiting.popleft()
                    process = context.Process(
                        target=self._segment_in_worker,
                        args=(number, part, results, counts, os.getpid()),
                        name=f"index-rebuild-{number}",
                    )
                    process.start()
                    running[number] = process
                try:
                    number, outcome = results.get(timeout=0.2)
                except queue.Empty:
                    _check_alive(running, dead)
                else:
                    running.pop(number).join()
                    if isinstance(outcome, str):
                        raise RuntimeError(f"rebuild worker {number} failed:\n{outcome}")
                    segments[number] = outcome
                _report(progress, sum(counts))
        finally:
            for process in running.values():
                process.kill()
                process.join()
        ordered = [segments[number] for number in sorted(segments)]
        return [s for s, _count in ordered if s is not None], sum(c for _s, c in ordered)

    def _segment_in_worker(self, number, part, results, counts, parent_pid):
        _die_with_parent(parent_pid)

        def report(written):
            counts[number] = written

        try:
            results.put((number, self._segment(part, report)))
        except BaseException:  # noqa: BLE001 - sent to the parent, which raises it
            results.put((number, traceback.format_exc()))

    def search(self, query: SearchQuery) -> Hits:
        return matching.search(self, query)

    def match(self, query: MatchQuery) -> Matches:
        return matching.match(self, query)

    def object_ids(self, kind: str, filter: Filter | None = None) -> set[int]:
        return matching.object_ids(self, kind, filter)

    def document(self, kind: str, object_id: int):
        bs = self.filters()
        docnum = bs.docnum_of(f"{kind}:{object_id}")
        return None if docnum is None else bs.decoded(docnum, partial(self.decode, kind))

    def terms(self, field_name: str) -> list[str]:
        return self.filters().texts(field_name)

    def remembered(self, key, compute):
        return self.filters().result(key, compute)

    def count(self, kind: str | None = None) -> int:
        with self.ix.searcher() as searcher:
            if kind is None:
                return searcher.doc_count()
            return len(searcher.search(Term("kind", kind), limit=None, scored=False))

    def digests(self, kind: str) -> dict[str, str]:
        with self.ix.searcher() as searcher:
            return {doc["doc_key"]: doc["doc_hash"] for doc in searcher.documents(kind=kind)}

    def close(self) -> None:
        self._searchers.close()
        self.ix.close()
