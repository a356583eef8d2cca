"""The figure chosen on a page draws that page and follows the person to the next one."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

PAGE = "/trigger-points/pectoralis-major-3"


def soup(client: TestClient, path: str) -> BeautifulSoup:
    answer = client.get(path)
    assert answer.status_code == 200, path
    return BeautifulSoup(answer.text, "html.parser")


def in_app_links(page: BeautifulSoup) -> list[str]:
    """Links to pages that draw a figure (not the API, static files or fragments within the page)."""
    hrefs = [a["href"] for a in page.select("a[href^='/']")]
    return [h for h in hrefs if not re.match(r"/(static|api|docs|openapi|healthz)", h)]


def test_a_page_naming_the_female_figure_draws_it_and_every_link_carries_it(real_client: TestClient) -> None:
    male, female = soup(real_client, PAGE), soup(real_client, f"{PAGE}?figure=female")
    assert str(male.select_one("figure.diagram svg")) != str(female.select_one("figure.diagram svg"))
    switch = {a["data-figure"]: a for a in female.select("nav.figures a")}
    assert switch["female"].get("aria-current") == "true"
    assert "figure=male" in switch["male"]["href"]
    links = [h for h in in_app_links(female) if h not in {a["href"] for a in switch.values()}]
    assert links
    assert all("figure=female" in h for h in links), [h for h in links if "figure=female" not in h][:5]
    assert female.select_one("form.search-form input[name=figure]")["value"] == "female"


def test_the_default_figure_keeps_urls_clean_and_an_unknown_one_falls_back(real_client: TestClient) -> None:
    for path in (PAGE, f"{PAGE}?figure=male", f"{PAGE}?figure=dragon"):
        page = soup(real_client, path)
        switch = {a["data-figure"] for a in page.select("nav.figures a")}
        assert switch == {"male", "female"}
        assert not [h for h in in_app_links(page) if "figure=" in h and not h.startswith(PAGE)]
        assert page.select_one("form.search-form input[name=figure]") is None
        assert page.select_one("nav.figures a[aria-current]")["data-figure"] == "male"


def test_a_muscle_page_draws_the_chosen_figure(real_client: TestClient) -> None:
    male = soup(real_client, "/muscles/pectoralis-major")
    female = soup(real_client, "/muscles/pectoralis-major?figure=female")
    assert female.select_one("figure.muscle-diagram [data-muscle='pectoralis-major']") is not None
    assert str(male.select_one("figure.muscle-diagram svg")) != str(female.select_one("figure.muscle-diagram svg"))
