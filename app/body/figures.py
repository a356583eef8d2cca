"""Figures: the base (male) figure as views.yaml draws it, and others drawn by warping it.

A figure other than the base moves every landmark, every literal point of a muscle outline and every X
through one smooth warp per view: a thin-plate spline pinned at the figure's control points. The
regions, muscles and X's are authored once, over landmarks, and follow the warp, so both figures share
region ids, muscle ids and lookups by construction; the atlas checks then run on each figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.catalogue.index import Catalogue
from app.catalogue.models import BASE_FIGURE, MuscleShape, MuscleSpec, Point, View

FIGURES_LABEL = {BASE_FIGURE: "Male"}


def figure_ids(catalogue: Catalogue) -> list[str]:
    """Every figure the catalogue can draw, the base one first."""
    return [BASE_FIGURE, *catalogue.figures]


def figure_label(catalogue: Catalogue, figure_id: str) -> str:
    figure = catalogue.figures.get(figure_id)
    if figure is None:
        return FIGURES_LABEL.get(figure_id, figure_id)
    return figure.short_name or figure.name


def _solve(matrix: list[list[float]], rhs: list[list[float]]) -> list[list[float]]:
    """Gaussian elimination with partial pivoting: matrix · x = rhs (a few dozen unknowns)."""
    n = len(matrix)
    a = [row[:] + r[:] for row, r in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            raise ValueError("the warp's control points are degenerate (two pins at one place?)")
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col]:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col], strict=True)]
    return [[a[r][n + k] / a[r][r] for k in range(len(rhs[0]))] for r in range(n)]


def _kernel(r2: float) -> float:
    return r2 * math.log(r2) if r2 > 0 else 0.0


@dataclass(frozen=True)
class Warp:
    """A thin-plate spline through control pins; the identity when there are none."""

    centres: tuple[Point, ...] = ()
    weights: tuple[tuple[float, float], ...] = ()
    affine: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0))

    @classmethod
    def through(cls, pins: Sequence[tuple[Point, Point]]) -> Warp:
        if not pins:
            return cls()
        n = len(pins)
        centres = tuple(at for at, _ in pins)
        k = [[_kernel((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) for b in centres] for a in centres]
        p = [[1.0, x, y] for x, y in centres]
        matrix = [k[i] + p[i] for i in range(n)] + [[p[j][c] for j in range(n)] + [0.0, 0.0, 0.0] for c in range(3)]
        rhs = [[to[0], to[1]] for _, to in pins] + [[0.0, 0.0]] * 3
        solution = _solve(matrix, rhs)
        weights = tuple((row[0], row[1]) for row in solution[:n])
        affine = tuple((row[0], row[1]) for row in solution[n:])
        return cls(centres, weights, affine)

    def __call__(self, point: Point) -> Point:
        if not self.centres:
            return point
        x, y = point
        (a0x, a0y), (axx, axy), (ayx, ayy) = self.affine
        out_x, out_y = a0x + axx * x + ayx * y, a0y + axy * x + ayy * y
        for (cx, cy), (wx, wy) in zip(self.centres, self.weights, strict=True):
            u = _kernel((x - cx) ** 2 + (y - cy) ** 2)
            out_x += wx * u
            out_y += wy * u
        return (round(out_x, 1) + 0.0, round(out_y, 1) + 0.0)


def view_warps(catalogue: Catalogue, figure_id: str) -> dict[str, Warp]:
    """One warp per view of the catalogue (identity for the base figure and views a figure leaves alone).

    Pins are authored for the person's right side and the midline, and mirrored across `mirror_x`
    where the view mirrors, so the figure stays symmetric; a mirrored view uses its source's warp, flipped
    by the geometry as usual.
    """
    figure = catalogue.figures.get(figure_id)
    warps: dict[str, Warp] = {}
    for view_id, view in catalogue.views.items():
        pins_authored = figure.warps.get(view.mirror_of or view_id, []) if figure is not None else []
        pins: dict[Point, Point] = {}
        for pin in pins_authored:
            pins[pin.at] = pin.to
            if view.mirror_x is not None and abs(pin.at[0] - view.mirror_x) > 1e-6:
                m = view.mirror_x
                pins[(2 * m - pin.at[0], pin.at[1])] = (2 * m - pin.to[0], pin.to[1])
        warps[view_id] = Warp.through(list(pins.items()))
    return warps


def warped_views(catalogue: Catalogue, figure_id: str, warps: Mapping[str, Warp]) -> dict[str, View]:
    """The catalogue's views as this figure draws them: landmarks warped, its own landmarks and strokes added."""
    figure = catalogue.figures.get(figure_id)
    if figure is None:
        return dict(catalogue.views)
    out: dict[str, View] = {}
    for view_id, view in catalogue.views.items():
        if view.mirror_of is not None:
            out[view_id] = view
            continue
        warp = warps[view_id]
        landmarks = {name: warp(point) for name, point in view.landmarks.items()}
        landmarks.update(figure.landmarks.get(view_id, {}))
        hidden = figure.hide_details.get(view_id, [])
        details = [*(s for s in view.details if s.points not in hidden), *figure.details.get(view_id, [])]
        out[view_id] = view.model_copy(update={"landmarks": landmarks, "details": details})
    return out


def warped_muscles(catalogue: Catalogue, warps: Mapping[str, Warp]) -> list[MuscleSpec]:
    """Muscle specs with their literal outline points warped (landmark names follow the warped views)."""
    specs: list[MuscleSpec] = []
    for spec in catalogue.muscle_specs.values():
        shapes = {}
        for view_id, shape in spec.shapes.items():
            warp = warps[view_id]
            parts = [[p if isinstance(p, str) else warp(p) for p in part] for part in shape.parts]
            shapes[view_id] = MuscleShape(parts=parts, deep=shape.deep)
        specs.append(spec.model_copy(update={"shapes": shapes}))
    return specs
