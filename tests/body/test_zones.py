"""Referral zones: one smooth shape per tier over its regions, the regions still there to click."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from shapely.geometry import Polygon
from shapely.ops import unary_union

from tests.body.test_geometry import silhouette
from tests.body.test_render import SVG, diagrams


def _rings(d: str) -> list[Polygon]:
    return [
        Polygon([tuple(map(float, p.split(","))) for p in re.split(r"[L ]", ring) if p])
        for ring in re.findall(r"M([^Z]+)Z", d)
    ]


def test_a_tier_is_one_shape_across_its_regions() -> None:
    body = diagrams()
    _, essential, _ = body._zones("upper-trapezius-1", "right")
    geo = body.geometry["lateral-right"]
    shown = [r for r in essential if r in geo.regions]
    assert len(shown) >= 3
    rings = _rings(body.zone_shapes.path(geo, shown))
    assert len(rings) < len(shown)  # merged across the regions' borders, not one patch per region
    union = unary_union([Polygon(geo.regions[r]).buffer(0) for r in shown]).intersection(silhouette("lateral-right"))
    drawn = unary_union([ring.buffer(0) for ring in rings])
    assert drawn.symmetric_difference(union).area < 0.06 * union.area  # the same place, only rounded


def test_the_trigger_point_picture_draws_zones_under_plain_regions_that_still_link() -> None:
    svg = diagrams().trigger_point_svg("lateral-right", "upper-trapezius-1", role="group")
    root = ElementTree.fromstring(svg)
    zones = root.find(f".//{SVG}g[@class='tm-zones']")
    assert zones is not None
    assert zones.get("pointer-events") == "none"
    fills = [p.get("fill") for p in zones.iter(f"{SVG}path")]
    assert fills == ["url(#tm-stipple)", "#c62828"]  # spillover first, essential over it
    regions = root.find(f".//{SVG}g[@class='tm-regions tm-borderless']")
    temple = regions.find(f".//{SVG}path[@data-region='temple-right']")
    assert "is-essential" in temple.get("class")
    assert temple.find(f"{SVG}title").text == "right temple"
    order = [g.get("class") for g in root.iter(f"{SVG}g")]
    assert order.index("tm-zones") < order.index("tm-regions tm-borderless")


def test_the_pain_chart_keeps_its_borders_and_a_zone_is_computed_once() -> None:
    body = diagrams()
    plain = body.view_svg("anterior")
    assert 'class="tm-regions"' in plain
    assert 'class="tm-zones"' not in plain
    geo = body.geometry["anterior"]
    first = body.zone_shapes.path(geo, ["temple-right", "orbit-right"])
    assert body.zone_shapes.path(geo, ["orbit-right", "temple-right", "nowhere"]) is first
    assert body.zone_shapes.path(geo, ["nowhere"]) == ""
