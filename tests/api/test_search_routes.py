"""/api/v1/search: typos, abbreviations and aliases find what a person means."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _top(client: TestClient, q: str, n: int = 3) -> list[tuple[str, str]]:
    response = client.get("/api/v1/search", params={"q": q})
    assert response.status_code == 200
    return [(hit["kind"], hit["id"]) for hit in response.json()["items"][:n]]


def test_abbreviations_and_typos_find_the_muscle_or_condition(real_client: TestClient) -> None:
    assert _top(real_client, "SCM", 1) == [("muscle", "sternocleidomastoid")]
    assert ("muscle", "upper-trapezius") in _top(real_client, "trap")
    assert _top(real_client, "plantar fascitis", 1) == [("condition", "plantar-fasciitis")]
    assert _top(real_client, "infraspinatis", 1) == [("muscle", "infraspinatus")]


def test_regions_are_found_by_name_and_alias(client: TestClient) -> None:
    assert {("region", "temple-right"), ("region", "temple-left")} <= set(_top(client, "temple", 2))
    assert ("region", "heel-right") in _top(client, "heel", 10)


def test_a_hit_links_its_page_and_record(client: TestClient) -> None:
    hit = client.get("/api/v1/search", params={"q": "soleus"}).json()["items"][0]
    assert hit["url"] == "/muscles/soleus"
    assert client.get(hit["api"]).status_code == 200
    assert 0 < hit["score"] <= 1


def test_nonsense_finds_nothing_and_absurd_queries_are_refused(client: TestClient) -> None:
    assert client.get("/api/v1/search", params={"q": "qqqzzzxx"}).json()["items"] == []
    too_long = client.get("/api/v1/search", params={"q": "a" * 5000})
    assert too_long.status_code == 422
    assert too_long.headers["content-type"] == "application/problem+json"
    assert client.get("/api/v1/search").status_code == 422


def test_people_words_find_symptoms_and_say_why(real_client: TestClient) -> None:
    items = real_client.get("/api/v1/search", params={"q": "dizziness"}).json()["items"]
    assert [(hit["kind"], hit["id"]) for hit in items[:2]] == [
        ("symptom", "dizziness-imbalance"),
        ("muscle", "sternocleidomastoid"),
    ]
    assert items[0]["url"] == "/symptoms/dizziness-imbalance"
    assert real_client.get(items[0]["api"]).status_code == 200
    why = (items[1]["matched"], items[1]["how"], items[1]["via"])
    assert why == ("dizziness", "symptom", "Dizziness and imbalance")


def test_golfers_elbow_is_the_inner_elbow(real_client: TestClient) -> None:
    ids = [hit["id"] for hit in real_client.get("/api/v1/search", params={"q": "golfers elbow"}).json()["items"]]
    assert ids[0].startswith("medial-epicondyle-")
    assert not any("lateral" in i for i in ids)


def test_kind_filters_the_hits(real_client: TestClient) -> None:
    one = real_client.get("/api/v1/search", params={"q": "stiff neck", "kind": "muscle"}).json()["items"]
    assert one
    assert {hit["kind"] for hit in one} == {"muscle"}
    params = [("q", "stiff neck"), ("kind", "symptom"), ("kind", "condition")]
    two = real_client.get("/api/v1/search", params=params).json()["items"]
    assert {hit["kind"] for hit in two} == {"symptom", "condition"}
    bad = real_client.get("/api/v1/search", params={"q": "neck", "kind": "planet"})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
