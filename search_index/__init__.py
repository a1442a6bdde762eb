"""The search index: a cache of what is matchable, rebuilt from the database at will.
Whoosh is the engine today; callers use only the functions exported here."""

from .store import IndexStore, open_store

__all__ = ["IndexStore", "open_store"]
