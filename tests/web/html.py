"""Parse a page for CSS-selector assertions (what a person sees, not how the markup is spelled)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from httpx import Response


def soup(response: Response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def texts(page: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(node.get_text(" ").split()) for node in page.select(selector)]
