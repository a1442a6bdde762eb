"""Comparing an index with the database: per kind, the documents the providers call
matchable against those in the index."""

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session

from .registry import providers
from .store import IndexStore


@dataclass
class KindDifference:
    kind: str
    missing: list[str] = field(default_factory=list)  # matchable, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, not matchable
    stale: list[str] = field(default_factory=list)  # in both, content differs

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def compare(store: IndexStore, bind: Engine) -> list[KindDifference]:
    engine = store.engine()
    report = []
    with Session(bind) as db:
        for kind_provider in providers():
            expected = {
                doc["doc_key"]: doc["doc_hash"]
                for doc in map(kind_provider.prepare, kind_provider.iter_all(db))
            }
            indexed = engine.digests(kind_provider.kind)
            both = expected.keys() & indexed.keys()
            report.append(
                KindDifference(
                    kind_provider.kind,
                    missing=sorted(expected.keys() - indexed.keys()),
                    extra=sorted(indexed.keys() - expected.keys()),
                    stale=sorted(k for k in both if expected[k] != indexed[k]),
                )
            )
    return report
