"""The candidates of a vacancy come from the index tier by tier, and a tier holds whole bands
of the score: "no more than half of the must-haves missing" (band 1) is a tier of its own,
so the many people of band 0 are read and scored only when bands 4 to 1 hold fewer than a
page. The ranking stays the brute-force scorer's, also with a must-have listed twice."""

import json

import pytest

from portal.matching import brute
from portal.matching import index_query as iq
from portal.matching.rules import CLOSE, LEARNING, WITH_GAP, band, to_row
from portal.services import postcodes
from search_index import MemoryEngine, WhooshEngine
from search_index.fields import COMMON_FIELDS

from .test_matching_rules import TODAY, participant, vacancy

# One code listed twice (two vocabulary entries of one skill) counts twice in the band.
MUST = ("order-picking", "order-picking", "forklift-driving", "packing")
SKILLS = {
    11: (("order-picking", 3), ("forklift-driving", 1), ("packing", 2)),  # all present: 2
    12: (("order-picking", 2),),  # two of four (the code listed twice): band 1
    13: (("forklift-driving", 3), ("packing", 3)),  # two of four: band 1
    14: (("packing", 3),),  # one of four: band 0
    15: (),  # none: band 0
    16: (("forklift-driving", 2),),  # one of four: band 0
}


def _document(p) -> dict:
    return {
        "doc_key": f"participant:{p.id}",
        "kind": "participant",
        "object_id": p.id,
        "doc_hash": str(p.id),
        "facts": json.dumps(to_row(p)),
        **iq.participant_terms(p),
    }


@pytest.fixture(params=["whoosh", "memory"])
def engine(request, tmp_path):
    engine_type = {"whoosh": WhooshEngine, "memory": MemoryEngine}[request.param]
    found = engine_type.create(
        tmp_path / request.param,
        COMMON_FIELDS | iq.FIELDS_PARTICIPANT,
        decoders={"participant": iq.decoder("participant")},
        places=postcodes.nearby_with_distance,
    )
    people = [participant(id=pid, skills=skills) for pid, skills in SKILLS.items()]
    found.apply([_document(p) for p in people], [])
    yield found, people
    found.close()


def test_band_one_is_a_tier_and_band_zero_is_not_read_for_a_short_page(engine):
    engine, people = engine
    v = vacancy(must=MUST)
    bands = {p.id: band(v, p) for p in people}
    assert bands == {11: LEARNING, 12: WITH_GAP, 13: WITH_GAP, 14: CLOSE, 15: CLOSE, 16: CLOSE}
    fits, tiers = iq.participant_filter(v, TODAY), iq.participant_tiers(v)
    found = engine.match(iq.MatchQuery("participant", fits, tiers, limit=3))
    assert found.total == 6
    assert [sorted(p.id for p in tier) for tier in found.tiers] == [[], [11], [12, 13]]
    everyone = engine.match(iq.MatchQuery("participant", fits, tiers, limit=4))
    assert sorted(p.id for p in everyone.tiers[-1]) == [14, 15, 16]


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 6])
def test_every_page_ranks_as_the_brute_force_scorer(engine, limit):
    engine, people = engine
    v = vacancy(must=MUST)
    total, rows = iq.match_participants(engine, v, TODAY, limit=limit)
    expected_total, expected = brute.candidates(v, people, TODAY, limit=limit)
    assert total == expected_total == 6
    assert [(round(-neg, 4), pid) for neg, pid, _p, _km in rows] == expected
