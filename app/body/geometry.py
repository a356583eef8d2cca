"""Body geometry: landmarks -> points, smooth outlines, region polygons per view.

Pure functions over the catalogue's views and region specs, with no drawing
and no shapely: the renderer and the tests build on them. Landmarks are
authored for the person's right side and the midline; `~name` is the mirror
image of `name` across the view's `mirror_x`. A view with `mirror_of` is the
other view flipped horizontally with every sided region switched to `-left`;
a view with `crop_of` is the other view's drawing framed by its `box` (a close-up
that needs no geometry of its own, so regions and muscles show in it as drawn).
Coordinates are rounded to one decimal so output is deterministic and small.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from app.catalogue.models import MuscleSpec, RegionSpec, Stroke, View
from app.catalogue.shapes import (
    Point,
    authored_view,
    clipped_area,
    landmark,
    mirrored_names,
    muscle_reaches,
    region_polygons,
    rnd,
    shape_point,
)

BBox = tuple[float, float, float, float]  # min x, min y, max x, max y
SAMPLES_PER_SEGMENT = 8


def fmt(value: float) -> str:
    """A compact, deterministic number for SVG: '12', '12.5', '-3.1'."""
    text = f"{rnd(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _unit(dx: float, dy: float) -> Point:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length else (0.0, 0.0)


def _beziers(points: Sequence[Point], corners: Sequence[bool], closed: bool) -> list[tuple[Point, ...]]:
    """Cubic Bézier segments of a smooth curve through the points.

    Catmull-Rom tangents, scaled by the length of each segment (so uneven
    spacing does not overshoot); a corner point gets no tangent and the curve
    turns sharply there.
    """
    n = len(points)
    tangents: list[Point] = []
    for i in range(n):
        if corners[i]:
            tangents.append((0.0, 0.0))
            continue
        if closed:
            before, after = points[i - 1], points[(i + 1) % n]
        else:
            before, after = points[max(i - 1, 0)], points[min(i + 1, n - 1)]
        tangents.append(_unit(after[0] - before[0], after[1] - before[1]))
    segments: list[tuple[Point, ...]] = []
    for i in range(n if closed else n - 1):
        p0, p3 = points[i], points[(i + 1) % n]
        third = math.dist(p0, p3) / 3
        t0, t3 = tangents[i], tangents[(i + 1) % n]
        p1 = (p0[0] + t0[0] * third, p0[1] + t0[1] * third)
        p2 = (p3[0] - t3[0] * third, p3[1] - t3[1] * third)
        segments.append((p0, p1, p2, p3))
    return segments


def smooth_path(points: Sequence[Point], corners: Sequence[bool] | None = None, closed: bool = True) -> str:
    """SVG path data of a smooth curve through the points (cubic Béziers)."""
    corners = corners or [False] * len(points)
    segments = _beziers(points, corners, closed)
    parts = [f"M{fmt(points[0][0])},{fmt(points[0][1])}"]
    for _, p1, p2, p3 in segments:
        parts.append("C" + " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (p1, p2, p3)))
    if closed:
        parts.append("Z")
    return "".join(parts)


def sample_curve(
    points: Sequence[Point], corners: Sequence[bool] | None = None, closed: bool = True, per_segment: int = 8
) -> list[Point]:
    """The smooth curve as a polygon (list of points), for tests and hit maths."""
    corners = corners or [False] * len(points)
    sampled: list[Point] = []
    for p0, p1, p2, p3 in _beziers(points, corners, closed):
        for k in range(per_segment):
            t = k / per_segment
            u = 1 - t
            a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
            sampled.append(
                (
                    rnd(a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0]),
                    rnd(a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]),
                )
            )
    if not closed:
        sampled.append(points[-1])
    return sampled


def polygon_path(points: Sequence[Point]) -> str:
    """SVG path data of a closed polygon."""
    head, *rest = points
    return f"M{fmt(head[0])},{fmt(head[1])}L" + " ".join(f"{fmt(x)},{fmt(y)}" for x, y in rest) + "Z"


def contains(polygon: Sequence[Point], x: float, y: float) -> bool:
    """Even-odd point-in-polygon test."""
    inside = False
    n = len(polygon)
    j = n - 1
    for i in range(n):
        xi, yi = polygon[i]
        xj, yj = polygon[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


Edge = tuple[float, float, float, float]  # xi, yi, xj, yj: `contains`'s pair of points


def _edges(polygon: Sequence[Point]) -> list[Edge]:
    """The polygon's edges in `contains`'s order (each point with the one before it)."""
    return [(*polygon[i], *polygon[i - 1]) for i in range(len(polygon))]


def _crossings(edges: Iterable[Edge], y: float) -> list[float]:
    """Where the horizontal line at y crosses the edges, by `contains`'s very expression."""
    return [(xj - xi) * (y - yi) / (yj - yi) + xi for xi, yi, xj, yj in edges if (yi > y) != (yj > y)]


def _odd_right_of(crossings: list[float], x: float) -> bool:
    """`contains` for a point of the crossings' row: an odd number of the (sorted) crossings lie right of x."""
    return (len(crossings) - bisect_right(crossings, x)) % 2 == 1


class _EdgeRows:
    """A polygon's edges bucketed by height, so a row meets only the edges near it (a silhouette has hundreds)."""

    BAND = 8.0

    def __init__(self, polygon: Sequence[Point]) -> None:
        self.bands: dict[int, list[Edge]] = {}
        for edge in _edges(polygon):
            low, high = sorted((edge[1], edge[3]))
            for band in range(math.floor(low / self.BAND), math.floor(high / self.BAND) + 1):
                self.bands.setdefault(band, []).append(edge)

    def crossings(self, y: float) -> list[float]:
        return _crossings(self.bands.get(math.floor(y / self.BAND), ()), y)


def bbox(points: Iterable[Point]) -> BBox:
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def union_bbox(boxes: Iterable[BBox]) -> BBox | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True)
class Curve:
    """A resolved outline or stroke: its points, corner flags and closure."""

    points: tuple[Point, ...]
    corners: tuple[bool, ...]
    closed: bool
    bold: bool = False

    @property
    def d(self) -> str:
        return smooth_path(self.points, self.corners, self.closed)

    def sampled(self) -> list[Point]:
        return sample_curve(self.points, self.corners, self.closed, SAMPLES_PER_SEGMENT)


@dataclass(frozen=True)
class MuscleDrawing:
    """One side of a muscle as drawn in a view: its outlines (smooth closed curves) and depth."""

    muscle: str
    side: str  # "right" or "left": the person's side this copy stands for
    parts: tuple[Curve, ...]
    deep: bool = False

    @cached_property
    def polygons(self) -> tuple[tuple[Point, ...], ...]:
        return tuple(tuple(part.sampled()) for part in self.parts)

    @cached_property
    def box(self) -> BBox:
        return union_bbox(bbox(p) for p in self.polygons) or (0.0, 0.0, 0.0, 0.0)

    def contains(self, x: float, y: float) -> bool:
        return any(contains(polygon, x, y) for polygon in self.polygons)


@dataclass(frozen=True)
class ViewGeometry:
    """Everything drawable in one view, in that view's coordinates."""

    id: str
    name: str
    width: float
    height: float
    outlines: tuple[Curve, ...]
    details: tuple[Curve, ...]
    regions: Mapping[str, tuple[Point, ...]]  # concrete region id -> polygon (unclipped)
    mirror_x: float | None = None
    side_mark: str | None = None  # "R"/"L" for a view that shows one side of the person
    landmark_lines: tuple[Curve, ...] = ()  # the faint landmark layer, drawn on request
    muscles: tuple[MuscleDrawing, ...] = ()  # deep ones first, so superficial ones are drawn over them
    origin: Point = (0, 0)  # the canvas' top left: a crop frames part of another view's drawing
    drawn_over: str = ""  # the view whose drawing this one shows (itself, or the view a crop frames)
    _cache: dict[str, tuple[Point | None, BBox | None, float]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def silhouette(self) -> tuple[tuple[Point, ...], ...]:
        """The silhouette as polygons (one per outline part; their union is the body)."""
        return tuple(tuple(curve.sampled()) for curve in self.outlines)

    @cached_property
    def _silhouette_boxes(self) -> tuple[BBox, ...]:
        return tuple(bbox(part) for part in self.silhouette)

    def in_body(self, x: float, y: float) -> bool:
        for box, part in zip(self._silhouette_boxes, self.silhouette, strict=True):
            if box[0] <= x <= box[2] and box[1] <= y <= box[3] and contains(part, x, y):
                return True
        return False

    @cached_property
    def _silhouette_rows(self) -> tuple[_EdgeRows, ...]:
        return tuple(_EdgeRows(part) for part in self.silhouette)

    def _visible(self, region_id: str) -> tuple[Point | None, BBox | None, float]:
        """The representative point, bbox and area of a region clipped to the body and the canvas, by sampling.

        A grid of samples tested against the region and the body, row by row: each row's edge crossings are
        found once, and `contains`'s even-odd test becomes a count of the crossings right of a sample (the same
        floats, so the same points as testing each sample with `contains` and `in_body`).
        """
        found = self._cache.get(region_id)
        if found is not None:
            return found
        polygon = self.regions[region_id]
        vx0, vy0, vx1, vy1 = self.viewbox
        x0, y0, x1, y1 = bbox(polygon)
        x0, y0, x1, y1 = max(x0, vx0), max(y0, vy0), min(x1, vx1), min(y1, vy1)
        step = max(0.5, min(4.0, math.sqrt((x1 - x0) * (y1 - y0) / 900)))
        xs: list[float] = []
        x = x0 + step / 2
        while x < x1:
            xs.append(x)
            x += step
        parts = [
            (box, rows)
            for box, rows in zip(self._silhouette_boxes, self._silhouette_rows, strict=True)
            if box[0] <= x1 and box[2] >= x0
        ]
        edges = _edges(polygon)
        inside: list[Point] = []
        y = y0 + step / 2
        while y < y1:
            crossings = sorted(_crossings(edges, y))
            if crossings:
                bodies = [(box, sorted(rows.crossings(y))) for box, rows in parts if box[1] <= y <= box[3]]
                for x in xs:
                    if _odd_right_of(crossings, x) and any(
                        box[0] <= x <= box[2] and _odd_right_of(cuts, x) for box, cuts in bodies
                    ):
                        inside.append((x, y))
            y += step
        if not inside:
            found = (None, None, 0.0)
        else:
            cx = sum(p[0] for p in inside) / len(inside)
            cy = sum(p[1] for p in inside) / len(inside)
            best = min(inside, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)
            half = step / 2
            box = bbox(inside)
            found = (
                (rnd(best[0]), rnd(best[1])),
                (rnd(box[0] - half), rnd(box[1] - half), rnd(box[2] + half), rnd(box[3] + half)),
                len(inside) * step * step,
            )
        self._cache[region_id] = found
        return found

    def representative_point(self, region_id: str) -> Point | None:
        """A point inside the region and inside the body, near its visible centre."""
        return self._visible(region_id)[0]

    def region_bbox(self, region_id: str) -> BBox | None:
        """The bounding box of the region's visible (clipped) part."""
        return self._visible(region_id)[1]

    def region_area(self, region_id: str) -> float:
        """The approximate area of the region's visible (clipped) part."""
        return self._visible(region_id)[2]

    def outline_area(self, region_id: str) -> float:
        """The area of the region's polygon within the canvas, not clipped to the body: cheap enough to rank
        views at load (a crop shows only what lies in its frame)."""
        return clipped_area(self.regions[region_id], self.viewbox)

    def muscle(self, muscle_id: str, side: str) -> MuscleDrawing | None:
        """The muscle as drawn on the person's side (a view showing one side draws only that one)."""
        for drawing in self.muscles:
            if drawing.muscle == muscle_id and drawing.side == side:
                return drawing
        return None

    @property
    def viewbox(self) -> BBox:
        """The canvas in drawing units: min x, min y, max x, max y."""
        x, y = self.origin
        return (x, y, rnd(x + self.width), rnd(y + self.height))

    def body_bbox(self) -> BBox:
        """The figure's bounding box, within the canvas (a crop shows part of the figure)."""
        return self._body_box

    @cached_property
    def _body_box(self) -> BBox:
        found = union_bbox(self._silhouette_boxes)
        if found is None:
            return self.viewbox
        vx0, vy0, vx1, vy1 = self.viewbox
        return (max(found[0], vx0), max(found[1], vy0), min(found[2], vx1), min(found[3], vy1))


def _curve(view: View, names: Sequence[str], corners: Iterable[str], closed: bool, bold: bool = False) -> Curve:
    corner_set = set(corners)
    return Curve(tuple(landmark(view, n) for n in names), tuple(n in corner_set for n in names), closed, bold)


def _flip_curve(curve: Curve, width: float) -> Curve:
    return Curve(tuple((rnd(width - x), y) for x, y in curve.points), curve.corners, curve.closed, curve.bold)


def _strokes(view: View, strokes: Iterable[Stroke]) -> tuple[Curve, ...]:
    """Resolve strokes to curves, each mirrored to the other side where the view allows it."""
    curves: list[Curve] = []
    for stroke in strokes:
        curves.append(_curve(view, stroke.points, stroke.corners, stroke.closed, stroke.bold))
        if stroke.mirror and view.mirror_x is not None:
            names, corners = mirrored_names(stroke.points), mirrored_names(stroke.corners)
            curves.append(_curve(view, names, corners, stroke.closed, stroke.bold))
    return tuple(curves)


def _muscles(view: View, muscle_specs: Iterable[MuscleSpec]) -> tuple[MuscleDrawing, ...]:
    """Every muscle shaped in this view, on the right and, where the view mirrors, the left."""
    sides = (("right", False), ("left", True)) if view.mirror_x is not None else (("right", False),)
    drawings: list[MuscleDrawing] = []
    for spec in muscle_specs:
        shape = spec.shapes.get(view.id)
        if shape is None:
            continue
        for side, mirrored in sides:
            parts = tuple(
                Curve(tuple(shape_point(view, p, mirrored) for p in part), (False,) * len(part), True)
                for part in shape.parts
            )
            drawings.append(MuscleDrawing(spec.id, side, parts, shape.deep))
    return tuple(sorted(drawings, key=lambda d: not d.deep))


def _flip_muscle(drawing: MuscleDrawing, width: float) -> MuscleDrawing:
    side = "left" if drawing.side == "right" else "right"
    return MuscleDrawing(drawing.muscle, side, tuple(_flip_curve(c, width) for c in drawing.parts), drawing.deep)


def _muscle_in_crop(spec: MuscleSpec, crop: View, views: Mapping[str, View]) -> bool:
    source = authored_view(crop.id, views)
    return source in spec.shapes and muscle_reaches(spec.shapes[source], crop, views)


def build_view(
    view: View,
    views: Mapping[str, View],
    specs: Iterable[RegionSpec],
    muscle_specs: Iterable[MuscleSpec] = (),
    base_views: Mapping[str, View] | None = None,
    built: Callable[[str], ViewGeometry] | None = None,
    members: Mapping[str, Collection[str]] | None = None,
) -> ViewGeometry:
    """Resolve one view's outlines, details, concrete region polygons and muscles.

    `base_views` are the views as authored, when `views` are another figure's warp of them: a crop shows
    the regions the catalogue lists for it (decided on the authored figure), so every figure has the same
    region ids in every view. `built` gives the geometry of a view already built (a crop's or a mirror's
    source), `members` the regions each crop shows (the catalogue's region views) and, under
    "muscles:<view>", the muscles it draws (the catalogue's `drawn_in`), so nothing is worked out twice.
    """
    specs, muscle_specs = list(specs), list(muscle_specs)
    base = base_views or views

    def source_of(view_id: str) -> ViewGeometry:
        return built(view_id) if built is not None else build_view(views[view_id], views, specs, muscle_specs, base)

    if view.crop_of is not None:
        source = source_of(view.crop_of)
        # What the crop shows of the authored figure (the catalogue's list), and on another figure whatever
        # else its warp moves into the frame, so the crop stays covered.
        shows = set(members[view.id] if members is not None else region_polygons(base[view.id], base, specs))
        if views is not base:
            shows |= region_polygons(view, views, specs).keys()
        if members is not None:
            shown = set(members.get(f"muscles:{view.id}", ()))
        else:
            shown = {m.id for m in muscle_specs if _muscle_in_crop(m, base[view.id], base)}
        return replace(
            source,
            id=view.id,
            name=view.name,
            width=view.width,
            height=view.height,
            regions={rid: polygon for rid, polygon in source.regions.items() if rid in shows},
            origin=(view.box[0], view.box[1]) if view.box is not None else (0, 0),
            muscles=tuple(m for m in source.muscles if m.muscle in shown),
            _cache={},
        )
    regions = region_polygons(view, views, specs)
    if view.mirror_of is not None:
        source = source_of(view.mirror_of)
        return ViewGeometry(
            id=view.id,
            name=view.name,
            width=view.width,
            height=view.height,
            outlines=tuple(_flip_curve(c, source.width) for c in source.outlines),
            details=tuple(_flip_curve(c, source.width) for c in source.details),
            landmark_lines=tuple(_flip_curve(c, source.width) for c in source.landmark_lines),
            regions=regions,
            side_mark="L" if source.side_mark == "R" else "R" if source.side_mark == "L" else None,
            muscles=tuple(_flip_muscle(m, source.width) for m in source.muscles),
            drawn_over=view.id,
        )
    mirrorable = view.mirror_x is not None
    outlines: list[Curve] = []
    for outline in view.outlines:
        outlines.append(_curve(view, outline.points, outline.corners, True))
        if outline.mirror and mirrorable:
            outlines.append(_curve(view, mirrored_names(outline.points), mirrored_names(outline.corners), True))
    details = _strokes(view, view.details)
    landmark_lines = _strokes(view, view.landmark_lines)
    return ViewGeometry(
        id=view.id,
        name=view.name,
        width=view.width,
        height=view.height,
        outlines=tuple(outlines),
        details=details,
        regions=regions,
        landmark_lines=landmark_lines,
        mirror_x=view.mirror_x,
        side_mark=None if mirrorable else "R",
        muscles=_muscles(view, muscle_specs),
        drawn_over=view.id,
    )


def build_views(
    views: Mapping[str, View],
    specs: Iterable[RegionSpec],
    muscle_specs: Iterable[MuscleSpec] = (),
    base_views: Mapping[str, View] | None = None,
    members: Mapping[str, Collection[str]] | None = None,
) -> dict[str, ViewGeometry]:
    """Every view's geometry, in the catalogue's view order, each built once (crops and mirrors reuse theirs)."""
    specs, muscle_specs = list(specs), list(muscle_specs)
    done: dict[str, ViewGeometry] = {}

    def built(view_id: str) -> ViewGeometry:
        if view_id not in done:
            done[view_id] = build_view(views[view_id], views, specs, muscle_specs, base_views, built, members)
        return done[view_id]

    return {view_id: built(view_id) for view_id in views}
