"""Touch targets (WCAG 2.5.8): the view in which a region is big enough to touch on a phone.

A region's visible part (its polygon inside the body and the canvas) holds a 24x24 px square
surely when its largest inscribed circle has a radius of 24/√2 px, and never when it is under 12 px;
in between, squares are tried on a grid. Answered once per region.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from app.body.geometry import ViewGeometry

TOUCH_PX = 24.0  # the least target size, in CSS px
PHONE = (390 - 2 * 16, 844 * 0.70)  # the explorer's map on a 390x844 phone: its width, at most 70 % of the height


class TouchViews:
    """Region id -> the first view (whole body first) where it is a touch target, else where it is largest."""

    def __init__(self, geometry: Mapping[str, ViewGeometry], body: Callable[[ViewGeometry], BaseGeometry]) -> None:
        self._geometry = geometry
        self._body = body
        self._found: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def view(self, region_id: str) -> str | None:
        if region_id not in self._found:
            with self._lock:
                if region_id not in self._found:
                    self._found[region_id] = self._choose(region_id)
        return self._found[region_id]

    def _choose(self, region_id: str) -> str | None:
        best: tuple[float, str] | None = None
        for view_id, geo in self._geometry.items():
            if region_id not in geo.regions:
                continue
            clipped = Polygon(geo.regions[region_id]).buffer(0).intersection(self._body(geo))
            # An intersection may come with stray lines and points: keep its area only.
            shape = shapely.union_all(
                [p for p in shapely.get_parts(clipped) if p.geom_type in ("Polygon", "MultiPolygon")]
            )
            if shape.is_empty:
                continue
            radius = shapely.maximum_inscribed_circle(shape, 0.25).length  # the circle's radius, in view units
            scale = min(PHONE[0] / geo.width, PHONE[1] / geo.height)  # CSS px per view unit
            px = radius * scale
            if px >= TOUCH_PX / math.sqrt(2) or (px >= TOUCH_PX / 2 and _fits_square(shape, TOUCH_PX / scale)):
                return view_id
            if best is None or px > best[0]:
                best = (px, view_id)
        return best[1] if best else None


def _fits_square(shape: BaseGeometry, side: float) -> bool:
    """Whether an axis-aligned square of that side fits inside the shape (tried on a grid of 1/16 side)."""
    half = side / 2
    x0, y0, x1, y1 = shape.bounds
    if x1 - x0 < side or y1 - y0 < side:
        return False
    step = max(side / 16, 0.25)
    cx, cy = np.meshgrid(np.arange(x0 + half, x1 - half + 1e-9, step), np.arange(y0 + half, y1 - half + 1e-9, step))
    squares = shapely.box(cx.ravel() - half, cy.ravel() - half, cx.ravel() + half, cy.ravel() + half)
    shapely.prepare(shape)
    return bool(shapely.contains(shape, squares).any())
