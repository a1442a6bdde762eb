"""Applying the feed after the response: one background thread per process and index
folder, woken by `notify()` after a write committed.

Why a thread per process rather than the alternatives: work done in the request (a teardown
hook) delays the response; werkzeug's `call_on_close` runs after the body is sent but keeps
a gunicorn sync worker from its next request, and the test client does not call it for a
response nobody closes; a thread per request multiplies under load. One thread per process
is bounded, starts on first use (never at import: gunicorn forks after importing) and
restarts in a forked child. It never waits for the writer lock: when another process holds
it (a rebuild), it tries again every `retry` seconds; the rebuild itself applies what
changed meanwhile before it lets go. It waits `gather` seconds after a wake-up, so the
writes of that moment (of every worker) become one index commit instead of one each, which
leaves more of the worker's interpreter to its requests. The thread ends after `idle` quiet
seconds. `after` (optional) runs after each sync that applied the feed, in the same thread:
work that needs the index caught up (the portal's match alerts)."""

import logging
import os
import threading
import time
from collections.abc import Callable

from sqlalchemy.engine import Engine

from .store import IndexStore
from .sync import sync

log = logging.getLogger(__name__)


class Applier:
    def __init__(
        self,
        store: IndexStore,
        bind: Engine,
        gather: float = 0.2,
        retry: float = 0.1,
        idle: float = 5.0,
        after: Callable[[], None] | None = None,
    ):
        self.store, self.bind, self.gather, self.retry, self.idle = store, bind, gather, retry, idle
        self.after = after
        self._mutex = threading.Lock()
        self._wake = threading.Event()
        self._done = threading.Event()  # set when nothing notified is left to apply
        self._done.set()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def notify(self) -> None:
        """A write committed: apply it soon. Returns at once."""
        with self._mutex:
            if self._pid != os.getpid():  # a forked child: the parent's thread is not here
                self._pid, self._thread = os.getpid(), None
            self._done.clear()
            self._wake.set()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=f"index-applier-{self.store.path.name}", daemon=True
                )
                self._thread.start()

    def wait(self, timeout: float) -> bool:
        """True once everything notified so far is applied (for tests and commands)."""
        return self._done.wait(timeout)

    def _run(self) -> None:
        while True:
            if not self._wake.wait(self.idle):
                with self._mutex:
                    if not self._wake.is_set():
                        self._thread = None
                        return
                continue
            time.sleep(self.gather)
            self._wake.clear()
            try:
                skipped = sync(self.store, self.bind, lock_timeout=0).skipped
            except Exception:  # noqa: BLE001 - logged; the next sync or read applies it
                log.exception("index sync after a write failed")
                skipped = False
            if skipped:  # another writer holds the lock: try again soon, never wait for it
                self._wake.set()
                time.sleep(self.retry)
                continue
            self._after()
            with self._mutex:
                if not self._wake.is_set():
                    self._done.set()

    def _after(self) -> None:
        if self.after is None:
            return
        try:
            self.after()
        except Exception:  # noqa: BLE001 - logged; the next run picks the work up again
            log.exception("work after an index sync failed")
