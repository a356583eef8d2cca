"""Catalogue text never becomes markup: a muscle named with a script shows as text on every page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import HOSTILE
from tests.web.html import soup

PAGES = (
    "/?view=anterior&region=temple-right",
    "/?view=posterior&mode=locate&region=neck-angle-right",
    "/print?region=temple-right",
    "/trigger-points/upper-trapezius-1",
    "/trigger-points/upper-trapezius-1/print",
    "/muscles",
    "/muscles/upper-trapezius",
    "/regions/temple-right",
    "/conditions/tension-headache",
    "/search?q=upper+trap",
)


def test_the_home_page_holds_no_markup_from_the_catalogue(hostile_client: TestClient) -> None:
    text = hostile_client.get("/").text
    assert "<script>alert(1)" not in text
    assert "<svg onload" not in text


@pytest.mark.parametrize("path", PAGES)
def test_a_hostile_muscle_name_is_shown_as_text(hostile_client: TestClient, path: str) -> None:
    response = hostile_client.get(path)
    page = soup(response)
    assert "<script>alert(1)" not in response.text
    assert "<svg onload" not in response.text
    assert HOSTILE in page.get_text(), "the name is shown, as text"
    for script in page.select("script"):
        assert script.get("src") or script.get("type") == "application/json"
    assert not [tag for tag in page.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]


def test_inside_svg_titles_too(hostile_client: TestClient) -> None:
    response = hostile_client.get("/svg/trigger-points/upper-trapezius-1.svg")
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<svg onload" not in response.text


def test_pages_send_a_policy_that_forbids_inline_script(hostile_client: TestClient) -> None:
    policy = hostile_client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
