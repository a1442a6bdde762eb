"""The engine's read queries on Whoosh: filters evaluated as cached bitsets (bitsets.py),
match candidates handed back tier by tier, free text as fuzzy terms ranked by TF-IDF."""

from functools import partial

from whoosh.query import And, FuzzyTerm, Or, Query
from whoosh.query import Term as WhooshTerm
from whoosh.scoring import TF_IDF
from whoosh.searching import Searcher

from ..engine import Hit, Hits, SearchQuery
from ..query import (
    All,
    Any,
    Filter,
    Matches,
    MatchQuery,
    Term,
    text_words,
    tier_weights,
    typos_allowed,
)
from .bitsets import BitsetSearcher, set_bits


def _of_kind(kind: str, extra: Filter | None) -> All:
    return All((Term("kind", kind), extra) if extra is not None else (Term("kind", kind),))


def match(engine, query: MatchQuery) -> Matches:
    """Whole tiers, best first, until they hold offset + limit documents; the last tier is
    every candidate no boost chose."""
    bs: BitsetSearcher = engine.filters()
    candidates = bs.bits(_of_kind(query.kind, query.filter))
    tiers = [
        bs.bits(Any(tuple(b.filter for b in query.boosts if b.weight == weight)))
        for weight in tier_weights(query.boosts)
    ]
    decode = partial(engine.decode, query.kind)
    found = Matches(candidates.bit_count())
    wanted, taken, remaining = query.offset + query.limit, 0, candidates
    for tier in [*tiers, candidates]:
        chosen = remaining & tier
        remaining &= ~chosen
        docs = bs.decoded_many(set_bits(chosen, bs.size), decode)
        found.tiers.append(docs)
        taken += len(docs)
        if taken >= wanted:
            break
    return found


def object_ids(engine, kind: str, extra: Filter | None) -> set[int]:
    return engine.filters().ids(_of_kind(kind, extra))


def _word(field: str, word: str) -> Query:
    typos = typos_allowed(word)
    if not typos:
        return WhooshTerm(field, word)
    return FuzzyTerm(field, word, maxdist=typos, prefixlength=1)


def _hit(bs: BitsetSearcher, docnum: int, score: float) -> Hit:
    fields = bs.stored_fields(docnum)
    return Hit(fields["doc_key"], fields["object_id"], score, fields)


def search(engine, query: SearchQuery) -> Hits:
    bs: BitsetSearcher = engine.filters()
    allowed = bs.bits(_of_kind(query.kind, query.filter))
    page = slice(query.offset, query.offset + query.limit)
    if not query.text:
        docnums = set_bits(allowed, bs.size)
        return Hits(len(docnums), [_hit(bs, docnum, 0.0) for docnum in docnums[page]])
    words = text_words(query.text)
    if not words or not query.text_fields:
        return Hits(0)
    parts = []
    for word in words:
        either = [_word(field, word) for field in query.text_fields]
        parts.append(either[0] if len(either) == 1 else Or(either))
    searcher = Searcher(bs.reader, weighting=TF_IDF(), closereader=False)
    results = searcher.search(And(parts), limit=None)
    found = [(hit.docnum, hit.score) for hit in results if allowed >> hit.docnum & 1]
    return Hits(len(found), [_hit(bs, docnum, score) for docnum, score in found[page]])
