"""A state's map filled into a view's stencil is the text `view_svg` draws for that state."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.body.render import BodyDiagrams, Marker
from app.body.stencil import Links, ViewStencil, escape_attribute
from app.catalogue.index import Catalogue
from app.catalogue.loader import load_catalogue
from app.queries.diagrams import Diagrams
from tests.conftest import HOSTILE, make_hostile

# Links as the explorer makes them, and ones with every character XML escapes in an attribute.
HREFS = [
    lambda rid: f"/?view=anterior&region={rid}",
    lambda rid: f"/regions/{rid}?a=<1>&b=\"2\"&c='3'\t\n\r{HOSTILE}",
]


def random_state(c: Catalogue, geo_regions: list[str], pick: random.Random) -> dict[str, object]:
    regions = list(c.regions)
    selected = pick.sample(regions, pick.choice([0, 1, 2, 5, 12, 74]))
    if pick.random() < 0.3:  # painted regions in the view shown, as a person clicks them
        selected += pick.sample(geo_regions, min(len(geo_regions), pick.randint(1, 6)))
    tp = pick.choice(list(c.trigger_points.values()))
    sides = pick.choice([("right",), ("left",), ("right", "left")])
    return {"selected": selected, "tp": tp, "sides": sides}


def reference(body: BodyDiagrams, c: Catalogue, view_id: str, state: dict[str, object], href, role, toggles) -> str:  # type: ignore[no-untyped-def]
    """The state's map as `Diagrams.state_map` drew it before stencils: the whole view through svgwrite."""
    tp = state["tp"]
    sides = state["sides"]
    markers: list[Marker] = []
    for side in sides:  # type: ignore[attr-defined]
        markers += body.markers(view_id, tp.id, side)  # type: ignore[attr-defined]
    return body.view_svg(
        view_id,
        highlight=state["selected"],  # type: ignore[arg-type]
        essential=c.sided(tp.referral.essential, sides),  # type: ignore[attr-defined,arg-type]
        spillover=c.sided(tp.referral.spillover, sides),  # type: ignore[attr-defined,arg-type]
        markers=markers,
        region_href=href,
        role=role,
        toggles=toggles,
        muscle=(tp.muscle, sides[0]),  # type: ignore[attr-defined,index]
    )


def fast(diagrams: Diagrams, view_id: str, state: dict[str, object], href, role, toggles) -> str | None:  # type: ignore[no-untyped-def]
    tp = state["tp"]
    return diagrams.state_map(
        view_id,
        selected=state["selected"],  # type: ignore[arg-type]
        pattern=(tp.id, state["sides"]),  # type: ignore[attr-defined,arg-type]
        href=href,
        role=role,
        toggles=toggles,
    )


def test_random_states_render_as_the_whole_view_does(real_catalogue: Catalogue) -> None:
    diagrams = Diagrams(real_catalogue)
    body = diagrams.body
    pick = random.Random(16)
    for i in range(120):
        view_id = pick.choice(body.view_ids())
        role, toggles = pick.choice([("group", True), ("group", False), ("img", False)])
        href = HREFS[i % len(HREFS)]
        state = random_state(real_catalogue, list(body.geometry[view_id].regions), pick)
        assert fast(diagrams, view_id, state, href, role, toggles) == reference(
            body, real_catalogue, view_id, state, href, role, toggles
        ), (view_id, state)


def test_no_pattern_and_no_selection(real_catalogue: Catalogue) -> None:
    diagrams = Diagrams(real_catalogue)
    for view_id in diagrams.views:
        got = diagrams.state_map(view_id, selected=(), pattern=None, href=HREFS[0], toggles=True)
        assert got == diagrams.body.view_svg(view_id, region_href=HREFS[0], role="group", toggles=True)


def test_hostile_names_are_escaped_alike(tmp_path: Path) -> None:
    c = load_catalogue(make_hostile(tmp_path / "data"))
    diagrams = Diagrams(c)
    pick = random.Random(3)
    for view_id in diagrams.views:
        state = random_state(c, list(diagrams.body.geometry[view_id].regions), pick)
        for href in HREFS:
            assert fast(diagrams, view_id, state, href, "group", True) == reference(
                diagrams.body, c, view_id, state, href, "group", True
            )


def test_an_empty_link_is_refused(real_catalogue: Catalogue) -> None:
    """svgwrite leaves an empty attribute out, which a slot cannot; no state links a region to nothing."""
    with pytest.raises(ValueError, match="empty"):
        Diagrams(real_catalogue).state_map("anterior", selected=(), pattern=None, href=lambda rid: "")


def test_unknown_view_has_no_map(real_catalogue: Catalogue) -> None:
    assert Diagrams(real_catalogue).state_map("nowhere", selected=(), pattern=None, href=HREFS[0]) is None


def test_a_stencil_is_drawn_once_per_view_role_and_toggles(real_catalogue: Catalogue) -> None:
    diagrams = Diagrams(real_catalogue)
    first = diagrams.stencil("anterior", "group", True)
    assert diagrams.stencil("anterior", "group", True) is first
    assert diagrams.stencil("anterior", "group", False) is not first
    assert isinstance(first, ViewStencil)


@pytest.mark.parametrize("text", ["plain", "a&b", "<x>", 'q"uote', "it's", "tab\tnl\ncr\r", HOSTILE, "&amp;"])
def test_attributes_are_escaped_as_elementtree_does(text: str) -> None:
    from xml.etree import ElementTree

    written = ElementTree.tostring(ElementTree.Element("a", href=text), encoding="unicode")
    assert written == f'<a href="{escape_attribute(text)}" />'


def test_links_at_once_render_as_a_link_per_region(real_catalogue: Catalogue) -> None:
    """A map given its links as a prefix and suffixes is the map given a function per region."""
    diagrams = Diagrams(real_catalogue)
    pick = random.Random(21)
    regions = list(real_catalogue.regions)
    for i in range(30):
        view_id = pick.choice(diagrams.views)
        selected = pick.sample(regions, pick.choice([0, 1, 5]))
        prefix = ["/?view=x&", f"/?q=<{HOSTILE}>&amp;\t", ""][i % 3]
        links = Links(prefix, lambda rid: f"region={rid}", {rid: f"/?other&{rid}" for rid in selected})
        args = {"selected": selected, "pattern": None, "toggles": True}
        assert diagrams.state_map(view_id, href=links, **args) == diagrams.state_map(  # type: ignore[arg-type]
            view_id,
            href=links.__call__,  # a plain function, not Links
            **args,  # type: ignore[arg-type]
        )
