"""The search index: a cache of what is matchable, rebuilt from the database at will.
Whoosh is the engine today, behind the SearchEngine interface; callers use the names here."""

from .check import KindDifference, compare
from .engine import Hit, SearchEngine, SearchQuery, doc_key
from .rebuild import RebuildResult, rebuild
from .registry import Provider, providers, register_provider, unregister_provider
from .store import IndexStore, IndexUnusable, open_store
from .sync import SyncResult, health, open_engine, sync

__all__ = [
    "Hit",
    "IndexStore",
    "IndexUnusable",
    "KindDifference",
    "Provider",
    "RebuildResult",
    "SearchEngine",
    "SearchQuery",
    "SyncResult",
    "compare",
    "doc_key",
    "health",
    "open_engine",
    "open_store",
    "providers",
    "rebuild",
    "register_provider",
    "sync",
    "unregister_provider",
]
