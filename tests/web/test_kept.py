"""Page parts rendered once per catalogue and filled per state: the explorer's region checkboxes."""

from __future__ import annotations

import random

from fastapi.testclient import TestClient

from app.web.kept import Kept, Slotted, slot
from tests.web.html import soup


def test_slots_are_filled_in_order() -> None:
    slotted = Slotted(f"<a{slot('x')}>-<b{slot('y')}>{slot('x')}")
    assert slotted.checked({"x"}) == "<a checked>-<b> checked"
    assert slotted.checked(()) == "<a>-<b>"


def test_a_part_is_built_once_per_catalogue_version() -> None:
    kept, built = Kept(), []

    def build() -> str:
        built.append(1)
        return f"part {len(built)}"

    assert kept.get("v1", "list", build) == "part 1"
    assert kept.get("v1", "list", build) == "part 1"
    assert kept.get("v2", "list", build) == "part 2"  # a reloaded catalogue gets its own


def test_the_checked_boxes_are_the_states_regions(web_client: TestClient) -> None:
    catalogue = web_client.app.state.store.snapshot.catalogue  # type: ignore[attr-defined]
    regions = list(catalogue.regions)
    pick = random.Random(9)
    for _ in range(10):
        chosen = pick.sample(regions, pick.randint(0, 6))
        page = soup(web_client.get("/?" + "&".join(f"region={r}" for r in chosen)))
        boxes = page.select('#region-form input[type="checkbox"][name="region"]')
        assert sorted(b["value"] for b in boxes) == sorted(regions)  # every region, once
        assert {b["value"] for b in boxes if b.has_attr("checked")} == set(chosen)


def test_names_in_the_list_are_escaped(hostile_client: TestClient) -> None:
    page = soup(hostile_client.get("/?region=temple-right"))
    label = page.select_one('#region-form input[value="temple-right"]').parent
    assert "<script>" in label.get_text()  # shown as text, not markup
    assert page.select("#region-form script") == []
