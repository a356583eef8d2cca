"""The atlas layer: where each trigger point's X goes, and the checks that keep it inside its muscle.

An X is authored per view (`location.markers`, right side, mirrored for the left). Where a view
draws the muscle but has no authored X, one is derived once: the point of the muscle that lies in a
location region, nearest the middle of that overlap. Where the muscle is not drawn at all, the X
falls back to the centre of the location region (the old behaviour), so nothing disappears.
"""

from __future__ import annotations

from collections.abc import Callable

from app.body.figures import Warp, figure_ids, own_marker, view_warps, warped_muscles, warped_views
from app.body.geometry import MuscleDrawing, Point, ViewGeometry, build_views, contains, rnd
from app.catalogue.index import Catalogue
from app.catalogue.models import BASE_FIGURE, TriggerPoint
from app.catalogue.shapes import authored_view
from app.errors import Misplaced

_GEOMETRY_KEY = "_body_geometry"
_WARPS_KEY = "_body_warps"


def warps_of(catalogue: Catalogue, figure: str = BASE_FIGURE) -> dict[str, Warp]:
    """Each view's warp for a figure (identities for the base figure), kept with the catalogue."""
    cache: dict[str, dict[str, Warp]] = catalogue.__dict__.setdefault(_WARPS_KEY, {})
    if figure not in cache:
        cache[figure] = view_warps(catalogue, figure)
    return cache[figure]


def geometry_of(catalogue: Catalogue, figure: str = BASE_FIGURE) -> dict[str, ViewGeometry]:
    """A figure's view geometry, built on first use and kept with that catalogue (never a global).

    Both the load-time checks and the renderer need it; building it once keeps startup short.
    """
    cache: dict[str, dict[str, ViewGeometry]] = catalogue.__dict__.setdefault(_GEOMETRY_KEY, {})
    if figure not in cache:
        warps = warps_of(catalogue, figure)
        views = warped_views(catalogue, figure, warps)
        muscles = warped_muscles(catalogue, figure, warps) if figure != BASE_FIGURE else catalogue.muscle_specs.values()
        # Which regions each crop shows is the catalogue's (its regions' views), the same on every figure.
        members: dict[str, set[str]] = {view_id: set() for view_id in catalogue.views}
        for region in catalogue.regions.values():
            for view_id in region.views:
                members[view_id].add(region.id)
        for muscle in catalogue.muscles.values():
            for view_id in muscle.drawn_in:
                members.setdefault(f"muscles:{view_id}", set()).add(muscle.id)
        cache[figure] = build_views(views, catalogue.region_specs.values(), muscles, catalogue.views, members)
    return cache[figure]


def in_region(geo: ViewGeometry, region_id: str, point: Point) -> bool:
    """Inside the region's visible part: its polygon clipped to the body."""
    polygon = geo.regions.get(region_id)
    return polygon is not None and contains(polygon, *point) and geo.in_body(*point)


def location_regions(catalogue: Catalogue, tp: TriggerPoint, side: str) -> list[str]:
    return [catalogue.on_side(base, side) for base in tp.location.regions]


def _mirror(geo: ViewGeometry, point: Point, side: str) -> Point:
    if side == "left" and geo.mirror_x is not None:
        return (rnd(2 * geo.mirror_x - point[0]), point[1])
    return point


def authored_marker(
    geo: ViewGeometry, tp: TriggerPoint, view_id: str, side: str, warp: Warp | None = None, own: Point | None = None
) -> Point | None:
    """The authored X in this view on that side, moved by the figure's warp (or the figure's `own` X where it
    draws the muscle itself); mirrored for the left side."""
    if own is not None:
        return _mirror(geo, own, side)
    if view_id in tp.location.markers:
        x, y = tp.location.markers[view_id]
        point = warp((x, y)) if warp is not None else (x, y)
        return _mirror(geo, point, side)
    return None


def derived_marker(geo: ViewGeometry, drawing: MuscleDrawing, regions: list[str]) -> Point | None:
    """A point inside the muscle and a location region, near the middle of their overlap (sampled)."""
    x0, y0, x1, y1 = drawing.box
    step = max(0.5, min(3.0, ((x1 - x0) * (y1 - y0)) ** 0.5 / 30))
    inside: list[Point] = []
    y = y0 + step / 2
    while y < y1:
        x = x0 + step / 2
        while x < x1:
            if drawing.contains(x, y) and any(in_region(geo, r, (x, y)) for r in regions):
                inside.append((x, y))
            x += step
        y += step
    if not inside:
        return None
    cx = sum(p[0] for p in inside) / len(inside)
    cy = sum(p[1] for p in inside) / len(inside)
    best = min(inside, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)
    return (rnd(best[0]), rnd(best[1]))


def misplaced_markers(catalogue: Catalogue) -> list[Misplaced]:
    """Every X outside its muscle or its location regions (on any figure), an X in a view that does not
    draw its muscle, a preferred view that does not draw it, and a drawn muscle whose trigger point has no X."""
    problems: list[Misplaced] = []
    for figure in figure_ids(catalogue):
        problems += _misplaced_on(catalogue, figure)
    return list(dict.fromkeys(problems))


def _misplaced_on(catalogue: Catalogue, figure: str) -> list[Misplaced]:
    geometry = geometry_of(catalogue, figure)
    warps = warps_of(catalogue, figure)
    on = "" if figure == BASE_FIGURE else f" on the {figure} figure"
    problems: list[Misplaced] = []
    for tp in catalogue.trigger_points.values():
        spec = catalogue.muscle_specs.get(tp.muscle)
        shapes = spec.shapes if spec is not None else {}
        for view_id, authored in tp.location.markers.items():
            geo = geometry[view_id]
            drawing = geo.muscle(tp.muscle, "right")
            point = own_marker(catalogue, figure, tp.id, view_id) or warps[view_id](authored)
            where = f"the X at {list(authored)} in view {view_id}{on}"
            if drawing is None:
                problems.append(Misplaced(tp.id, view_id, f"{where}: muscle {tp.muscle} is not drawn in that view"))
                continue
            if not drawing.contains(*point):
                problems.append(Misplaced(tp.id, view_id, f"{where} lies outside its muscle {tp.muscle}"))
            regions = location_regions(catalogue, tp, "right")
            if not any(in_region(geo, r, point) for r in regions):
                names = ", ".join(tp.location.regions)
                problems.append(Misplaced(tp.id, view_id, f"{where} lies outside its location ({names})"))
        if tp.preferred_view is not None:
            source = authored_view(tp.preferred_view, catalogue.views)
            if source not in shapes:
                message = f"preferred_view {tp.preferred_view} does not draw muscle {tp.muscle}"
                problems.append(Misplaced(tp.id, tp.preferred_view, message))
        if shapes and not tp.location.markers:
            views = ", ".join(shapes)
            message = f"muscle {tp.muscle} is drawn ({views}) but this trigger point has no X (location.markers)"
            problems.append(Misplaced(tp.id, next(iter(shapes)), message))
    return problems


# The checks `triggermap validate` and the tests run on a built catalogue: every figure.
ATLAS_CHECKS = (misplaced_markers,)


def serving_checks(figure: str) -> tuple[Callable[[Catalogue], list[Misplaced]], ...]:
    """The checks a server runs when it loads data: the figure it draws by default, so startup stays short
    (another figure is a warp of the same data, checked by validate and the test suite, and drawn on first use)."""
    return (lambda catalogue: _misplaced_on(catalogue, figure if figure in figure_ids(catalogue) else BASE_FIGURE),)
