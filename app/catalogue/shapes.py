"""Where each region lies in each view, as data: landmark names resolved to polygons.

It lives with the catalogue (not with the drawing) because the catalogue lists the
views a region appears in, and for a crop view that is a fact of geometry: a region
appears in a close-up cropped from a whole-body view when its polygon reaches into
the crop box. No drawing; shapely and numpy test many points at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import shapely

from app.catalogue.models import MuscleShape, RegionSpec, ShapePoint, View

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # min x, min y, max x, max y
Inside = Callable[[Point], bool]
Cut = Callable[[Point, Point], Point]
MIRROR = "~"
# A region appears in a crop when at least this much of it (square units) lies inside the box and the body:
# less would be a sliver at the frame's edge, not a part of the body the close-up shows.
MIN_CROP_AREA = 40.0
SAMPLE = 2.0  # grid step (units) of the visible-area estimate


def rnd(value: float) -> float:
    """Round to one decimal, never '-0.0'."""
    return round(value, 1) + 0.0


def mirror_point(point: Point, axis: float) -> Point:
    return (rnd(2 * axis - point[0]), point[1])


def landmark(view: View, name: str) -> Point:
    """The point a landmark name stands for in its own (non-mirrored) view."""
    if name.startswith(MIRROR):
        if view.mirror_x is None:
            raise ValueError(f"view {view.id} has no mirror_x, so '{name}' has no meaning")
        return mirror_point(landmark(view, name[1:]), view.mirror_x)
    try:
        x, y = view.landmarks[name]
    except KeyError:
        raise KeyError(f"view {view.id}: unknown landmark '{name}'") from None
    return (rnd(x), rnd(y))


def mirrored_names(names: Sequence[str]) -> list[str]:
    return [n[1:] if n.startswith(MIRROR) else MIRROR + n for n in names]


def switch_side(region_id: str) -> str:
    if region_id.endswith("-right"):
        return region_id[: -len("right")] + "left"
    if region_id.endswith("-left"):
        return region_id[: -len("left")] + "right"
    return region_id


def authored_view(view_id: str, views: Mapping[str, View]) -> str:
    """The view whose authored data (region and muscle shapes, X's) a view draws: a crop draws that of the
    view it frames, a mirrored view that of its source."""
    framed = views[view_id].crop_of or view_id
    return views[framed].mirror_of or framed


def shape_point(view: View, point: ShapePoint, mirrored: bool) -> Point:
    """A muscle outline's point (a landmark name or coordinates), mirrored to the person's left if asked."""
    if isinstance(point, str):
        return landmark(view, mirrored_names([point])[0] if mirrored else point)
    x, y = point
    return mirror_point((x, y), view.mirror_x) if mirrored and view.mirror_x is not None else (rnd(x), rnd(y))


def muscle_reaches(shape: MuscleShape, view: View, views: Mapping[str, View]) -> bool:
    """Whether a muscle drawn in the view a crop frames reaches into the crop (either side of the person)."""
    if view.crop_of is None or view.box is None:
        return True
    framed = views[view.crop_of]
    source = views[framed.mirror_of] if framed.mirror_of is not None else framed
    for mirrored in (False, True) if source.mirror_x is not None else (False,):
        for part in shape.parts:
            polygon = [shape_point(source, p, mirrored) for p in part]
            if framed.mirror_of is not None:
                polygon = [(rnd(source.width - x), y) for x, y in polygon]
            if clipped_area(polygon, view.box) >= MIN_CROP_AREA:
                return True
    return False


def _authored_polygons(view: View, specs: Iterable[RegionSpec]) -> dict[str, tuple[Point, ...]]:
    regions: dict[str, tuple[Point, ...]] = {}
    for spec in specs:
        names = spec.shapes.get(view.id)
        if not names:
            continue
        polygon = tuple(landmark(view, n) for n in names)
        if not spec.sided:
            regions[spec.id] = polygon
        elif view.mirror_x is not None:
            regions[f"{spec.id}-right"] = polygon
            regions[f"{spec.id}-left"] = tuple(landmark(view, n) for n in mirrored_names(names))
        else:
            regions[f"{spec.id}-right"] = polygon
    return regions


def region_polygons(view: View, views: Mapping[str, View], specs: Iterable[RegionSpec]) -> dict[str, tuple[Point, ...]]:
    """Concrete region id -> polygon (not yet clipped to the body) for every region the view shows."""
    if view.crop_of is not None:
        assert view.box is not None  # the model requires a box with crop_of
        source = region_polygons(views[view.crop_of], views, specs)
        body = body_shapes(views[view.crop_of], views)
        return {rid: poly for rid, poly in source.items() if shows(poly, view.box, body)}
    if view.mirror_of is not None:
        source_view = views[view.mirror_of]
        flipped = {
            switch_side(rid): tuple((rnd(source_view.width - x), y) for x, y in poly)
            for rid, poly in _authored_polygons(source_view, specs).items()
        }
        return dict(sorted(flipped.items()))
    return _authored_polygons(view, specs)


def _clip(polygon: Sequence[Point], inside: Inside, cut: Cut) -> list[Point]:
    """One Sutherland-Hodgman pass against one edge of the box."""
    out: list[Point] = []
    n = len(polygon)
    for i in range(n):
        cur, prev = polygon[i], polygon[i - 1]
        cur_in, prev_in = inside(cur), inside(prev)
        if cur_in:
            if not prev_in:
                out.append(cut(prev, cur))
            out.append(cur)
        elif prev_in:
            out.append(cut(prev, cur))
    return out


def clipped_area(polygon: Sequence[Point], box: Box) -> float:
    """The area of the part of a simple polygon inside an axis-aligned box."""
    x0, y0, x1, y1 = box

    def at_x(x: float) -> Cut:
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y: float) -> Cut:
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    points: list[Point] = list(polygon)
    edges: list[tuple[Inside, Cut]] = [
        (lambda p: p[0] >= x0, at_x(x0)),
        (lambda p: p[0] <= x1, at_x(x1)),
        (lambda p: p[1] >= y0, at_y(y0)),
        (lambda p: p[1] <= y1, at_y(y1)),
    ]
    for inside, cut in edges:
        if not points:
            return 0.0
        points = _clip(points, inside, cut)
    n = len(points)
    return abs(sum(points[i - 1][0] * points[i][1] - points[i][0] * points[i - 1][1] for i in range(n))) / 2


def outline_polygons(view: View, views: Mapping[str, View]) -> list[list[Point]]:
    """The silhouette as the polygons through its outlines' landmarks: the smooth curve drawn through
    them is close enough to decide what a crop shows."""
    source = views[view.mirror_of] if view.mirror_of is not None else view
    polygons: list[list[Point]] = []
    for outline in source.outlines:
        polygons.append([landmark(source, n) for n in outline.points])
        if outline.mirror and source.mirror_x is not None:
            polygons.append([landmark(source, n) for n in mirrored_names(outline.points)])
    if view.mirror_of is not None:
        polygons = [[(rnd(source.width - x), y) for x, y in polygon] for polygon in polygons]
    return polygons


def shows(polygon: Sequence[Point], box: Box, body: Sequence[shapely.Polygon]) -> bool:
    """Whether at least MIN_CROP_AREA of a region lies inside both the box and the body (the silhouette's
    parts, prepared), estimated on a grid of SAMPLE-unit points tested all at once."""
    if clipped_area(polygon, box) < MIN_CROP_AREA:
        return False  # cheap rejection: not even the polygon reaches in
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    x0, y0 = max(min(xs), box[0]), max(min(ys), box[1])
    x1, y1 = min(max(xs), box[2]), min(max(ys), box[3])
    gx, gy = np.meshgrid(np.arange(x0 + SAMPLE / 2, x1, SAMPLE), np.arange(y0 + SAMPLE / 2, y1, SAMPLE))
    if gx.size == 0:
        return False
    hits = shapely.contains_xy(shapely.Polygon(polygon), gx, gy)
    in_body = np.zeros_like(hits)
    for part in body:
        in_body |= shapely.contains_xy(part, gx, gy)
    return int((hits & in_body).sum()) >= MIN_CROP_AREA / (SAMPLE * SAMPLE)


def body_shapes(view: View, views: Mapping[str, View]) -> list[shapely.Polygon]:
    """The silhouette's parts as prepared polygons, for many point tests."""
    parts = [shapely.Polygon(polygon) for polygon in outline_polygons(view, views)]
    for part in parts:
        shapely.prepare(part)
    return parts
