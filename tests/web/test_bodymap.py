"""The inlined map: no inline style for the page's policy to block; regions stay links."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.web.bodymap import inline


def test_inlining_drops_the_prologue_and_the_style() -> None:
    svg = (
        '<?xml version="1.0"?>\n<svg role="img"><defs><style>.a{fill:red}</style></defs>'
        '<a xlink:href="/x"><path/></a></svg>'
    )
    assert str(inline(svg)) == '<svg role="img"><defs></defs><a href="/x"><path/></a></svg>'


def test_home_map_has_no_inline_style(web_client: TestClient) -> None:
    text = web_client.get("/?region=temple-right").text
    assert "<style" not in text
    assert ' style="' not in text


def test_side_neutral_zones_become_the_regions_of_a_side(client: TestClient) -> None:
    catalogue = client.app.state.store.snapshot.catalogue  # type: ignore[attr-defined]
    assert catalogue.sided(["temple", "sternum"], ["left"]) == ["temple-left", "sternum"]
    assert catalogue.sided(["sternum"], ["right", "left"]) == ["sternum"]
