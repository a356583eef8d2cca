"""Search and About."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.html import soup, texts


def test_search_tolerates_typos_and_links_each_hit(web_client: TestClient) -> None:
    response = web_client.get("/search?q=upper+trapezus")
    page = soup(response)
    assert texts(page, ".search-results a")[0] == "Upper trapezius"
    assert page.select_one(".search-results a")["href"] == "/muscles/upper-trapezius"
    assert response.headers["link"] == '</api/v1/search?q=upper+trapezus>; rel="alternate"; type="application/json"'


def test_an_empty_or_absurd_search_is_a_calm_page(web_client: TestClient) -> None:
    assert soup(web_client.get("/search")).select(".search-results") == []
    page = soup(web_client.get("/search", params={"q": "x" * 3000}))
    assert "Nothing matches" in texts(page, ".status")[0]


def test_every_page_has_the_search_box_and_the_disclaimer(web_client: TestClient) -> None:
    for path in ("/", "/about", "/muscles", "/search?q=scm", "/trigger-points/soleus-1"):
        page = soup(web_client.get(path))
        assert page.select_one('header form[role="search"] input[name="q"]') is not None, path
        assert "it does not diagnose" in texts(page, "footer")[0], path


def test_about_explains_the_map_and_the_caveats(web_client: TestClient) -> None:
    page = soup(web_client.get("/about"))
    text = " ".join(page.select_one("main").get_text(" ").split())
    for phrase in (
        "Solid red",
        "Dotted",
        "Lucas et al. 2009",
        "population patterns",
        "pneumothorax",
        "does not diagnose",
    ):
        assert phrase in text


def test_the_search_box_suggests_as_you_type_without_inline_script(web_client: TestClient) -> None:
    page = soup(web_client.get("/about"))
    box = page.select_one('header form[role="search"][action="/search"] input[name="q"]')
    assert box["data-suggest"] == "/api/v1/search"
    assert box["autocomplete"] == "off"
    scripts = page.select("script")
    assert "/static/js/suggest.js" in [s.get("src") for s in scripts]
    assert all(s.get("src") and not s.string for s in scripts)
    assert web_client.get("/static/js/suggest.js").status_code == 200
