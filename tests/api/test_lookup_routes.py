"""/api/v1/lookup over HTTP: shape, laterality, CHOIR codes and errors."""

from __future__ import annotations

from fastapi.testclient import TestClient


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
