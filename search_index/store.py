"""One index folder: opened lazily, created when missing, rebuilt when unreadable, and
remembering which change of the database feed it applied last."""

import json
import logging
from pathlib import Path

from whoosh import index

from .schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)
STATE_FILE = "portal-state.json"


class IndexStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)

    def _state(self) -> dict:
        try:
            return json.loads((self.path / STATE_FILE).read_text())
        except (FileNotFoundError, ValueError):
            return {}

    def write_state(self, **values) -> None:
        state = self._state() | values
        tmp = self.path / (STATE_FILE + ".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(self.path / STATE_FILE)

    @property
    def last_change_id(self) -> int:
        return int(self._state().get("last_change_id", 0))

    def open(self):
        """Open the index; a missing, unreadable or outdated one is created afresh (the
        database is the truth, so a fresh index is only a rebuild away, never fatal)."""
        self.path.mkdir(parents=True, exist_ok=True)
        if self._state().get("schema_version") == SCHEMA_VERSION:
            try:
                return index.open_dir(str(self.path))
            except Exception as exc:  # noqa: BLE001 - any damage: start again from the database
                log.warning("index at %s unreadable (%s); creating it again", self.path, exc)
        ix = index.create_in(str(self.path), build_schema())
        self.write_state(schema_version=SCHEMA_VERSION, last_change_id=0, needs_rebuild=True)
        return ix

    def status(self) -> dict:
        try:
            ix = self.open()
            with ix.searcher() as searcher:
                documents = searcher.doc_count()
        except Exception as exc:  # noqa: BLE001 - reported to the health check, not raised
            return {"ok": False, "path": str(self.path), "error": type(exc).__name__}
        return {
            "ok": True,
            "path": str(self.path),
            "documents": documents,
            "last_change_id": self.last_change_id,
        }


def open_store(path: str | Path) -> IndexStore:
    return IndexStore(path)
