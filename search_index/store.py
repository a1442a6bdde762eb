"""The index folder of one host, holding generations of the index:

    <INDEX_DIR>/CURRENT       name of the live generation (replaced atomically on a swap)
    <INDEX_DIR>/writer.lock   the one-writer lock (see lock.py)
    <INDEX_DIR>/gen-<utc>-<random>/
                              the engine's files (Whoosh by default) plus portal-state.json:
                              schema_version and last_change_id (the newest change of the
                              feed it contains)

A pointer file rather than a symlink: the lock and the pointer stay in one real folder, and
readers notice a swap by reading one small file. Nothing is opened before first use."""

import json
import logging
import os
import secrets
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .engine import SearchEngine
from .feed import ChangeTable
from .fields import all_fields
from .lock import writer_lock
from .query import Places
from .registry import current_schema_version, decoders, providers
from .whoosh.engine import WhooshEngine

log = logging.getLogger(__name__)
POINTER = "CURRENT"
LOCK_FILE = "writer.lock"
STATE_FILE = "portal-state.json"
PREFIX = "gen-"


class IndexUnusable(RuntimeError):
    """Missing, unreadable or of another schema version: rebuild it from the database."""


class IndexStore:
    """`feed`: the application's change tables; `engine_type`: the SearchEngine class
    (create/open on a folder); `places`: how Near filters find the places around one."""

    def __init__(
        self,
        path: str | Path,
        feed: ChangeTable,
        lock_timeout: float = 5.0,
        engine_type=WhooshEngine,
        places: Places | None = None,
    ):
        self.path = Path(path)
        self.feed = feed
        self.lock_timeout = lock_timeout
        self.engine_type = engine_type
        self.places = places
        self._open: tuple[tuple[str, str], SearchEngine] | None = None
        self._local_writer = threading.Lock()  # held while a thread of this process writes

    # -- generations -----------------------------------------------------------------------
    def current_name(self) -> str | None:
        try:
            name = (self.path / POINTER).read_text().strip()
        except FileNotFoundError:
            return None
        return name if name.startswith(PREFIX) and "/" not in name else None

    def generation_path(self, name: str) -> Path:
        return self.path / name

    def new_generation(self) -> tuple[str, Path]:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        name = f"{PREFIX}{stamp}-{secrets.token_hex(3)}"
        return name, self.generation_path(name)

    def swap(self, name: str) -> None:
        """Make `name` the live generation, then remove every other one. Call with the
        writer lock held."""
        tmp = self.path / (POINTER + ".tmp")
        tmp.write_text(name + "\n")
        os.replace(tmp, self.path / POINTER)
        self.remove_other_generations()

    def stray_generations(self, current: str | None = None) -> list[Path]:
        """Folders other than the live one (`current`, read when not given): old generations,
        or half-built ones of a killed rebuild. Only the holder of the writer lock builds a
        generation, so a writer that holds the lock knows none of these is still being
        written."""
        current = current or self.current_name()
        try:
            with os.scandir(self.path) as entries:  # lighter than pathlib glob: every search asks
                return [
                    Path(e.path)
                    for e in entries
                    if e.name.startswith(PREFIX) and e.name != current and e.is_dir()
                ]
        except FileNotFoundError:
            return []

    def caught_up(self, newest: int) -> bool:
        """The live generation has applied every change up to `newest` and nothing lies
        beside it: a reader's check before each search, each small file read once."""
        name = self.current_name()
        if name is None or int(self.read_state(name).get("last_change_id", 0)) < newest:
            return False
        return not self.stray_generations(name)

    def remove_other_generations(self) -> None:
        """Remove the stray generations (writer lock held)."""
        for child in self.stray_generations():
            shutil.rmtree(child, ignore_errors=True)

    # -- state -----------------------------------------------------------------------------
    def read_state(self, name: str | None = None) -> dict:
        name = name or self.current_name()
        if name is None:
            return {}
        try:
            return json.loads((self.generation_path(name) / STATE_FILE).read_text())
        except (FileNotFoundError, ValueError):
            return {}

    def write_state(self, name: str, **values) -> None:
        """Atomic (write then rename): a crash leaves the old state or the new, never half."""
        state = self.read_state(name) | values
        folder = self.generation_path(name)
        tmp = folder / (STATE_FILE + ".tmp")
        tmp.write_text(json.dumps(state))
        os.replace(tmp, folder / STATE_FILE)

    @property
    def last_change_id(self) -> int:
        return int(self.read_state().get("last_change_id", 0))

    @staticmethod
    def expected_schema_version() -> str:
        return current_schema_version()

    # -- engines ---------------------------------------------------------------------------
    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[bool]:
        """The writer lock (see lock.py). Threads of this process first queue on a thread
        lock, held from the first try on, so a reader knows a local writer is under way."""
        self.path.mkdir(parents=True, exist_ok=True)
        wait = self.lock_timeout if timeout is None else timeout
        if not self._local_writer.acquire(timeout=wait if wait > 0 else -1, blocking=wait > 0):
            yield False
            return
        try:
            with writer_lock(self.path / LOCK_FILE, wait) as acquired:
                yield acquired
        finally:
            self._local_writer.release()

    def wait_for_local_writer(self, timeout: float) -> bool:
        """True when a thread of this process was writing (or trying to) and finished within
        `timeout` seconds: a reader then retries, and sees what that thread applied.
        Another process's writer (a rebuild) is never waited for."""
        if not self._local_writer.locked():
            return False
        if not self._local_writer.acquire(timeout=timeout):
            return False
        self._local_writer.release()
        return True

    def create_engine(self, name: str) -> SearchEngine:
        return self.engine_type.create(
            self.generation_path(name), all_fields(providers()), **self._engine_options()
        )

    def _engine_options(self) -> dict:
        return {"decoders": decoders(), "places": self.places, "writer_timeout": self.lock_timeout}

    def engine(self) -> SearchEngine:
        """The live generation's engine; IndexUnusable when it must be rebuilt."""
        name = self.current_name()
        if name is None:
            raise IndexUnusable("no index yet")
        expected = self.expected_schema_version()
        if self._open and self._open[0] == (name, expected):
            return self._open[1]
        found = self.read_state(name).get("schema_version")
        if found != expected:
            raise IndexUnusable(f"schema version {found!r}, expected another")
        try:
            engine = self.engine_type.open(self.generation_path(name), **self._engine_options())
            engine.count()  # opens every segment: a damaged one fails here, not in a search
        except Exception as exc:  # noqa: BLE001 - any damage: rebuild from the database
            log.warning("index %s unreadable (%s: %s)", name, type(exc).__name__, exc)
            raise IndexUnusable(f"unreadable: {type(exc).__name__}") from exc
        if self._open:
            self._open[1].close()
        self._open = ((name, expected), engine)
        return engine

    def status(self) -> dict:
        """What the index holds, without touching the database; never raises."""
        body = {"path": str(self.path), "generation": self.current_name()}
        try:
            engine = self.engine()
            return body | {
                "ok": True,
                "documents": engine.count(),
                "last_change_id": self.last_change_id,
            }
        except Exception as exc:  # noqa: BLE001 - reported to the health check, not raised
            return body | {"ok": False, "error": str(exc) or type(exc).__name__}
