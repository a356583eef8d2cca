"""/api/v1/lookup over HTTP: shape, laterality, CHOIR codes and errors."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api import lookup as lookup_api
from tests.conftest import serving


def test_lookup_shape_and_order(client: TestClient) -> None:
    doc = client.get("/api/v1/lookup?region=temple-right&region=nape-right").json()
    assert doc["regions"] == ["temple-right", "nape-right"]
    top = doc["items"][0]
    assert top["trigger_point"]["id"] == "upper-trapezius-1"
    assert top["sides"] == ["right"]
    assert top["matched"] == {"essential": ["nape-right", "temple-right"], "spillover": []}
    assert top["unexplained"] == []
    assert 0 < top["score"] <= 1
    assert "temple" in top["explanation"]


def test_unknown_region_is_404_naming_it(client: TestClient) -> None:
    response = client.get("/api/v1/lookup?region=temple-right&region=tempel-left")
    assert response.status_code == 404
    body = response.json()
    assert body["unknown"] == ["tempel-left"]
    assert "temple-left" in body["suggestions"]["tempel-left"]


def test_empty_selection_is_422(client: TestClient) -> None:
    response = client.get("/api/v1/lookup")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_choir_codes_translate_to_regions(client: TestClient) -> None:
    doc = client.get("/api/v1/lookup?choir=238").json()  # right sole
    assert "heel-right" in doc["regions"]
    assert doc["items"][0]["trigger_point"]["id"] == "soleus-1"
    assert client.get("/api/v1/lookup?choir=999").status_code == 404


def test_thousands_of_regions_are_refused(client: TestClient) -> None:
    query = "&".join(["region=temple-right"] * 3000)
    response = client.get(f"/api/v1/lookup?{query}")
    assert response.status_code == 422


def shortcut_queries(regions: list[str], pick: random.Random) -> list[str]:
    """Valid drawings, and the queries the shortcut must leave to the route: bad codes, odd limits, unknowns."""
    odd = [
        "",
        "region=nowhere",
        "region=temple-right&choir=%C2%B2",
        "choir=12345",
        "choir=",
        "choir=999",
        "limit=0",
        "limit=101",
        "limit=020",
        "limit=%2B5",
        "limit=5.0",
        "limit=%205",
        "limit=3&limit=4",
        "limit=abc",
        "region=" + "x" * 150,
        "region=temple%2Dright",
        "region=temple-right&region=temple-right",
        "region=temple&n=7",
        "region=%E2%82%AC",
        "region=temple-right&limit=100&unknown=1",
    ]
    valid = []
    for i in range(60):
        q = [f"region={r}" for r in pick.sample(regions, pick.randint(1, 5))]
        if pick.random() < 0.3:
            q.append(f"choir={pick.choice(['238', '101', '0238'])}")
        if pick.random() < 0.4:
            q.append(f"limit={pick.randint(1, 100)}")
        q.append(f"n={i}")
        valid.append("&".join(q))
    return odd + valid


def test_the_shortcut_answers_as_the_route_does(small_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Status, every header and the body, with and without If-None-Match, for valid and invalid queries."""
    with serving(small_data) as fast:
        regions = [r["id"] for r in fast.get("/api/v1/regions?limit=1000").json()["items"]]
        queries = shortcut_queries(regions, random.Random(16))
        shortcut = [fast.get(f"/api/v1/lookup?{q}") for q in queries]
        revalidated = [
            fast.get(f"/api/v1/lookup?{q}", headers={"If-None-Match": r.headers.get("etag", "")})
            for q, r in zip(queries, shortcut, strict=True)
        ]
    monkeypatch.setattr(lookup_api, "plain_query", lambda query_string: None)
    with serving(small_data) as routed:
        for query, fast_answer, again in zip(queries, shortcut, revalidated, strict=True):
            answer = routed.get(f"/api/v1/lookup?{query}")
            assert (answer.status_code, answer.headers.items(), answer.content) == (
                fast_answer.status_code,
                fast_answer.headers.items(),
                fast_answer.content,
            ), query
            second = routed.get(f"/api/v1/lookup?{query}", headers={"If-None-Match": answer.headers.get("etag", "")})
            assert (second.status_code, second.headers.items()) == (again.status_code, again.headers.items()), query


def test_plain_queries_are_taken_and_doubtful_ones_left() -> None:
    assert lookup_api.plain_query(b"region=a&region=b&n=12") == (["a", "b"], [], 20)
    assert lookup_api.plain_query(b"choir=238&limit=100") == ([], ["238"], 100)
    for doubtful in (b"limit=0", b"limit=101", b"limit=07", b"limit=1&limit=2", b"choir=1a", b"region=a#b", b"a b"):
        assert lookup_api.plain_query(doubtful) is None, doubtful
