"""Every page is one template over one query, with its JSON twin linked in the head and a header."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.web.templating import words
from tests.web.html import soup

TWINS = {
    "/muscles": "/api/v1/muscles?limit=1000",
    "/conditions": "/api/v1/conditions?limit=1000",
    "/muscles/soleus": "/api/v1/muscles/soleus",
    "/conditions/heel-pain": "/api/v1/conditions/heel-pain",
    "/trigger-points/soleus-1": "/api/v1/trigger-points/soleus-1",
    "/regions/heel-right": "/api/v1/regions/heel-right",
    "/search?q=heel": "/api/v1/search?q=heel",
}


def test_each_page_links_a_twin_that_answers(web_client: TestClient) -> None:
    for path, twin in TWINS.items():
        response = web_client.get(path)
        assert response.headers["link"].startswith(f'<{twin}>; rel="alternate"; type="application/json"'), path
        assert soup(response).select_one('link[rel="alternate"]')["href"] == twin, path
        answer = web_client.get(twin)
        assert answer.status_code == 200, twin
        assert answer.headers["content-type"] == "application/json", twin


def test_lists_read_as_words() -> None:
    assert words(["temple"]) == "temple"
    assert words(["nape", "temple"]) == "nape and temple"
    assert words(["nape", "ear", "temple"]) == "nape, ear and temple"
    assert words([]) == ""
