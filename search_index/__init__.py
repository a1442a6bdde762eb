"""A search engine library: the engine interface (write, delete, filtered match query,
count, rebuild, check), the change-feed follower, generations of an index folder and the
one-writer lock. Whoosh stands behind the interface (search_index.whoosh); an in-memory
engine (search_index.memory) shows another can. It knows no application: the change table,
the document providers and the places for distance filters are handed to it."""

from .check import KindDifference, compare
from .engine import Hit, Hits, SearchEngine, SearchQuery, WriteLocked, doc_key
from .feed import ChangeTable, prune
from .fields import STORED, TERM, TERMS, TEXT, Field
from .memory import MemoryEngine
from .query import (
    All,
    Any,
    AnyOf,
    AtLeast,
    Boost,
    Matches,
    MatchQuery,
    Near,
    Not,
    Range,
    SomeOf,
    Term,
)
from .rebuild import RebuildResult, expected_total, rebuild
from .registry import Provider, providers, register_provider, unregister_provider
from .store import IndexStore, IndexUnusable
from .sync import SyncResult, health, open_engine, sync
from .whoosh.engine import WhooshEngine

ENGINES = {"whoosh": WhooshEngine, "memory": MemoryEngine}

__all__ = [
    "ENGINES",
    "STORED",
    "TERM",
    "TERMS",
    "TEXT",
    "All",
    "Any",
    "AnyOf",
    "AtLeast",
    "Boost",
    "ChangeTable",
    "Field",
    "Hit",
    "Hits",
    "IndexStore",
    "IndexUnusable",
    "KindDifference",
    "MatchQuery",
    "Matches",
    "MemoryEngine",
    "Near",
    "Not",
    "Provider",
    "Range",
    "RebuildResult",
    "SearchEngine",
    "SearchQuery",
    "SomeOf",
    "SyncResult",
    "Term",
    "WhooshEngine",
    "WriteLocked",
    "compare",
    "doc_key",
    "expected_total",
    "health",
    "open_engine",
    "providers",
    "prune",
    "rebuild",
    "register_provider",
    "sync",
    "unregister_provider",
]
