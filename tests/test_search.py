"""The search engine: meaning before spelling, every hit explained, typos forgiven, fast."""

from __future__ import annotations

import time

import pytest

from app.catalogue.index import Catalogue
from app.catalogue.loader import load_catalogue
from app.search import Hit, SearchIndex, words
from app.settings import REPO_ROOT


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO_ROOT / "data")


@pytest.fixture(scope="module")
def index(catalogue: Catalogue) -> SearchIndex:
    return SearchIndex.build(catalogue)


def ids(hits: list[Hit]) -> list[str]:
    return [f"{hit.kind}/{hit.id}" for hit in hits]


def test_words_fold_case_punctuation_stop_words_and_plurals() -> None:
    assert words("Golfer's elbow") == words("golfers  ELBOW") == ("golfer", "elbow")
    assert words("pain in my knees") == ("pain", "knee")
    assert words("gluteus medius") == ("gluteus", "medius")  # Latin endings are not plurals
    assert words("can't") == words("cant")


def test_golfers_and_tennis_elbow_are_never_confused(index: SearchIndex) -> None:
    for query in ("golfers elbow", "golfer's elbow", "medial epicondylitis", "golfers elbo"):
        found = ids(index.search(query))
        assert found[0] == "region/medial-epicondyle-left" or found[0] == "region/medial-epicondyle-right", query
        assert not any("lateral-epicondyl" in hit for hit in found), query
    found = ids(index.search("tennis elbow"))
    assert found[0] == "condition/lateral-epicondylalgia"
    assert not any("medial-epicondyle" in hit for hit in found)


@pytest.mark.parametrize(
    ("query", "members"),
    [
        ("quadriceps", {"rectus-femoris", "vastus-medialis", "vastus-intermedius", "vastus-lateralis"}),
        ("hamstrings", {"biceps-femoris", "semitendinosus", "semimembranosus"}),
        ("glutes", {"gluteus-maximus", "gluteus-medius", "gluteus-minimus"}),
        ("rotator cuff", {"supraspinatus", "infraspinatus", "teres-minor", "subscapularis"}),
        ("calf", {"gastrocnemius", "soleus", "plantaris"}),
        ("ITB", {"tensor-fasciae-latae", "gluteus-maximus"}),
    ],
)
def test_a_group_finds_all_its_members(index: SearchIndex, query: str, members: set[str]) -> None:
    found = {hit.id for hit in index.search(query, 10, kinds=["muscle"])}
    assert members <= found


def test_meaning_outranks_fuzzy_partial_matches(index: SearchIndex) -> None:
    found = index.search("pain when chewing")
    assert {"condition/tmj-pain", "muscle/masseter"} <= set(ids(found)[:4])
    assert "condition/back-pain" not in ids(found)
    assert "condition/carpal-tunnel-like" not in ids(found)
    assert all(hit.how != "fuzzy" for hit in found)


def test_symptoms_bring_their_muscles_and_say_why(index: SearchIndex) -> None:
    found = index.search("dizziness")
    assert ids(found)[:2] == ["symptom/dizziness-imbalance", "muscle/sternocleidomastoid"]
    assert found[1].matched == "dizziness"
    assert found[1].via == "Dizziness and imbalance"
    assert found[0].score > found[1].score
    tinnitus = ids(index.search("ringing in my ear"))
    assert tinnitus[:3] == ["symptom/tinnitus", "muscle/masseter", "muscle/sternocleidomastoid"]


def test_every_hit_says_what_matched_and_how(index: SearchIndex) -> None:
    for query in ("SCM", "plantar fascitis", "whiplash", "pins and needles", "gastr", "pain behind the knee"):
        for hit in index.search(query):
            assert hit.matched, (query, hit)
            assert hit.how in {"name", "synonym", "lay word", "group", "symptom", "part", "typo", "text", "fuzzy"}
            assert 0 < hit.score <= 1


def test_typos_are_forgiven(index: SearchIndex) -> None:
    assert ids(index.search("plantar fascitis"))[0] == "condition/plantar-fasciitis"
    assert ids(index.search("sternocleido"))[0] == "muscle/sternocleidomastoid"
    assert ids(index.search("infraspinatis"))[0] == "muscle/infraspinatus"
    dizzy = index.search("dizzyness")[0]
    assert (dizzy.id, dizzy.how) == ("dizziness-imbalance", "typo")
    assert "dizziness" in dizzy.matched


def test_kind_filter_and_limit(index: SearchIndex) -> None:
    assert {hit.kind for hit in index.search("stiff neck", kinds=["symptom"])} == {"symptom"}
    assert len(index.search("pain", limit=3)) == 3


def test_nonsense_and_empty_queries_find_nothing(index: SearchIndex) -> None:
    assert index.search("qqqzzzxx") == []
    assert index.search("   ") == []
    assert index.search("the of my") == []
    assert len(index.search("a" * 5000)) <= 20


def test_symptom_data_resolves_and_chest_and_visceral_symptoms_carry_a_caveat(catalogue: Catalogue) -> None:
    assert len(catalogue.symptoms) >= 10
    for symptom_id in ("chest-pain", "heartburn-nausea", "belly-pain-like-an-organ", "bladder-symptoms"):
        assert catalogue.symptoms[symptom_id].caveat
    assert "masseter-4" in catalogue.symptoms["tinnitus"].trigger_points
    assert "sternocleidomastoid-2" in catalogue.symptoms["dizziness-imbalance"].trigger_points


def test_a_typical_query_takes_well_under_2_ms(index: SearchIndex) -> None:
    queries = ["pain when chewing", "dizziness", "golfers elbow", "quadriceps", "plantar fascitis", "stiff neck"]
    start = time.perf_counter()
    for _ in range(20):
        for query in queries:
            index.search(query)
    per_query_ms = (time.perf_counter() - start) / (20 * len(queries)) * 1000
    assert per_query_ms < 2, per_query_ms
