"""Security: headers on every kind of response, hostile catalogue text shown as text, abuse answered 4xx fast.

The hostile catalogue puts markup, quotes and SVG-breaking text where a data
author types free text (a muscle name, a region name, a description): an
attacker who gets one pull request merged must not get script into a page,
a diagram or a client that trusts our JSON.
"""

from __future__ import annotations

import asyncio
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx
import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.conftest import SMALL_TRIGGER_POINTS, make_data

EVIL = "Evil <script>alert(1)</script>\"'><svg onload=alert(2)> ]]> &amp; \u202e Zxq"
SVG_NS = "{http://www.w3.org/2000/svg}"


def security_headers_problems(response: httpx.Response) -> list[str]:
    """What is missing from the headers every response must carry."""
    h = response.headers
    problems = []
    csp = h.get("content-security-policy", "")
    script = re.search(r"script-src([^;]*)", csp) or re.search(r"default-src([^;]*)", csp)
    if not script or "unsafe-inline" in script.group(1) or "unsafe-eval" in script.group(1):
        problems.append(f"CSP allows inline script or has none: {csp!r}")
    if "frame-ancestors 'none'" not in csp:
        problems.append("no frame-ancestors 'none'")
    if h.get("x-content-type-options") != "nosniff":
        problems.append("no nosniff")
    if not h.get("referrer-policy"):
        problems.append("no Referrer-Policy")
    return problems


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/", {}, 200),
        ("GET", "/api/v1/trigger-points", {}, 200),
        ("GET", "/api/v1/trigger-points/soleus-1", {}, 200),
        ("GET", "/api/v1/lookup?region=calf-right", {}, 200),
        ("GET", "/svg/trigger-points/soleus-1.svg", {}, 200),
        ("GET", "/static/css/site.css", {}, 200),
        ("GET", "/openapi.json", {}, 200),
        ("GET", "/docs", {}, 200),
        ("GET", "/healthz", {}, 200),
        ("GET", "/api/v1/trigger-points/no-such-point", {}, 404),
        ("GET", "/api/v1/trigger-points?limit=abc", {}, 422),
        ("GET", "/no-such-page", {"accept": "text/html"}, 404),
        ("GET", "/static/no-such-file.css", {}, 404),
        ("POST", "/api/v1/trigger-points", {}, 405),
        ("OPTIONS", "/api/v1/lookup", {"origin": "https://a.example", "access-control-request-method": "GET"}, 200),
    ],
)
def test_every_kind_of_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    response = client.request(method, path, headers=headers)
    assert response.status_code == status
    assert security_headers_problems(response) == []


def test_a_304_and_a_replayed_answer_carry_the_security_headers(client: TestClient) -> None:
    first = client.get("/api/v1/trigger-points/soleus-1")
    again = client.get("/api/v1/trigger-points/soleus-1")
    revalidated = client.get("/api/v1/trigger-points/soleus-1", headers={"if-none-match": first.headers["etag"]})
    assert revalidated.status_code == 304
    for response in (first, again, revalidated):
        assert security_headers_problems(response) == []


# --- a hostile catalogue -------------------------------------------------------------------------------------


@pytest.fixture
def evil_data(tmp_path: Path) -> Path:
    """The small catalogue with hostile text as a muscle name, its prose, a TrP's text and a region name."""
    doc: dict[str, Any] = yaml.safe_load(SMALL_TRIGGER_POINTS)
    soleus = next(m for m in doc["muscles"] if m["id"] == "soleus")
    soleus["name"] = EVIL
    soleus["action"] = EVIL
    soleus["synonyms"] = [EVIL]
    tp = soleus["trigger_points"][0]
    tp["location"]["description"] = EVIL
    tp["symptoms"] = [EVIL]
    folder = make_data(tmp_path / "data", yaml.safe_dump(doc, allow_unicode=True))
    regions_file = folder / "regions.yaml"
    regions: dict[str, Any] = yaml.safe_load(regions_file.read_text())
    next(r for r in regions["regions"] if r["id"] == "temple")["name"] = EVIL
    regions_file.write_text(yaml.safe_dump(regions, allow_unicode=True, sort_keys=False))
    return folder


@pytest.fixture
def evil_client(evil_data: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=evil_data))) as test_client:
        yield test_client


def test_hostile_text_comes_back_from_the_api_as_the_same_string_in_json(evil_client: TestClient) -> None:
    muscle = evil_client.get("/api/v1/muscles/soleus")
    assert muscle.headers["content-type"] == "application/json"
    assert muscle.headers["x-content-type-options"] == "nosniff"
    assert muscle.json()["name"] == EVIL
    tp = evil_client.get("/api/v1/trigger-points/soleus-1").json()
    assert tp["location"]["description"] == EVIL
    assert tp["symptoms"] == [EVIL]
    assert evil_client.get("/api/v1/regions/temple-right").json()["name"].endswith(EVIL)
    found = evil_client.get("/api/v1/lookup?region=heel-right").json()["items"]
    assert any(EVIL in item["trigger_point"]["muscle_name"] for item in found)


def svg_tree(response: httpx.Response) -> ET.Element:
    """The SVG parsed as XML: text that broke out of its element would fail here."""
    assert response.status_code == 200, response.text[:200]
    assert response.headers["content-type"].startswith("image/svg+xml")
    return ET.fromstring(response.content)


def assert_inert(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag not in (f"{SVG_NS}script", f"{SVG_NS}foreignObject", "script"), element.tag
        handlers = [name for name in element.attrib if name.lower().startswith("on")]
        assert handlers == [], f"event handler attribute on <{element.tag}>"


def test_hostile_names_are_plain_text_in_svg_titles(evil_client: TestClient) -> None:
    thumbnail = svg_tree(evil_client.get("/svg/trigger-points/soleus-1.svg"))
    assert_inert(thumbnail)
    titles = [t.text or "" for t in thumbnail.iter(f"{SVG_NS}title")]
    assert any(EVIL in title for title in titles), titles


def test_hostile_region_names_are_plain_text_in_every_view(evil_client: TestClient) -> None:
    views = evil_client.get("/api/v1/regions/temple-right").json()["views"]
    assert views, "the temple is drawn in no view"
    for view in views:
        root = svg_tree(evil_client.get(f"/svg/{view}.svg"))
        assert_inert(root)
        titles = [t.text or "" for t in root.iter(f"{SVG_NS}title")]
        assert any(title.endswith(EVIL) for title in titles), view


def links(base: str, html: str) -> Iterator[str]:
    for href in re.findall(r'(?:href|src|action)="([^"#]+)"', html):
        url = urljoin(base, href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc in ("", "testserver") and not re.search(r"\.(css|js|png|ico|woff2?)$", parts.path):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_page_reachable_from_home_shows_hostile_text_escaped(evil_client: TestClient) -> None:
    todo, seen, shown = ["/"], set(), 0
    per_route: dict[str, int] = {}
    while todo and len(seen) < 300:
        path = todo.pop(0)
        # Every page kind, a few query variants each (the map links each region as /?region=...).
        route = path.split("?")[0]
        route = re.sub(r"[^/]+$", "{}", route) if route.count("/") > 1 else route
        if path in seen or per_route.get(route, 0) >= 3:
            continue
        seen.add(path)
        per_route[route] = per_route.get(route, 0) + 1
        response = evil_client.get(path, headers={"accept": "text/html"})
        content_type = response.headers.get("content-type", "")
        if "html" not in content_type and "svg" not in content_type:
            continue
        assert response.status_code < 500, path
        assert security_headers_problems(response) == [], path
        body = response.text
        assert "<script>alert(1)" not in body, f"{path}: hostile text became markup"
        assert "<svg onload" not in body, f"{path}: hostile text became markup"
        shown += "&lt;script&gt;alert(1)" in body
        if "html" in content_type:
            assert not re.search(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)", body), path
            tags = (re.sub(r'"[^"]*"|\'[^\']*\'', '""', t) for t in re.findall(r"<[a-z][^>]*>", body, re.I))
            assert not any(re.search(r"\son[a-z]+\s*=", t, re.I) for t in tags), f"{path}: inline event handler"
            todo.extend(links("http://testserver" + path, body))
    assert shown, f"the hostile name was shown on none of {len(seen)} pages: this test proved nothing"


# --- abuse ---------------------------------------------------------------------------------------------------


def raw_get(app: FastAPI, target: str) -> tuple[int, dict[str, str], bytes]:
    """GET a request target exactly as sent on the wire, decoded the way uvicorn does (httpx would
    normalise `..` segments away before they reached the app)."""
    raw_path, _, query = target.encode("ascii").partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(raw_path.decode("ascii")),
        "raw_path": raw_path,
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # A thread of its own: a browser test's event loop may already be running in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize(
    "target",
    [
        "/api/v1/conditions/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/trigger-points/..%2F..%2F..%2Fdata%2Ftrigger_points.yaml",
        "/svg/..%2Fdata%2Fregions.yaml.svg",
        "/svg/trigger-points/..%2F..%2Fdata%2Fregions.yaml.svg",
        "/static/../data/regions.yaml",
        "/static/..%2F..%2Fdata%2Fregions.yaml",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/data/regions.yaml",
    ],
)
def test_path_traversal_reaches_no_file(client: TestClient, target: str) -> None:
    status, headers, body = raw_get(client.app, target)  # type: ignore[arg-type]
    assert 400 <= status < 500
    for leaked in (b"regions:", b"muscles:", b"root:"):
        assert leaked not in body
    assert headers["x-content-type-options"] == "nosniff"


ODD = [
    "/api/v1/trigger-points/" + "x" * 10_000,
    "/api/v1/trigger-points/soleus-1%00",
    "/api/v1/trigger-points/%E2%80%AEsoleus-1",
    "/api/v1/trigger-points/%F0%9F%92%A5",
    "/api/v1/trigger-points/%FF%FE",
    "/api/v1/regions?side=%00",
    "/api/v1/lookup?region=%E2%80%8Fheel-right",
    "/api/v1/lookup?region=%F0%9F%A6%B6",
    "/api/v1/lookup?region=" + "a" * 100_000,
    "/api/v1/lookup?" + "&".join(["region=heel-right"] * 5_000),
    "/api/v1/lookup?" + "&".join(f"region=r{i}" for i in range(5_000)),
    "/api/v1/lookup?choir=" + "9" * 5_000,
    "/api/v1/trigger-points?limit=" + "9" * 5_000,
    "/svg/anterior.svg?highlight=" + ",".join(["temple-right"] * 20_000),
    "/svg/trigger-points/soleus-1.svg?side=" + "%00" * 1_000,
]


@pytest.mark.parametrize("target", ODD, ids=lambda t: t[:50])
def test_odd_input_is_a_quick_4xx_in_problem_json(client: TestClient, target: str) -> None:
    started = time.perf_counter()
    status, headers, body = raw_get(client.app, target)  # type: ignore[arg-type]
    took = time.perf_counter() - started
    assert 400 <= status < 500, body[:200]
    assert headers["content-type"] == "application/problem+json"
    assert len(body) < 20_000, "an error must not echo a huge input back"
    assert took < 1.0, f"{took:.2f} s for one bad request"


def test_a_crawl_of_distinct_overlays_does_not_grow_memory_without_bound(client: TestClient) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    memo = app.state.replay_memo
    memo.max_entries, memo.max_bytes = 50, 64 * 1024  # the real bounds, scaled down to keep the test quick
    for i in range(300):
        assert client.get(f"/api/v1/trigger-points?limit={1 + i % 1000}&offset={i}").status_code == 200
    assert len(memo) <= memo.max_entries
    assert memo.nbytes <= memo.max_bytes


def test_a_diagram_opened_on_its_own_may_style_itself_but_never_run_script(client: TestClient) -> None:
    csp = client.get("/svg/anterior.svg").headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src" not in csp  # falls back to default-src 'none'
    assert "style-src 'unsafe-inline'" in csp
    page_csp = client.get("/").headers["content-security-policy"]
    assert "unsafe-inline" not in page_csp
