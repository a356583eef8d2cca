"""The body geometry tiles every view: regions overlap only in slivers, cover the silhouette, mirror correctly."""

from __future__ import annotations

import math
from functools import cache

import pytest
from shapely.geometry import LineString, Polygon, box
from shapely.ops import unary_union

from app.body.atlas import geometry_of
from app.body.geometry import ViewGeometry, bbox, build_views, contains, rnd, sample_curve, smooth_path
from app.catalogue.index import Catalogue
from app.catalogue.loader import load_catalogue
from app.catalogue.models import BASE_FIGURE
from app.settings import REPO_ROOT

SLIVER = 2.0  # square units of overlap allowed between two regions (the figure is ~750 units tall)


@cache
def catalogue() -> Catalogue:
    return load_catalogue(REPO_ROOT / "data")


@cache
def geometry(figure: str = BASE_FIGURE):
    if figure != BASE_FIGURE:
        return geometry_of(catalogue(), figure)
    cat = catalogue()
    return build_views(cat.views, cat.region_specs.values())


@cache
def silhouette(view_id: str, figure: str = BASE_FIGURE):
    geo = geometry(figure)[view_id]
    return unary_union([Polygon(part).buffer(0) for part in geo.silhouette]).intersection(box(*geo.viewbox))


@cache
def clipped(view_id: str, figure: str = BASE_FIGURE) -> dict[str, object]:
    body = silhouette(view_id, figure)
    regions = geometry(figure)[view_id].regions
    return {rid: Polygon(poly).buffer(0).intersection(body) for rid, poly in regions.items()}


FIGURES = [BASE_FIGURE, "female"]


FULL_BODY = ["anterior", "posterior", "lateral-right", "lateral-left", "plantar"]
CLOSE_UPS = ["head-right", "head-left", "hands-palm", "hands-back", "feet-top", "legs-medial", "pelvic-floor"]
CROPS = [
    "trunk-front", "back-upper", "back-lower",
    "arm-right-side", "arm-right-front", "forearm-right-front", "forearm-right-back", "elbow-right",
    "arm-left-side", "arm-left-front", "forearm-left-front", "forearm-left-back", "elbow-left",
    "hip-right", "hip-left", "calves",
]  # fmt: skip
VIEWS = FULL_BODY + CLOSE_UPS + CROPS


def test_the_full_body_views_and_close_ups_exist() -> None:
    assert list(geometry()) == VIEWS


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("view_id", VIEWS)
def test_regions_do_not_overlap_beyond_a_sliver(view_id: str, figure: str) -> None:
    shapes = clipped(view_id, figure)
    ids = sorted(shapes)
    overlaps = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if shapes[a].intersects(shapes[b]):
                area = shapes[a].intersection(shapes[b]).area
                if area > SLIVER:
                    overlaps.append((a, b, round(area, 1)))
    assert overlaps == []


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("view_id", VIEWS)
def test_regions_cover_the_silhouette(view_id: str, figure: str) -> None:
    body = silhouette(view_id, figure)
    covered = unary_union(list(clipped(view_id, figure).values()))
    assert covered.area / body.area >= 0.99


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("view_id", VIEWS)
def test_every_region_of_a_view_is_visible(view_id: str, figure: str) -> None:
    tiny = {rid: round(shape.area, 1) for rid, shape in clipped(view_id, figure).items() if shape.area < 4}
    assert tiny == {}


def test_every_region_appears_in_at_least_one_view() -> None:
    shown = {rid for geo in geometry().values() for rid in geo.regions}
    assert set(catalogue().regions) - shown == set()
    assert all(region.views for region in catalogue().regions.values())


def _centre_x(view_id: str, region_id: str) -> float:
    return clipped(view_id)[region_id].centroid.x


@pytest.mark.parametrize("base", ["temple", "deltoid-lateral", "thumb", "thigh-lateral", "heel-posterior"])
def test_left_mirrors_right_in_front_and_back(base: str) -> None:
    for view_id in ("anterior", "posterior"):
        geo = geometry()[view_id]
        right, left = f"{base}-right", f"{base}-left"
        if right not in geo.regions:
            continue
        axis = geo.mirror_x
        assert axis is not None
        assert [(round(2 * axis - x, 1), y) for x, y in geo.regions[right]] == list(geo.regions[left])
        if view_id == "anterior":  # the person's right on the viewer's left
            assert _centre_x(view_id, right) < axis < _centre_x(view_id, left)
        else:
            assert _centre_x(view_id, left) < axis < _centre_x(view_id, right)


def test_temple_sides_in_anterior_and_posterior() -> None:
    axis = geometry()["anterior"].mirror_x
    assert _centre_x("anterior", "temple-left") > axis
    assert _centre_x("posterior", "temple-left") < axis


def test_plantar_right_sole_on_the_viewers_right_great_toe_medial() -> None:
    geo = geometry()["plantar"]
    axis = geo.mirror_x
    assert _centre_x("plantar", "heel-right") > axis
    assert _centre_x("plantar", "great-toe-right") < _centre_x("plantar", "lesser-toes-right")
    toes = clipped("plantar")["great-toe-right"].centroid.y
    heel = clipped("plantar")["heel-right"].centroid.y
    assert toes < heel  # toes up


def test_pelvic_floor_from_below_sides_as_in_the_plantar_view() -> None:
    """The perineum from below: pubic arch up, coccyx down; the person's right on the viewer's right (plantar)."""
    geo = geometry()["pelvic-floor"]
    axis = geo.mirror_x
    assert axis is not None
    for base in ("buttock-lower", "thigh-medial", "thigh-posterior"):
        assert _centre_x("pelvic-floor", f"{base}-left") < axis < _centre_x("pelvic-floor", f"{base}-right")
    assert abs(_centre_x("pelvic-floor", "perineum") - axis) < 1
    assert abs(_centre_x("pelvic-floor", "coccyx") - axis) < 1
    shown = clipped("pelvic-floor")
    assert shown["perineum"].centroid.y < shown["coccyx"].centroid.y  # coccyx at the bottom
    assert shown["thigh-medial-right"].centroid.y < shown["buttock-lower-right"].centroid.y  # thighs above


def test_regions_asked_for_by_the_catalogue_show_where_expected() -> None:
    """thumb-web, foot-lateral, navel and nose (added for the catalogue authors)."""
    shown = {view_id: set(geo.regions) for view_id, geo in geometry().items()}
    assert {"thumb-web-right", "thumb-web-left"} <= shown["posterior"]
    assert "thumb-web-right" in shown["lateral-right"]
    assert "foot-lateral-right" in shown["lateral-right"]
    assert "foot-lateral-left" in shown["lateral-left"]
    assert {"foot-lateral-right", "foot-lateral-left"} <= shown["plantar"]
    assert {"navel", "nose"} <= shown["anterior"]
    assert {"navel", "nose"} <= shown["lateral-right"]
    axis = geometry()["anterior"].mirror_x
    assert abs(_centre_x("anterior", "navel") - axis) < 1
    assert abs(_centre_x("anterior", "nose") - axis) < 1
    assert _centre_x("posterior", "thumb-web-right") > _centre_x("posterior", "hand-dorsum-right")  # thumb side
    assert _centre_x("plantar", "foot-lateral-right") > _centre_x("plantar", "arch-right")  # outer edge
    nose, chin = clipped("anterior")["nose"].centroid.y, clipped("anterior")["chin"].centroid.y
    assert nose < chin


def test_lateral_views_face_their_way_and_switch_sides() -> None:
    right, left = geometry()["lateral-right"], geometry()["lateral-left"]
    # the face (nose, chin) points to the viewer's right in the right lateral view
    assert _centre_x("lateral-right", "chin") > _centre_x("lateral-right", "occiput-right")
    assert _centre_x("lateral-left", "chin") < _centre_x("lateral-left", "occiput-left")
    assert all(not rid.endswith("-right") for rid in left.regions)
    assert {rid.replace("-right", "-left") for rid in right.regions} == set(left.regions)


@pytest.mark.parametrize("view_id", ["anterior", "posterior", "lateral-right"])
def test_adult_proportions(view_id: str) -> None:
    geo = geometry()[view_id]
    body = silhouette(view_id)
    _, top, _, bottom = body.bounds
    chin = clipped(view_id)["chin"].bounds[3] if "chin" in geo.regions else None
    head = (chin or top + (bottom - top) / 7.5) - top
    assert 7.0 <= (bottom - top) / head <= 8.0


def _width_at(view_id: str, y: float, *, around_x: float | None = None, figure: str = BASE_FIGURE) -> float:
    """Width of the silhouette along the line at height y (only the piece around `around_x` if given)."""
    body = silhouette(view_id, figure)
    minx, _, maxx, _ = body.bounds
    cut = body.intersection(LineString([(minx - 1, y), (maxx + 1, y)]))
    pieces = list(getattr(cut, "geoms", [cut]))
    if around_x is not None:
        pieces = [g for g in pieces if g.bounds[0] <= around_x <= g.bounds[2]]
    return max(g.bounds[2] for g in pieces) - min(g.bounds[0] for g in pieces)


def test_shoulders_and_hips_of_an_adult_man() -> None:
    """DOMAIN.md: shoulders (deltoid to deltoid) about 2.2 head heights in a man, hips about 1.5."""
    view = catalogue().views["anterior"]
    body = silhouette("anterior")
    top = body.bounds[1]
    head = clipped("anterior")["chin"].bounds[3] - top
    shoulders = max(_width_at("anterior", top + head * h / 20) for h in range(28, 42))
    hips = max(_width_at("anterior", top + head * h / 20, around_x=view.mirror_x) for h in range(70, 80))
    assert 2.05 <= shoulders / head <= 2.35
    assert 1.4 <= hips / head <= 1.6
    assert shoulders / hips >= 1.35


def test_a_woman_has_narrower_shoulders_than_hips_suggest_and_the_same_regions() -> None:
    """DOMAIN.md: a woman's shoulders about 1.9 head heights, hips about 1.6; same region ids as the man."""
    view = catalogue().views["anterior"]
    body = silhouette("anterior", "female")
    top = body.bounds[1]
    head = clipped("anterior", "female")["chin"].bounds[3] - top

    def widest(rows: range, **kw: object) -> float:
        return max(_width_at("anterior", top + head * h / 20, figure="female", **kw) for h in rows)  # type: ignore[arg-type]

    shoulders = widest(range(28, 42))
    hips = widest(range(70, 80), around_x=view.mirror_x)
    assert 1.8 <= shoulders / head <= 2.0
    assert 1.55 <= hips / head <= 1.7
    assert shoulders / hips < 1.25
    for view_id in FULL_BODY + CLOSE_UPS:
        assert set(geometry("female")[view_id].regions) == set(geometry()[view_id].regions)
    for view_id in CROPS:  # a crop's frame stays put while the warp moves the body: it may hold a little more
        assert set(geometry("female")[view_id].regions) >= set(geometry()[view_id].regions)


def test_smooth_outline_is_bezier_and_sampled_polygon_is_closed() -> None:
    points = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    d = smooth_path(points)
    assert d.startswith("M0,0C")
    assert d.endswith("Z")
    assert d.count("C") == 4
    sampled = sample_curve(points, per_segment=4)
    assert len(sampled) == 16
    assert contains(sampled, 5, 5)
    assert not contains(sampled, 20, 5)


def test_representative_points_lie_in_their_region_and_the_body() -> None:
    for view_id, geo in geometry().items():
        for region_id in geo.regions:
            point = geo.representative_point(region_id)
            assert point is not None, (view_id, region_id)
            assert contains(geo.regions[region_id], *point), (view_id, region_id)
            assert geo.in_body(*point), (view_id, region_id)


def test_side_view_shows_the_lateral_trunk_and_hip() -> None:
    """The arm no longer hides the flank: lateral chest, flank, iliac crest and trochanter are in the side views."""
    shown = clipped("lateral-right")
    for base in ("lateral-chest", "flank", "iliac-crest", "hip-lateral", "hip-posterior", "hip-anterior"):
        assert shown[f"{base}-right"].area > 150, base
    assert {"flank-left", "hip-lateral-left"} <= set(clipped("lateral-left"))
    # top to bottom: lateral chest above the flank above the crest above the trochanter
    ys = [shown[f"{b}-right"].centroid.y for b in ("lateral-chest", "flank", "iliac-crest", "hip-lateral")]
    assert ys == sorted(ys)


def _share(view_id: str, region_id: str, y: float) -> float:
    """The share of the limb's width (the piece containing the region) that a region takes at height y."""
    shape = clipped(view_id)[region_id]
    minx, _, maxx, _ = shape.bounds
    line = LineString([(minx - 1, y), (maxx + 1, y)])
    width = shape.intersection(line).length
    return width / _width_at(view_id, y, around_x=shape.intersection(line).centroid.x)


def test_outer_thigh_is_a_central_band_from_the_side_and_a_rim_front_and_back() -> None:
    assert 0.3 <= _share("lateral-right", "thigh-lateral-right", 480) <= 0.45
    assert _share("posterior", "thigh-lateral-right", 470) <= 0.25
    assert _share("anterior", "thigh-lateral-right", 470) <= 0.25
    assert _share("posterior", "thigh-posterior-right", 470) >= 0.4
    # the adductor (inner thigh) area tapers towards the knee
    assert _share("anterior", "thigh-medial-right", 520) < _share("anterior", "thigh-medial-right", 460)


def _sampled_by_point(geo: ViewGeometry, region_id: str) -> tuple[object, ...]:
    """`_visible` as it was: every sample tested with `contains` and `in_body`, one by one."""
    polygon = geo.regions[region_id]
    vx0, vy0, vx1, vy1 = geo.viewbox
    x0, y0, x1, y1 = bbox(polygon)
    x0, y0, x1, y1 = max(x0, vx0), max(y0, vy0), min(x1, vx1), min(y1, vy1)
    step = max(0.5, min(4.0, math.sqrt((x1 - x0) * (y1 - y0) / 900)))
    inside: list[tuple[float, float]] = []
    y = y0 + step / 2
    while y < y1:
        x = x0 + step / 2
        while x < x1:
            if contains(polygon, x, y) and geo.in_body(x, y):
                inside.append((x, y))
            x += step
        y += step
    if not inside:
        return (None, None, 0.0)
    cx = sum(p[0] for p in inside) / len(inside)
    cy = sum(p[1] for p in inside) / len(inside)
    best = min(inside, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)
    half = step / 2
    box = bbox(inside)
    return (
        (rnd(best[0]), rnd(best[1])),
        (rnd(box[0] - half), rnd(box[1] - half), rnd(box[2] + half), rnd(box[3] + half)),
        len(inside) * step * step,
    )


def test_row_sampling_finds_the_points_testing_each_sample_finds() -> None:
    """The scanline sampling is an optimisation only: the same points, bboxes and areas (every 6th region)."""
    regions = [(geo, rid) for geo in geometry().values() for rid in geo.regions]
    for geo, region_id in regions[::6]:
        assert geo._visible(region_id) == _sampled_by_point(geo, region_id), (geo.id, region_id)
