"""The matching rules, in one place, on plain facts (no database, no index): the hard filters,
the score and the explanation of one (vacancy, participant) pair. The index queries
(index_query.py) express the same filters as terms; the brute-force scorer (brute.py) and
`evaluate_pair` apply these functions directly, so all three agree by construction and the
benchmark checks that they do.

Dates are whole days since 2000-01-01 (`day()`), so filters are cheap number terms.

Score = band x 1000 + points within the band (higher is better; ties: the smaller id).
The band is what the person can do, from the vacancy's must-have skills (DESIGN.md, issue 11):
  4 strong fit   every must-have observed "with help" or "alone", Dutch met, at least half
                 of the support needs met by the commitment
  3 good fit     the same skills, but Dutch only coachable or fewer than half the needs met
  2 good fit     every must-have present, at least one still "learning"
  1 with a gap   some must-haves missing, no more than half
  0 close        more than half missing: never in the main list ("close, with a gap")
Within a band (at most 999 points, so a band always decides first):
  skills       up to 100: must-have weight 2, nice-to-have weight 1, x observed level / 3
  support      up to 20: each need weighed by the commitment's real strength (a buddy by
               hours a week and months; language coach, picture instructions, a colleague
               who speaks the language: offered or not); 20 when there are no needs
  occupation   6 same, 3 related: breaks ties among similar skill fits, never more
  distance     up to 4: 4 x (1 - km / participant's limit)
  dutch        2 above the level asked, 1 exactly it, 0 coachable
Hours rule: the vacancy's hours per week are at most the hours the participant wants (a
part-time job fits someone who wants more; not the other way round). A person in a job
(hired, no leave recorded) fails the hard filter "in_job"."""

import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from .. import vocabulary
from ..services import postcodes

EPOCH = date(2000, 1, 1)
MAX_DAY = 99_999  # "no end": unlimited right to work, a certificate without expiry
MAX_KM = 200
DUTCH_CODES = ("A0", "A1", "A2", "B1", "B2", "C1")
# A licence also allows the ones it includes (in Belgium C needs B, CE includes BE, ...).
LICENCE_IMPLIES = {
    "B": ("B",),
    "BE": ("BE", "B"),
    "C": ("C", "B"),
    "CE": ("CE", "C", "BE", "B"),
    "D": ("D", "B"),
    "AM": ("AM",),
    "G": ("G",),
}
SHIFTS = ("day", "evening", "night", "weekend")
BAND = 1000.0
STRONG, GOOD, LEARNING, WITH_GAP, CLOSE = 4, 3, 2, 1, 0  # bands (see the module docstring)
W_SKILLS, W_SUPPORT, W_SAME, W_RELATED, W_DISTANCE = 100.0, 20.0, 6.0, 3.0, 4.0
BUDDY_FULL_HOURS, BUDDY_FULL_MONTHS = 4, 6  # a buddy this strong counts fully
MET, COACHABLE, MISSING = "met", "coachable", "missing"
CHECK = "check"  # the portal could not check it: the mentor checks it themselves


def day(value: date | None, default: int = MAX_DAY) -> int:
    return default if value is None else (value - EPOCH).days


def from_day(number: int) -> date | None:
    return None if number >= MAX_DAY else EPOCH + timedelta(days=number)


def cert_code(code: str) -> str:
    """One spelling for certificate codes ("vca-basic" and "vca_basic" are the same)."""
    return code.replace("-", "_")


def licences_with_implied(codes) -> tuple[str, ...]:
    found: list[str] = []
    for code in codes:
        for implied in LICENCE_IMPLIES.get(code, (code,)):
            if implied not in found:
                found.append(implied)
    return tuple(sorted(found))


@dataclass(slots=True)
class VacancyFacts:
    id: int
    org: int
    title: str
    occ: str
    group: str
    dutch: int  # required level 0..5
    coaching: bool  # the employer offers language coaching: one level below is coachable
    licence: str  # "" when none is needed
    shifts: tuple[str, ...]
    hours: int
    start: int  # day
    close: int  # day
    postcode: str
    must: tuple[str, ...] = ()
    nice: tuple[str, ...] = ()
    certs: tuple[tuple[str, bool], ...] = ()  # (code, employer trains)
    support: tuple[str, ...] = ()  # support needs the commitment meets
    colleague_langs: tuple[str, ...] = ()  # languages colleagues speak (codes)
    other: tuple[str, ...] = ()  # requirements typed by the employer: nobody can match them
    buddy_hours: int = 0  # the commitment's buddy hours a week
    months: int = 0  # how long the commitment lasts

    @property
    def dutch_min(self) -> int:
        return self.dutch - 1 if self.coaching and self.dutch > 0 else self.dutch

    @property
    def certs_required(self) -> tuple[str, ...]:
        return tuple(code for code, trains in self.certs if not trains)


@dataclass(slots=True)
class ParticipantFacts:
    id: int
    mentor: int
    occs: tuple[str, ...]
    dutch: int
    licences: tuple[str, ...]  # with the implied ones
    certs: tuple[tuple[str, int], ...]  # (code, valid until day)
    shifts: tuple[str, ...]
    hours: int
    available: int  # day
    rtw_until: int  # day (MAX_DAY: unlimited)
    postcode: str
    max_km: int
    needs: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    endorsed_until: int = MAX_DAY
    skills: tuple[tuple[str, int], ...] = ()  # (code, observed level 1..3)
    in_job: bool = False  # hired, no leave recorded: never matched


FACT_TYPES = {"vacancy": VacancyFacts, "participant": ParticipantFacts}


def to_row(facts) -> list:
    return [getattr(facts, name) for name in facts.__slots__]


def from_row(kind: str, row: list):
    """Facts from their JSON row; lists of codes become shared tuples (see `shared`). Every
    document a match query scores is read this way once: kept short."""
    return FACT_TYPES[kind](*[_from_list(v) if type(v) is list else v for v in row])


def _from_list(value: list) -> tuple:
    """A list of a facts row is all codes or all pairs (to_row writes typed fields): codes
    become the shared tuple, looked up before their strings are interned."""
    if value and type(value[0]) is str:
        codes = tuple(value)
        found = _SHARED.get(codes)
        return found if found is not None else _one(tuple(map(sys.intern, codes)))
    return tuple(tuple(item) if type(item) is list else item for item in value)


def compact(facts):
    """The same facts holding shared values (see `shared`)."""
    return type(facts)(*map(shared, to_row(facts)))


_SHARED: dict = {}
SHARED_MAX = 200_000


def shared(value):
    """One object for equal values: the facts of 100,000 documents repeat the same codes,
    days and tuples of codes, and a searcher or the brute-force scorer keeps many of them.
    Lists (from JSON) become tuples. Pairs such as (code, level) are rebuilt from shared
    parts but not shared themselves: (code, True) would equal (code, 1)."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list | tuple):
        if all(type(item) is str for item in value):
            value = tuple(map(sys.intern, value))
        else:
            return tuple(map(shared, value))
    elif type(value) is not int or -5 <= value <= 256:
        return value
    return _one(value)


def _one(value):
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) < SHARED_MAX:
            _SHARED[value] = value
        return value
    return found


@cache
def related_codes(occupation: str) -> frozenset[str]:
    return frozenset(o.code for o in vocabulary.related_occupations(occupation))


def distance(v: VacancyFacts, p: ParticipantFacts) -> float | None:
    return postcodes.distance_km(v.postcode, p.postcode)


# -- hard filters --------------------------------------------------------------------------


def cert_valid(p: ParticipantFacts, code: str, on: int) -> bool:
    return any(c == code and until >= on for c, until in p.certs)


def hard_failures(v: VacancyFacts, p: ParticipantFacts, today: int, km=None) -> list[str]:
    """Codes of the hard filters this pair fails (empty: it passes). `km` may be given when
    the caller already knows the distance."""
    failed = []
    if p.endorsed_until < today or v.close < today:
        failed.append("matchable")
    if p.in_job:
        failed.append("in_job")
    if p.rtw_until < v.start:
        failed.append("right_to_work")
    if v.licence and v.licence not in p.licences:
        failed.append("licence")
    if any(not cert_valid(p, code, v.start) for code in v.certs_required):
        failed.append("certificates")
    if any(shift not in p.shifts for shift in v.shifts):
        failed.append("shifts")
    if v.hours > p.hours:
        failed.append("hours")
    km = distance(v, p) if km is None else km
    if km is None or km > p.max_km:
        failed.append("distance")
    if p.available > v.start:
        failed.append("available")
    if p.dutch < v.dutch_min:
        failed.append("dutch")
    return failed


def passes(v: VacancyFacts, p: ParticipantFacts, today: int) -> float | None:
    """The distance when the pair passes every hard filter, else None (for the brute-force
    loop, which must apply exactly the rules of hard_failures)."""
    km = distance(v, p)
    if hard_failures(v, p, today, km=float("inf") if km is None else km):
        return None
    return km


# -- score ---------------------------------------------------------------------------------


def occupation_points(v: VacancyFacts, p: ParticipantFacts) -> float:
    if v.occ in p.occs:
        return W_SAME
    if any(v.occ in related_codes(occ) for occ in p.occs):
        return W_RELATED
    return 0.0


def must_levels(v: VacancyFacts, p: ParticipantFacts) -> list[int]:
    """The observed level of each must-have (0: not in the profile)."""
    levels = dict(p.skills)
    return [levels.get(code, 0) for code in v.must]


def band(v: VacancyFacts, p: ParticipantFacts) -> int:
    levels = must_levels(v, p)
    missing = levels.count(0)
    if 2 * missing > len(levels):
        return CLOSE
    if missing:
        return WITH_GAP
    if min(levels, default=3) < 2:
        return LEARNING
    if p.dutch < v.dutch or 2 * len(needs_met(v, p)) < len(p.needs):
        return GOOD
    return STRONG


def band_of(points: float) -> int:
    return int(points // BAND)


def skill_points(v: VacancyFacts, p: ParticipantFacts) -> float:
    total = 2 * len(v.must) + len(v.nice)
    if not total:
        return W_SKILLS
    levels = dict(p.skills)
    got = sum(2 * levels.get(code, 0) / 3 for code in v.must)
    got += sum(levels.get(code, 0) / 3 for code in v.nice)
    return W_SKILLS * got / total


def dutch_points(v: VacancyFacts, p: ParticipantFacts) -> float:
    margin = p.dutch - v.dutch
    return 0.0 if margin < 0 else (1.0 if margin == 0 else 2.0)


def distance_points(km: float, p: ParticipantFacts) -> float:
    if p.max_km <= 0:
        return W_DISTANCE
    return W_DISTANCE * max(0.0, 1 - km / p.max_km)


def support_strength(v: VacancyFacts) -> dict[str, float]:
    """How fully the commitment meets each kind of support need (0..1): a buddy by hours a
    week and months, the others offered or not."""
    strength = dict.fromkeys(v.support, 1.0)
    if "buddy" in strength:
        hours = min(v.buddy_hours, BUDDY_FULL_HOURS) / BUDDY_FULL_HOURS
        months = min(v.months, BUDDY_FULL_MONTHS) / BUDDY_FULL_MONTHS
        strength["buddy"] = (hours + months) / 2
    return strength


def needs_met(v: VacancyFacts, p: ParticipantFacts) -> list[str]:
    offered = set(v.support)
    if set(v.colleague_langs) & set(p.langs):
        offered.add("same_language_colleague")
    return [need for need in p.needs if need in offered]


def support_points(v: VacancyFacts, p: ParticipantFacts) -> float:
    if not p.needs:
        return W_SUPPORT
    strength = support_strength(v)
    met = needs_met(v, p)
    return W_SUPPORT * sum(strength.get(need, 1.0) for need in met) / len(p.needs)


def score(v: VacancyFacts, p: ParticipantFacts, km: float) -> float:
    total = (
        band(v, p) * BAND
        + skill_points(v, p)
        + support_points(v, p)
        + occupation_points(v, p)
        + distance_points(km, p)
        + dutch_points(v, p)
    )
    return round(total, 4)
