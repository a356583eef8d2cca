"""Touch targets: on a 390x844 phone every region should be a 24x24 CSS px target in at least one view (WCAG 2.5.8).

The explorer draws a view at the container's width (390 px less 2 x 16 px padding) and at most 70 % of the
screen's height; a region is a big enough target in a view when an axis-aligned 24x24 px square fits inside its
visible part. The close-up views (head, hands, feet, inner legs, pelvic floor, and crops of the trunk, arms and
legs) exist for the small parts; a region still under 24 px would be listed in NOT_YET_24PX (empty now), so the list can
only shrink.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from shapely.geometry import Polygon, box
from shapely.ops import unary_union

from tests.body.test_geometry import catalogue, geometry

PHONE_WIDTH = 390 - 2 * 16
PHONE_HEIGHT = 844 * 0.70
TARGET = 24.0

# Regions (base ids) still under 24 px in every view: none. Kept so the test can name one, should a region shrink.
NOT_YET_24PX: set[str] = set()


def _scale(width: float, height: float) -> float:
    """CSS px per SVG unit of a view drawn on the phone."""
    return min(PHONE_WIDTH / width, PHONE_HEIGHT / height)


def _fits_square(shape, side: float) -> bool:
    """Whether an axis-aligned square of the given side fits inside the shape (checked on a fine grid)."""
    if shape.is_empty:
        return False
    half = side / 2
    x0, y0, x1, y1 = shape.bounds
    if x1 - x0 < side or y1 - y0 < side:
        return False
    step = max(side / 16, 0.25)
    xs = np.arange(x0 + half, x1 - half + 1e-9, step)
    ys = np.arange(y0 + half, y1 - half + 1e-9, step)
    cx, cy = np.meshgrid(xs, ys)
    squares = shapely.box(cx.ravel() - half, cy.ravel() - half, cx.ravel() + half, cy.ravel() + half)
    shapely.prepare(shape)
    return bool(shapely.contains(shape, squares).any())


@cache
def target_px_ok() -> dict[str, list[str]]:
    """Concrete region id -> the views in which it is a 24 px target."""
    ok: dict[str, list[str]] = {rid: [] for rid in catalogue().regions}
    for view_id, geo in geometry().items():
        body = unary_union([Polygon(p).buffer(0) for p in geo.silhouette]).intersection(box(*geo.viewbox))
        side = TARGET / _scale(geo.width, geo.height)
        for region_id, polygon in geo.regions.items():
            if _fits_square(Polygon(polygon).buffer(0).intersection(body), side):
                ok[region_id].append(view_id)
    return ok


def _base(region_id: str) -> str:
    return catalogue().regions[region_id].base


def test_every_region_a_close_up_shows_is_a_24px_target() -> None:
    close_ups = ["head-right", "head-left", "hands-palm", "hands-back", "feet-top", "legs-medial", "pelvic-floor"]
    shown = {rid for view_id in close_ups for rid in geometry()[view_id].regions}
    assert len(shown) > 60
    assert sorted(rid for rid in shown if not target_px_ok()[rid]) == []


def test_the_arm_trunk_and_leg_close_ups_make_their_small_parts_targets() -> None:
    expected = {
        "trunk-front": ["sternum", "nipple-right", "groin-left", "suprapubic"],
        "back-upper": ["interscapular-right", "thoracic-paraspinal-upper-left", "suprascapular-right"],
        "back-lower": ["sacroiliac-left", "coccyx", "sacrum"],
        "arm-right-side": ["deltoid-lateral-right", "upper-arm-lateral-right", "lateral-epicondyle-right"],
        "arm-left-side": ["deltoid-lateral-left", "upper-arm-lateral-left", "lateral-epicondyle-left"],
        "arm-right-front": ["shoulder-top-right", "upper-arm-medial-right"],
        "forearm-left-front": ["forearm-volar-ulnar-left", "antecubital-left"],
        "forearm-right-back": ["forearm-dorsal-ulnar-right", "olecranon-right"],
        "elbow-left": ["medial-epicondyle-left", "lateral-epicondyle-left", "antecubital-left"],
        "hip-left": ["hip-lateral-left", "thigh-lateral-left", "knee-lateral-left"],
        "calves": ["achilles-right", "heel-posterior-left"],
    }
    missed = {v: [r for r in rids if v not in target_px_ok()[r]] for v, rids in expected.items()}
    assert {v: m for v, m in missed.items() if m} == {}


def test_head_hand_and_foot_regions_are_24px_targets() -> None:
    small_parts = {"head", "hand", "foot"}
    too_small = {
        _base(rid)
        for rid, views in target_px_ok().items()
        if not views and catalogue().regions[rid].area in small_parts
    }
    assert too_small <= {"heel-posterior"}  # the back of the heel: only a sliver in the posterior and side views


def test_every_region_is_a_24px_target_somewhere_except_the_known_ones() -> None:
    too_small = {_base(rid) for rid, views in target_px_ok().items() if not views}
    assert too_small <= NOT_YET_24PX, sorted(too_small - NOT_YET_24PX)
    fixed = NOT_YET_24PX - too_small
    assert not fixed, f"now big enough, remove from NOT_YET_24PX: {sorted(fixed)}"


def test_the_check_itself() -> None:
    square = box(0, 0, 30, 30)
    assert _fits_square(square, 24)
    assert not _fits_square(square, 31)
    strip = box(0, 0, 100, 20)
    assert not _fits_square(strip, 24)
    diamond = Polygon([(15, 0), (30, 15), (15, 30), (0, 15)])  # fits a 15x15 square, not 24x24
    assert _fits_square(diamond, 13)
    assert not _fits_square(diamond, 24)


def test_the_view_a_region_page_opens_makes_it_a_target() -> None:
    """The region page's link to the body map opens a view in which the region is big enough to touch."""
    from tests.body.test_render import diagrams

    wrong = {rid: diagrams().touch_view(rid) for rid in catalogue().regions}
    wrong = {rid: view for rid, view in wrong.items() if view not in target_px_ok()[rid]}
    assert wrong == {}
