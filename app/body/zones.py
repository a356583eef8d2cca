"""Referral zones as the Manual draws them: one smooth shape per tier, not a patchwork of regions.

A tier (essential or spillover) is the union of its regions' polygons, clipped to the
silhouette and opened (shrunk, then grown back by the same radius), which rounds its
corners and leaves no inner borders. shapely does the polygon algebra; the result is
cached per view and region set, since the sets come from the catalogue's trigger points.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from app.body.geometry import Point, ViewGeometry, fmt

# How far corners are rounded, in drawing units (one head is about 100 in the whole-body views): enough
# to soften a polygon's facets; thinner parts (a finger seen whole-body) are kept as they are.
ROUNDING = 2.5
SIMPLIFY = 0.2  # drops points closer than this to the curve: a smaller file, no visible change
SPECK = 2.0  # square units: smaller pieces are dropped


class ZoneShapes:
    """The smooth outline of a set of regions in a view, as SVG path data, computed once per set."""

    def __init__(self) -> None:
        self._bodies: dict[str, BaseGeometry] = {}
        self._paths: dict[tuple[str, frozenset[str]], str] = {}
        self._lock = threading.Lock()

    def body(self, geo: ViewGeometry) -> BaseGeometry:
        """The silhouette within the canvas, as one shape (kept per view)."""
        body = self._bodies.get(geo.id)
        if body is None:
            body = shapely.union_all([Polygon(part).buffer(0) for part in geo.silhouette])
            body = body.intersection(shapely.box(*geo.viewbox))
            self._bodies[geo.id] = body
        return body

    def path(self, geo: ViewGeometry, region_ids: Collection[str]) -> str:
        """Path data of the regions' merged, rounded shape ('' when none of them is in the view)."""
        key = (geo.id, frozenset(r for r in region_ids if r in geo.regions))
        found = self._paths.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._paths.get(key)
            if found is None:
                found = self._paths[key] = self._draw(geo, key[1])
        return found

    def _draw(self, geo: ViewGeometry, region_ids: frozenset[str]) -> str:
        if not region_ids:
            return ""
        union = shapely.union_all([Polygon(geo.regions[r]).buffer(0) for r in sorted(region_ids)])
        shape = union.intersection(self.body(geo))
        return _path_data(_smooth(shape).simplify(SIMPLIFY))


def _smooth(shape: BaseGeometry) -> BaseGeometry:
    """Round inner corners (closing) and outer ones (opening), keeping parts too thin to survive opening."""
    closed = shape.buffer(ROUNDING, quad_segs=4).buffer(-ROUNDING, quad_segs=4)
    opened = closed.buffer(-ROUNDING, quad_segs=4).buffer(ROUNDING, quad_segs=4)
    # A finger-thin part vanishes when opened: keep it as it was (a corner cut off lies within ROUNDING/2).
    thin = closed.difference(opened.buffer(ROUNDING / 2, quad_segs=4))
    return opened.union(thin).buffer(0.5, quad_segs=4).buffer(-0.5, quad_segs=4).intersection(shape.envelope)


def _ring(coords: list[Point]) -> str:
    points = [(fmt(x), fmt(y)) for x, y in coords[:-1]]
    deduped = [p for i, p in enumerate(points) if p != points[i - 1]]
    if len(deduped) < 3:
        return ""
    head, *rest = deduped
    return f"M{head[0]},{head[1]}L" + " ".join(f"{x},{y}" for x, y in rest) + "Z"


def _path_data(shape: BaseGeometry) -> str:
    parts = shape.geoms if isinstance(shape, MultiPolygon) else getattr(shape, "geoms", [shape])
    polygons = [g for g in parts if isinstance(g, Polygon)]
    rings: list[str] = []
    for polygon in polygons:
        if polygon.area < SPECK:  # a crumb left where a thin part met a rounded corner
            continue
        rings.append(_ring(list(polygon.exterior.coords)))
        rings.extend(_ring(list(hole.coords)) for hole in polygon.interiors)
    return "".join(rings)
