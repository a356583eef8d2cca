"""app/middleware.py: a replayed answer is indistinguishable from the route's own, whatever the client sends."""

from __future__ import annotations

import gzip

import pytest
from fastapi.testclient import TestClient

PATHS = [
    "/api/v1/trigger-points/soleus-1",
    "/api/v1/trigger-points?limit=100",
    "/api/v1/lookup?region=heel-right&region=calf-right&region=arch-right",
    "/svg/trigger-points/soleus-1.svg",
]


def comparable(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k != "date"}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "request_headers",
    [{}, {"accept-encoding": "gzip"}, {"origin": "https://clinic.example"}],
    ids=["plain", "gzip", "cors"],
)
def test_a_replay_has_the_same_status_headers_and_body(
    client: TestClient, path: str, request_headers: dict[str, str]
) -> None:
    first = client.get(path, headers=request_headers)
    again = client.get(path, headers=request_headers)
    assert first.status_code == again.status_code == 200
    assert comparable(again.headers) == comparable(first.headers)
    assert again.content == first.content


def test_a_body_gzipped_for_one_client_is_not_replayed_to_another(client: TestClient) -> None:
    path = "/api/v1/trigger-points?limit=100"
    zipped = client.get(path, headers={"accept-encoding": "gzip"})
    raw = client.get(path, headers={"accept-encoding": "identity"})
    assert raw.headers.get("content-encoding") is None
    assert raw.json() == zipped.json()
    assert zipped.headers["content-encoding"] == "gzip"
    # Stored once compressed would show here as gzip bytes without a Content-Encoding.
    assert not raw.content.startswith(gzip.compress(b"")[:2])


def test_a_replay_still_answers_if_none_match_with_304(client: TestClient) -> None:
    path = "/api/v1/trigger-points/soleus-1"
    etag = client.get(path).headers["etag"]
    revalidated = client.get(path, headers={"if-none-match": f'"other", {etag}'})
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated.headers["etag"] == etag
    assert client.get(path, headers={"if-none-match": '"other"'}).status_code == 200


def test_errors_are_never_replayed_as_successes(client: TestClient) -> None:
    path = "/api/v1/lookup?region=no-such-region"
    assert client.get(path).status_code == 404
    assert client.get(path).status_code == 404


def test_only_the_docs_page_may_use_inline_styles_and_no_page_inline_script(client: TestClient) -> None:
    page_csp = client.get("/").headers["content-security-policy"]
    docs_csp = client.get("/docs").headers["content-security-policy"]
    assert "'unsafe-inline'" not in page_csp
    assert "script-src 'self';" in docs_csp
