"""Matching through the index, both directions, with the rules of rules.py, expressed in
the search engine's own query terms (search_index.query).

Every hard filter is a filter of cheap terms: exact terms (occupation, licence, shifts,
certificates), ranges over zero-padded number terms (days, hours, km, Dutch level) and a
distance constraint (Near); a person in a job carries p_job 1. The engine hands the
candidates back with their stored facts (decoded by `decode`), tier by tier, and only as
many tiers as the requested page needs are scored here. The tiers follow the bands of the
score (rules.py), which depend on the must-have skills: "every must-have at least with
help" (bands 4 and 3), "every must-have present" (band 2), "no more than half missing"
(band 1), the rest (band 0), so the many people or vacancies of band 0 are scored only
when bands 4 to 1 hold fewer than a page. A participant document holds each skill code
and, from level 2 up, "<code>@2"; a vacancy document its must-have terms (v_must), how
many (v_must_n) and half of that rounded up (v_must_half). So for a vacancy, "every
must-have is in the person's skills" is "all its must-have terms among them" and "no more
than half missing" is "at least half of them" (SomeOf); for a person, "v_must_n of the
must-have terms among my skills" (AtLeast) and "at least v_must_half of them": a query of
the person's few skills, whatever the size of the vocabulary. A must-have listed twice
(two codes linked to one skill) counts twice in the band, so its second term is
"<code>#2".

Distance, vacancy -> participants: Near with each participant's own commute limit (p_km):
the participants whose postcode lies within their limit of the vacancy (its distance
rounded up to whole km), so the commute filter is exact: no check after the query.

The fields registered for the two kinds are defined here (FIELDS_*), the documents are built
in documents.py."""

import json
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from search_index import (
    STORED,
    TERM,
    TERMS,
    TEXT,
    All,
    Any,
    AnyOf,
    AtLeast,
    Boost,
    MatchQuery,
    Near,
    Not,
    Range,
    SearchEngine,
    SearchQuery,
    SomeOf,
    Term,
)
from search_index.query import Filter

from .. import vocabulary
from ..services import postcodes
from .rules import MAX_DAY, ParticipantFacts, VacancyFacts, from_row, score

FIELDS_VACANCY = {
    "facts": STORED,
    "v_occ": TERM,
    "v_group": TERM,
    "v_dutch_min": TERM,
    "v_licence": TERM,
    "v_shifts": TERMS,
    "v_hours": TERM,
    "v_start": TERM,
    "v_close": TERM,
    "v_pc": TERM,
    "v_certs": TERMS,
    "v_support": TERMS,
    "v_must": TERMS,
    "v_must_n": TERM,
    "v_must_half": TERM,
    "v_text": TEXT,
}
FIELDS_PARTICIPANT = {
    "facts": STORED,
    "p_occ": TERMS,
    "p_group": TERMS,
    "p_dutch": TERM,
    "p_lic": TERMS,
    "p_certs": TERMS,
    "p_shifts": TERMS,
    "p_hours": TERM,
    "p_avail": TERM,
    "p_rtw": TERM,
    "p_pc": TERM,
    "p_km": TERM,
    "p_mentor": TERM,
    "p_support": TERMS,
    "p_endorsed": TERM,
    "p_skill": TERMS,
    "p_job": TERM,
}
W_HELP_TIER, W_PRESENT_TIER = 2.0, 1.0  # every must-have with help or alone; every one present
W_GAP_TIER = 0.5  # no more than half of the must-haves missing
HELP = "@2"  # suffix of a skill term observed at least "with help"
REPEAT = "#"  # "<code>#2": the second time a vacancy lists the same must-have
NO_LICENCE = "none"


def D(number: int) -> str:  # noqa: N802 - a day as a term
    return f"{min(max(number, 0), MAX_DAY):05d}"


def H(number: int) -> str:  # noqa: N802 - hours as a term
    return f"{min(max(number, 0), 99):02d}"


def K(number: int) -> str:  # noqa: N802 - km as a term
    return f"{min(max(number, 0), 999):03d}"


def decoder(kind: str):
    """How the engine turns a document's stored fields into its facts."""
    return lambda stored: from_row(kind, json.loads(stored["facts"]))


# -- documents ------------------------------------------------------------------------------


def vacancy_terms(v: VacancyFacts, text: str) -> dict:
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
        "v_must": " ".join(must_terms(v)),
        "v_must_n": str(len(v.must)),
        "v_must_half": str((len(v.must) + 1) // 2),
        "v_text": text,
    }


def must_terms(v: VacancyFacts) -> list[str]:
    """One term per must-have: a code listed again gets its count ("<code>#2")."""
    seen: dict[str, int] = {}
    terms = []
    for code in v.must:
        seen[code] = seen.get(code, 0) + 1
        terms.append(code if seen[code] == 1 else f"{code}{REPEAT}{seen[code]}")
    return terms


def participant_terms(p: ParticipantFacts) -> dict:
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
        "p_skill": " ".join(skill_terms(p)),
        "p_job": "1" if p.in_job else "0",
    }


def skill_terms(p: ParticipantFacts) -> list[str]:
    return [code for code, _level in p.skills] + [code + HELP for code, lv in p.skills if lv >= 2]


# -- filter queries -------------------------------------------------------------------------


def participant_filter(v: VacancyFacts, today: int, mentor_id: int | None = None) -> All:
    """Participants who pass every hard filter for this vacancy, distance last."""
    parts: list[Filter] = [
        Range("p_endorsed", D(today), D(MAX_DAY)),
        Term("p_job", "0"),
        Range("p_dutch", str(max(v.dutch_min, 0)), "9"),
        Range("p_hours", H(v.hours), "99"),
        Range("p_avail", D(0), D(v.start)),
        Range("p_rtw", D(v.start), D(MAX_DAY)),
    ]
    if v.licence:
        parts.append(Term("p_lic", v.licence))
    for code in v.certs_required:
        parts.append(Range("p_certs", f"{code}:{D(v.start)}", f"{code}:{D(MAX_DAY)}"))
    parts.extend(Term("p_shifts", shift) for shift in v.shifts)
    if mentor_id is not None:
        parts.append(Term("p_mentor", str(mentor_id)))
    parts.append(Near("p_pc", v.postcode, limit_field="p_km"))
    return All(tuple(parts))


def vacancy_filter(p: ParticipantFacts, today: int, certificate_codes: Iterable[str]) -> All:
    """Open vacancies that pass every hard filter for this participant."""
    held = {code for code, _until in p.certs}
    parts: list[Filter] = [
        Range("v_close", D(today), D(MAX_DAY)),
        Range("v_dutch_min", "0", str(p.dutch)),
        Range("v_hours", H(0), H(p.hours)),
        Range("v_start", D(max(p.available, 0)), D(min(p.rtw_until, MAX_DAY))),
        AnyOf("v_licence", (NO_LICENCE, *p.licences)),
        Near("v_pc", p.postcode, km=p.max_km),
    ]
    missing: list[Filter] = [
        Term("v_certs", code) for code in certificate_codes if code not in held
    ]
    missing += [
        All((Term("v_certs", code), Range("v_start", D(until + 1), D(MAX_DAY))))
        for code, until in p.certs
        if until < MAX_DAY
    ]
    if missing:
        parts.append(Not(Any(tuple(missing))))
    other_shifts = tuple(s for s in ("day", "evening", "night", "weekend") if s not in p.shifts)
    if other_shifts:
        parts.append(Not(AnyOf("v_shifts", other_shifts)))
    return All(tuple(parts))


# -- ranking --------------------------------------------------------------------------------


def _rank(engine: SearchEngine, query: MatchQuery, pair) -> tuple[int, list[tuple]]:
    """(total, the page's (-score, id, facts, km) rows): the engine's tiers scored here,
    each sorted by score then id."""
    found = engine.match(query)
    ranked: list[tuple] = []
    distances: dict[str, float | None] = {}  # by the candidates' postcode: many share one
    for tier in found.tiers:
        rows = []
        for facts in tier:
            v, p = pair(facts)
            km = distances.get(facts.postcode)
            if km is None:
                km = distances[facts.postcode] = _km(v, p)
            rows.append((-score(v, p, km), facts.id, facts, km))
        rows.sort(key=lambda row: (row[0], row[1]))
        ranked.extend(rows)
    return found.total, ranked[query.offset : query.offset + query.limit]


def _km(v: VacancyFacts, p: ParticipantFacts) -> float:
    return postcodes.distance_km(v.postcode, p.postcode)


def participant_tiers(v: VacancyFacts) -> tuple[Boost, ...]:
    """People who have every must-have at least with help; who have every one; who miss no
    more than half of them (a must-have listed twice counts twice)."""
    if not v.must:
        return ()  # every candidate is in the same band group
    present = tuple(Term("p_skill", code) for code in v.must)
    return (
        Boost(W_HELP_TIER, All(tuple(Term("p_skill", code + HELP) for code in v.must))),
        Boost(W_PRESENT_TIER, All(present)),
        Boost(W_GAP_TIER, SomeOf(present, (len(v.must) + 1) // 2)),
    )


def vacancy_tiers(p: ParticipantFacts, must_terms: Sequence[str]) -> tuple[Boost, ...]:
    """Vacancies all of whose must-have terms are among the person's skills (at least with
    help; present at all), then those with at least half of them there. `must_terms`: every
    must-have term of the index, sorted."""
    helped = _held(must_terms, [code for code, level in p.skills if level >= 2])
    present = _held(must_terms, [code for code, _level in p.skills])
    return (
        Boost(W_HELP_TIER, AtLeast("v_must", helped, "v_must_n")),
        Boost(W_PRESENT_TIER, AtLeast("v_must", present, "v_must_n")),
        Boost(W_GAP_TIER, AtLeast("v_must", present, "v_must_half")),
    )


def _held(must_terms: Sequence[str], codes: Iterable[str]) -> tuple[str, ...]:
    """The must-have terms of these skill codes that some vacancy has ("<code>#2" only
    where "<code>" is)."""
    held = []
    for code in codes:
        term, count = code, 1
        while _among(must_terms, term):
            held.append(term)
            count += 1
            term = f"{code}{REPEAT}{count}"
    return tuple(held)


def _among(ordered: Sequence[str], term: str) -> bool:
    at = bisect_left(ordered, term)
    return at < len(ordered) and ordered[at] == term


def match_participants(
    engine, v: VacancyFacts, today: int, mentor_id=None, offset=0, limit=20, same_only=False
) -> tuple[int, list[tuple]]:
    found = participant_filter(v, today, mentor_id)
    if same_only:
        found = All((*found.parts, Term("p_occ", v.occ)))
    query = MatchQuery("participant", found, participant_tiers(v), limit, offset)
    return _rank(engine, query, lambda p: (v, p))


def match_vacancies(engine, p: ParticipantFacts, today: int, offset=0, limit=20, same_only=False):
    if p.endorsed_until < today or p.in_job:
        return 0, []
    found = vacancy_filter(p, today, engine.terms("v_certs"))
    if same_only:
        found = All((*found.parts, AnyOf("v_occ", p.occs)))
    tiers = vacancy_tiers(p, engine.terms("v_must"))
    query = MatchQuery("vacancy", found, tiers, limit, offset)
    return _rank(engine, query, lambda v: (v, p))


def fitting_participant_ids(engine: SearchEngine, v: VacancyFacts, today: int) -> set[int]:
    """Every participant who passes the hard filters for an open vacancy (no ranking):
    what the match alerts compare with the pairs already announced."""
    if v.close < today:
        return set()
    return engine.object_ids("participant", participant_filter(v, today))


def fitting_vacancy_ids(engine: SearchEngine, p: ParticipantFacts, today: int) -> set[int]:
    """Every open vacancy that passes the hard filters for a participant (no ranking)."""
    if p.endorsed_until < today or p.in_job:
        return set()
    return engine.object_ids("vacancy", vacancy_filter(p, today, engine.terms("v_certs")))


def indexed_facts(engine: SearchEngine, kind: str, object_id: int):
    """The facts of a document as the index has them, or None when it is not indexed."""
    return engine.document(kind, object_id)


def search_vacancy_text(engine: SearchEngine, text: str, today: int, offset=0, limit=20):
    """(total, [vacancy ids]) of open vacancies whose title, tasks or skills match."""
    if not text.strip():
        return 0, []
    is_open = Range("v_close", D(today), D(MAX_DAY))
    query = SearchQuery("vacancy", is_open, text, ("v_text",), limit, offset)
    hits = engine.search(query)
    return hits.total, [hit.object_id for hit in hits]
