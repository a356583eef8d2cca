"""Figures: the base (male) figure as views.yaml draws it, and others drawn by warping it.

A figure other than the base moves every landmark, every literal point of a muscle outline and every X
through one smooth warp per view: a thin-plate spline pinned at the figure's control points. The
regions, muscles and X's are authored once, over landmarks, and follow the warp, so both figures share
region ids, muscle ids and lookups by construction; the atlas checks then run on each figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

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


def _kernel(r2: np.ndarray) -> np.ndarray:
    """The thin-plate kernel r² log r² (0 at r = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(r2 > 0, r2 * np.log(np.where(r2 > 0, r2, 1.0)), 0.0)


@dataclass(frozen=True)
class Warp:
    """A thin-plate spline through control pins (numpy solves and applies it); the identity without pins."""

    centres: np.ndarray | None = None  # (n, 2)
    coefficients: np.ndarray | None = None  # (n + 3, 2): kernel weights, then the affine part

    @classmethod
    def through(cls, pins: Sequence[tuple[Point, Point]]) -> Warp:
        if not pins:
            return cls()
        centres = np.array([at for at, _ in pins], dtype=float)
        n = len(centres)
        affine = np.hstack([np.ones((n, 1)), centres])
        system = np.zeros((n + 3, n + 3))
        system[:n, :n] = _kernel(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
        system[:n, n:] = affine
        system[n:, :n] = affine.T
        targets = np.vstack([np.array([to for _, to in pins], dtype=float), np.zeros((3, 2))])
        return cls(centres, np.linalg.solve(system, targets))

    def apply(self, points: Sequence[Point]) -> list[Point]:
        """Many points at once (a view's landmarks), rounded to one decimal like all geometry."""
        if self.centres is None or self.coefficients is None or not points:
            return [(float(x), float(y)) for x, y in points]
        xy = np.array(points, dtype=float)
        k = _kernel(((xy[:, None, :] - self.centres[None, :, :]) ** 2).sum(axis=2))
        n = len(self.centres)
        out = k @ self.coefficients[:n] + np.hstack([np.ones((len(xy), 1)), xy]) @ self.coefficients[n:]
        return [(round(float(x), 1) + 0.0, round(float(y), 1) + 0.0) for x, y in out]

    def __call__(self, point: Point) -> Point:
        return self.apply([point])[0] if self.centres is not None else point


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
        if view.crop_of is not None and view.box is not None:
            box = _warped_box(catalogue, view.crop_of, view.box, warps)
            size = {"width": round(box[2] - box[0], 1), "height": round(box[3] - box[1], 1)}
            out[view_id] = view.model_copy(update={"box": box, **size})
            continue
        if view.mirror_of is not None:
            out[view_id] = view
            continue
        names = list(view.landmarks)
        landmarks = dict(zip(names, warps[view_id].apply([view.landmarks[n] for n in names]), strict=True))
        landmarks.update(figure.landmarks.get(view_id, {}))
        hidden = figure.hide_details.get(view_id, [])
        details = [*(s for s in view.details if s.points not in hidden), *figure.details.get(view_id, [])]
        out[view_id] = view.model_copy(update={"landmarks": landmarks, "details": details})
    return out


def _warped_box(
    catalogue: Catalogue, view_id: str, box: tuple[float, float, float, float], warps: Mapping[str, Warp]
) -> tuple[float, float, float, float]:
    """A crop's frame moved with the body it frames (its corners and edge midpoints through the warp)."""
    view = catalogue.views[view_id]
    x0, y0, x1, y1 = box
    points = [(x, y) for x in (x0, (x0 + x1) / 2, x1) for y in (y0, (y0 + y1) / 2, y1)]
    if view.mirror_of is None:
        moved = warps[view_id].apply(points)
    else:  # a mirror view is drawn from its source's warped landmarks, flipped
        width = catalogue.views[view.mirror_of].width
        moved = [(width - x, y) for x, y in warps[view.mirror_of].apply([(width - x, y) for x, y in points])]
    xs, ys = [x for x, _ in moved], [y for _, y in moved]
    return (round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1))


def warped_muscles(catalogue: Catalogue, figure_id: str, warps: Mapping[str, Warp]) -> list[MuscleSpec]:
    """Muscle specs with their literal outline points warped (landmark names follow the warped views); an
    outline the figure draws itself (`shapes` in figures.yaml) replaces the warped one."""
    figure = catalogue.figures.get(figure_id)
    own = figure.shapes if figure is not None else {}
    specs: list[MuscleSpec] = []
    for spec in catalogue.muscle_specs.values():
        shapes = {}
        for view_id, shape in {**spec.shapes, **own.get(spec.id, {})}.items():
            if view_id in own.get(spec.id, {}):
                shapes[view_id] = shape
                continue
            warp = warps[view_id]
            parts = []
            for part in shape.parts:
                literal = warp.apply([p for p in part if not isinstance(p, str)])
                moved = iter(literal)
                parts.append([p if isinstance(p, str) else next(moved) for p in part])
            shapes[view_id] = MuscleShape(parts=parts, deep=shape.deep)
        specs.append(spec.model_copy(update={"shapes": shapes}))
    return specs


def own_marker(catalogue: Catalogue, figure_id: str, tp_id: str, view_id: str) -> Point | None:
    """A trigger point's X as this figure draws it itself (`markers` in figures.yaml), if it does."""
    figure = catalogue.figures.get(figure_id)
    return figure.markers.get(tp_id, {}).get(view_id) if figure is not None else None
