"""The inlined map: no inline style for the page's policy to block; regions stay links."""

from __future__ import annotations

import random

from fastapi.testclient import TestClient

from app.catalogue.index import Catalogue
from app.queries.diagrams import Diagrams
from app.web.bodymap import inline, inline_text
from app.web.explorer_state import ExplorerState


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


def test_a_stencil_inlined_once_is_the_map_inlined_each_time(real_catalogue: Catalogue) -> None:
    """The explorer inlines its map's static text once; the result is that of inlining each state's map."""
    diagrams = Diagrams(real_catalogue)
    pick = random.Random(11)
    regions, tps = list(real_catalogue.regions), list(real_catalogue.trigger_points.values())
    for _ in range(40):
        view_id = pick.choice(diagrams.views)
        selected = pick.sample(regions, pick.choice([0, 1, 4, 20]))
        tp = pick.choice(tps)
        sides = pick.choice([["right"], ["left"], ["right", "left"]])
        state = ExplorerState(view=view_id, mode="pain", regions=tuple(selected), show=None)
        args = {"selected": selected, "pattern": (tp.id, sides), "href": state.toggled, "toggles": True}
        once = diagrams.state_map(view_id, **args, transform=inline_text)  # type: ignore[arg-type]
        each = inline(diagrams.state_map(view_id, **args))  # type: ignore[arg-type]
        assert once == each
