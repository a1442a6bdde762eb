"""Matching through the index, both directions, with the rules of match_rules.py.

Every hard filter is an index query of cheap terms: exact terms (occupation, licence, shifts,
certificates, postcode) and ranges over zero-padded number terms (days, hours, km, Dutch
level). The filter is evaluated with cached bitsets (bitsets.py); the survivors are scored
from their stored facts. Because the occupation part of the score dominates (see
match_rules), the candidates are scored tier by tier (same occupation, related, other) and
only as many tiers as the requested page needs are read.

Distance, vacancy -> participants: for each commute limit m (whole km) that indexed
participants have, the participants with limit m whose postcode lies within m km of the
vacancy (its distance rounded up to whole km). That makes the commute filter exact: no check
after the query.

The fields registered for the two kinds are defined here (FIELDS_*), the documents are built
by the portal (portal/services/search_documents.py)."""

import math
from collections.abc import Iterable

from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT
from whoosh.query import And, FuzzyTerm, Not, Or, Query, Term, TermRange
from whoosh.scoring import TF_IDF
from whoosh.searching import Searcher

from .rules import (
    MAX_DAY,
    ParticipantFacts,
    VacancyFacts,
    related_codes,
    score,
)

_STORED = STORED()
_KEYWORDS = KEYWORD(lowercase=False, commas=False)
_ID = ID()
# Not scorable: no length columns to write per posting (the slowest part of a Whoosh
# rebuild); free-text hits are ranked by TF-IDF, which needs no lengths. No positions
# (phrase=False): the free-text search asks for words, never phrases.
_TEXT = TEXT(analyzer=StandardAnalyzer(stoplist=None, minsize=1), phrase=False)
_TEXT.scorable = False
FIELDS_VACANCY = {
    "facts": _STORED,
    "v_occ": _ID,
    "v_group": _ID,
    "v_dutch_min": _ID,
    "v_licence": _ID,
    "v_shifts": _KEYWORDS,
    "v_hours": _ID,
    "v_start": _ID,
    "v_close": _ID,
    "v_pc": _ID,
    "v_certs": _KEYWORDS,
    "v_support": _KEYWORDS,
    "v_text": _TEXT,
}
FIELDS_PARTICIPANT = {
    "facts": _STORED,
    "p_occ": _KEYWORDS,
    "p_group": _KEYWORDS,
    "p_dutch": _ID,
    "p_lic": _KEYWORDS,
    "p_certs": _KEYWORDS,
    "p_shifts": _KEYWORDS,
    "p_hours": _ID,
    "p_avail": _ID,
    "p_rtw": _ID,
    "p_pc": _ID,
    "p_km": _ID,
    "p_mentor": _ID,
    "p_support": _KEYWORDS,
    "p_endorsed": _ID,
}
NO_LICENCE = "none"
MAX_TEXT_TERMS = 12
MAX_TERM_CHARS = 40


def D(number: int) -> str:  # noqa: N802 - a day as a term
    return f"{min(max(number, 0), MAX_DAY):05d}"


def H(number: int) -> str:  # noqa: N802 - hours as a term
    return f"{min(max(number, 0), 99):02d}"


def K(number: int) -> str:  # noqa: N802 - km as a term
    return f"{min(max(number, 0), 999):03d}"


def kind_query(kind: str) -> Term:
    return Term("kind", kind)


# -- documents ------------------------------------------------------------------------------


def vacancy_terms(v: VacancyFacts, text: str) -> dict:
    from portal import vocabulary

    occupation = vocabulary.occupation(v.occ)
    return {
        "v_occ": v.occ,
        "v_group": v.group or (occupation.group if occupation else ""),
        "v_dutch_min": str(v.dutch_min),
        "v_licence": v.licence or NO_LICENCE,
        "v_shifts": " ".join(v.shifts),
        "v_hours": H(v.hours),
        "v_start": D(v.start),
        "v_close": D(v.close),
        "v_pc": v.postcode,
        "v_certs": " ".join(v.certs_required),
        "v_support": " ".join(v.support),
        "v_text": text,
    }


def participant_terms(p: ParticipantFacts) -> dict:
    from portal import vocabulary

    groups = {o.group for o in map(vocabulary.occupation, p.occs) if o is not None}
    return {
        "p_occ": " ".join(p.occs),
        "p_group": " ".join(sorted(groups)),
        "p_dutch": str(p.dutch),
        "p_lic": " ".join(p.licences),
        "p_certs": " ".join(f"{code}:{D(until)}" for code, until in p.certs),
        "p_shifts": " ".join(p.shifts),
        "p_hours": H(p.hours),
        "p_avail": D(p.available),
        "p_rtw": D(p.rtw_until),
        "p_pc": p.postcode,
        "p_km": K(p.max_km),
        "p_mentor": str(p.mentor),
        "p_support": " ".join(p.needs),
        "p_endorsed": D(p.endorsed_until),
    }


# -- filter queries -------------------------------------------------------------------------


def participant_filter(v: VacancyFacts, today: int, mentor_id: int | None = None) -> Query:
    """Participants who pass every hard filter for this vacancy (distance added apart)."""
    parts: list[Query] = [
        kind_query("participant"),
        TermRange("p_endorsed", D(today), D(MAX_DAY)),
        TermRange("p_dutch", str(max(v.dutch_min, 0)), "9"),
        TermRange("p_hours", H(v.hours), "99"),
        TermRange("p_avail", D(0), D(v.start)),
        TermRange("p_rtw", D(v.start), D(MAX_DAY)),
    ]
    if v.licence:
        parts.append(Term("p_lic", v.licence))
    for code in v.certs_required:
        parts.append(TermRange("p_certs", f"{code}:{D(v.start)}", f"{code}:{D(MAX_DAY)}"))
    parts.extend(Term("p_shifts", shift) for shift in v.shifts)
    if mentor_id is not None:
        parts.append(Term("p_mentor", str(mentor_id)))
    return And(parts)


def reach_bits(bs, postcode: str) -> int:
    """Participants whose commute limit reaches `postcode` (exact, see the module text): for
    each commute limit m that indexed participants have, those with limit m living where the
    postcode lies within m km. One pass over the postcodes nearest first."""
    from portal.services import postcodes

    limits = sorted({int(text) for text in bs.texts("p_km")})
    if not limits:
        return 0
    nearest = sorted(
        (math.ceil(km - 1e-9), other)
        for other, km in postcodes.nearby_with_distance(postcode, limits[-1])
    )
    reach = within = 0
    taken = 0
    for limit in limits:
        added = []
        while taken < len(nearest) and nearest[taken][0] <= limit:
            added.append(("p_pc", nearest[taken][1]))
            taken += 1
        within |= bs.union(added)
        if within:
            reach |= bs.term("p_km", K(limit)) & within
    return reach


def vacancy_filter(p: ParticipantFacts, today: int, certificate_codes: Iterable[str]) -> Query:
    """Open vacancies that pass every hard filter for this participant."""
    from portal.services import postcodes

    held = {code for code, _until in p.certs}
    parts: list[Query] = [
        kind_query("vacancy"),
        TermRange("v_close", D(today), D(MAX_DAY)),
        TermRange("v_dutch_min", "0", str(p.dutch)),
        TermRange("v_hours", H(0), H(p.hours)),
        TermRange("v_start", D(max(p.available, 0)), D(min(p.rtw_until, MAX_DAY))),
        Or([Term("v_licence", code) for code in (NO_LICENCE, *p.licences)]),
        Or([Term("v_pc", pc) for pc in postcodes.nearby(p.postcode, p.max_km)]),
    ]
    missing = [Term("v_certs", code) for code in certificate_codes if code not in held]
    missing += [
        And([Term("v_certs", code), TermRange("v_start", D(until + 1), D(MAX_DAY))])
        for code, until in p.certs
        if until < MAX_DAY
    ]
    if missing:
        parts.append(Not(Or(missing)))
    other_shifts = [s for s in ("day", "evening", "night", "weekend") if s not in p.shifts]
    if other_shifts:
        parts.append(Not(Or([Term("v_shifts", s) for s in other_shifts])))
    return And(parts)


# -- ranking --------------------------------------------------------------------------------


def _rank(bs, candidates: int, tiers: list[int], kind: str, pair, wanted: int) -> list[tuple]:
    """Score candidates tier by tier until `wanted` are sure; returns (-score, id, facts, km)
    rows in order."""
    ranked: list[tuple] = []
    remaining = candidates
    for tier in [*tiers, remaining]:
        chosen = remaining & tier
        remaining &= ~chosen
        rows = []
        for docnum in _docnums(bs, chosen):
            facts = bs.facts(docnum, kind)
            v, p = pair(facts)
            km = _km(v, p)
            rows.append((-score(v, p, km), facts.id, facts, km))
        rows.sort(key=lambda row: (row[0], row[1]))
        ranked.extend(rows)
        if len(ranked) >= wanted:
            break
    return ranked


def _docnums(bs, bits: int) -> list[int]:
    from search_index.whoosh.bitsets import set_bits

    return set_bits(bits, bs.size)


def _km(v: VacancyFacts, p: ParticipantFacts) -> float:
    from portal.services import postcodes

    return postcodes.distance_km(v.postcode, p.postcode)


def match_participants(
    engine, v: VacancyFacts, today: int, mentor_id=None, offset=0, limit=20, same_only=False
) -> tuple[int, list[tuple]]:
    bs = engine.filters()
    reach = bs.remembered(("reach", v.postcode), lambda: reach_bits(bs, v.postcode))
    candidates = bs.bits(participant_filter(v, today, mentor_id)) & reach
    same = bs.term("p_occ", v.occ)
    if same_only:
        candidates &= same
    related = 0
    for code in related_codes(v.occ):
        related |= bs.term("p_occ", code)
    ranked = _rank(bs, candidates, [same, related], "participant", lambda p: (v, p), offset + limit)
    return candidates.bit_count(), ranked[offset : offset + limit]


def match_vacancies(engine, p: ParticipantFacts, today: int, offset=0, limit=20, same_only=False):
    if p.endorsed_until < today:
        return 0, []
    bs = engine.filters()
    query = vacancy_filter(p, today, bs.texts("v_certs"))
    candidates = bs.bits(query)
    same = 0
    for code in p.occs:
        same |= bs.term("v_occ", code)
    if same_only:
        candidates &= same
    related = 0
    for code in {r for occ in p.occs for r in related_codes(occ)}:
        related |= bs.term("v_occ", code)
    ranked = _rank(bs, candidates, [same, related], "vacancy", lambda v: (v, p), offset + limit)
    return candidates.bit_count(), ranked[offset : offset + limit]


def indexed_facts(engine, kind: str, object_id: int):
    """The facts of a document as the index has them, or None when it is not indexed."""
    bs = engine.filters()
    docnum = bs.docnum_of(f"{kind}:{object_id}")
    return None if docnum is None else bs.facts(docnum, kind)


# -- free text ------------------------------------------------------------------------------


def text_query(text: str) -> Query | None:
    """A forgiving free-text query: words only (no query syntax), each allowed one typo
    (two for long words), every word must match. None when there is no word."""
    analyzer = FIELDS_VACANCY["v_text"].analyzer
    words = []
    for token in analyzer(text[:2000]):
        word = token.text[:MAX_TERM_CHARS]
        if word not in words:
            words.append(word)
        if len(words) >= MAX_TEXT_TERMS:
            break
    if not words:
        return None
    parts = []
    for word in words:
        if len(word) <= 3:
            parts.append(Term("v_text", word))
        else:
            maxdist = 2 if len(word) >= 8 else 1
            parts.append(FuzzyTerm("v_text", word, maxdist=maxdist, prefixlength=1))
    return And(parts)


def search_vacancy_text(engine, text: str, today: int, offset=0, limit=20):
    """(total, [vacancy ids]) of open vacancies whose title, tasks or skills match."""
    query = text_query(text)
    if query is None:
        return 0, []
    bs = engine.filters()
    allowed = bs.bits(And([kind_query("vacancy"), TermRange("v_close", D(today), D(MAX_DAY))]))
    searcher = Searcher(bs.reader, weighting=TF_IDF(), closereader=False)
    results = searcher.search(query, limit=None)
    ids = [hit["object_id"] for hit in results if allowed >> hit.docnum & 1]
    return len(ids), ids[offset : offset + limit]
