"""HTTP semantics an app relies on: ETag and 304, Cache-Control, CORS, gzip, and one problem+json shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SMALL_TRIGGER_POINTS

CACHED_PATHS = (
    "/api/v1/trigger-points/upper-trapezius-1",
    "/api/v1/trigger-points?muscle=soleus",
    "/api/v1/lookup?region=temple-right",
    "/api/v1/search?q=trap",
    "/api/v1/export/trigger-points.csv",
)
ORIGIN = "https://clinic.example"


@pytest.mark.parametrize("path", CACHED_PATHS)
def test_a_repeat_request_with_the_etag_gets_304_and_no_body(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"'), "a strong ETag is a quoted string without W/"
    assert etag.endswith('"')
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"] == first.headers["cache-control"]


@pytest.mark.parametrize(
    "if_none_match",
    ['"stale-1", {etag}', '"stale-1",{etag} , "stale-2"', "W/{etag}", "*"],
    ids=["list", "list-without-spaces", "weak-from-a-compressing-proxy", "star"],
)
def test_if_none_match_lists_weak_tags_and_star_match(client: TestClient, if_none_match: str) -> None:
    path = "/api/v1/muscles/soleus"
    etag = client.get(path).headers["etag"]
    assert client.get(path, headers={"If-None-Match": if_none_match.format(etag=etag)}).status_code == 304


def test_an_etag_the_server_did_not_send_gets_the_full_body(client: TestClient) -> None:
    response = client.get("/api/v1/muscles/soleus", headers={"If-None-Match": '"something-else", W/"other"'})
    assert response.status_code == 200
    assert response.json()["id"] == "soleus"


def test_each_representation_has_its_own_etag(client: TestClient) -> None:
    tags = {client.get(path).headers["etag"] for path in CACHED_PATHS}
    assert len(tags) == len(CACHED_PATHS)
    five, six = (client.get(f"/api/v1/regions?limit={n}").headers["etag"] for n in (5, 6))
    assert five != six


def test_a_data_edit_invalidates_the_etags(fresh_client: TestClient, small_data: Path) -> None:
    client = fresh_client
    path = "/api/v1/trigger-points/soleus-1"
    old = client.get(path).headers["etag"]
    edited = SMALL_TRIGGER_POINTS.replace("Distal soleus, medial", "Distal soleus, just medial")
    (small_data / "trigger_points.yaml").write_text(edited)
    assert client.app.state.store.reload()
    response = client.get(path, headers={"If-None-Match": old})
    assert response.status_code == 200
    assert response.json()["location"]["description"].startswith("Distal soleus, just medial")
    assert response.headers["etag"] != old


def test_responses_are_publicly_cacheable_for_a_while(client: TestClient) -> None:
    cache_control = client.get("/api/v1/regions/temple-right").headers["cache-control"]
    assert "public" in cache_control
    assert "max-age=" in cache_control


def test_cors_simple_get_from_any_origin_exposes_the_etag(client: TestClient) -> None:
    response = client.get("/api/v1/conditions", headers={"Origin": ORIGIN})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "etag" in response.headers["access-control-expose-headers"].lower()


def test_cors_preflight_allows_get_with_if_none_match(client: TestClient) -> None:
    response = client.options(
        "/api/v1/trigger-points/soleus-1",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    assert "if-none-match" in response.headers["access-control-allow-headers"].lower()


def test_cors_preflight_refuses_writes(client: TestClient) -> None:
    response = client.options(
        "/api/v1/trigger-points/soleus-1", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "DELETE"}
    )
    assert response.status_code == 400
    assert "DELETE" not in response.headers.get("access-control-allow-methods", "")


def test_big_bodies_are_gzipped_small_ones_not(client: TestClient) -> None:
    big = client.get("/api/v1/regions?limit=1000", headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    assert int(big.headers["content-length"]) < len(big.content) / 4
    assert big.json()["total"] > 100  # the client still reads plain JSON
    small = client.get("/api/v1/regions/sternum", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers
    plain = client.get("/api/v1/regions?limit=1000", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers


ERRORS = [
    ("GET", "/api/v1/no-such-thing", 404),
    ("GET", "/svg/no/such/thing", 404),
    ("GET", "/api/v1/regions/no-such-region", 404),
    ("GET", "/api/v1/muscles/no-such-muscle", 404),
    ("GET", "/api/v1/trigger-points/no-such-point", 404),
    ("GET", "/api/v1/conditions/no-such-condition", 404),
    ("GET", "/api/v1/export/no-such-export.json", 404),
    ("GET", "/svg/no-such-view.svg", 404),
    ("GET", "/svg/trigger-points/no-such-point.svg", 404),
    ("DELETE", "/api/v1/trigger-points/soleus-1", 405),
    ("POST", "/api/v1/lookup", 405),
    ("PUT", "/svg/trigger-points/soleus-1.svg", 405),
    ("GET", "/api/v1/trigger-points?limit=x", 422),
    ("GET", "/api/v1/regions?offset=-1", 422),
    ("GET", "/api/v1/lookup", 422),
    ("GET", "/api/v1/lookup?choir=%C2%B2", 422),  # a Unicode digit once made int() fail: a 500, found by fuzzing
    ("GET", "/svg/trigger-points/soleus-1.svg?side=middle", 422),
]


@pytest.mark.parametrize(("method", "path", "status"), ERRORS)
def test_every_error_is_problem_json(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path, headers={"Accept": "text/html,*/*"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["type"] == "about:blank"
    assert problem["instance"] == path.split("?")[0]
    assert problem["title"]
    assert problem["detail"]
    assert problem["detail"] not in ("Not Found", "Method Not Allowed"), "say what the caller can do"


def test_405_names_the_allowed_methods(client: TestClient) -> None:
    response = client.delete("/api/v1/trigger-points/soleus-1")
    assert response.headers["allow"] == "GET"
    assert "GET" in response.json()["detail"]


def test_unknown_id_suggests_the_closest_ones(client: TestClient) -> None:
    problem = client.get("/api/v1/trigger-points/soleus-2").json()
    assert "soleus-1" in problem["suggestions"]


def test_422_lists_each_invalid_parameter(client: TestClient) -> None:
    problem = client.get("/api/v1/trigger-points?limit=x&offset=-1").json()
    assert {tuple(error["loc"]) for error in problem["errors"]} == {("query", "limit"), ("query", "offset")}
    assert "limit" in problem["detail"]


def test_docs_load_nothing_from_another_host(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "http://" not in page
    assert "https://" not in page
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/js/docs.js"):
        assert asset in page
        assert client.get(asset).status_code == 200
    assert "validatorUrl: null" in client.get("/static/js/docs.js").text, "Swagger UI would call validator.swagger.io"
