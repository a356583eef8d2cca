"""SVG body diagrams with svgwrite: plain views, region overlays, TrP maps and thumbnails.

Every region is a link to its page wrapping a path with `data-region`, a
`<title>` and an accessible name, so the map works with a keyboard, a screen
reader and no JavaScript. Regions are clipped to the silhouette by a
`clipPath`; the silhouette is drawn with the stroke-under-fill trick so the
union of its parts shows one clean outline.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import svgwrite
from svgwrite.base import Title

from app.body.geometry import BBox, Curve, Point, ViewGeometry, build_views, fmt, polygon_path, union_bbox
from app.catalogue.index import Catalogue

STYLE = """
.tm-body{fill:#f4e1d2}
.tm-edge{fill:none;stroke:#6e4f3f;stroke-width:2.2;stroke-linejoin:round}
.region{fill:#f4e1d2;stroke:#d3b39e;stroke-width:.6;stroke-linejoin:round}
a:hover .region,a:focus .region{fill:#ecc9ae}
a:focus{outline:none}
a:focus .region{stroke:#1f4e8c;stroke-width:1.6}
.region.is-highlighted{fill:#4f7fc0}
.region.is-spillover{fill:url(#tm-stipple)}
.region.is-essential{fill:#c62828}
.tm-detail{fill:none;stroke:#a4806b;stroke-width:.9;stroke-linecap:round;stroke-linejoin:round}
.tm-x{stroke-linecap:round}
.tm-side{font:600 11px sans-serif;fill:#8a6d5c}
"""
X_COLOUR = "#111"
HATCH = "#c62828"
THUMB_WIDTH = 120


def default_href(region_id: str) -> str:
    return f"/regions/{region_id}"


class BodyDiagrams:
    """Geometry of one catalogue, prepared once; renders views, overlays and thumbnails."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.geometry: dict[str, ViewGeometry] = build_views(catalogue.views, catalogue.region_specs.values())

    def view_ids(self) -> list[str]:
        return list(self.geometry)

    def _name(self, region_id: str) -> str:
        region = self.catalogue.regions.get(region_id)
        return region.name if region else region_id

    # --- drawing -------------------------------------------------------------
    def _drawing(
        self,
        geo: ViewGeometry,
        viewbox: BBox,
        label: str,
        prefix: str,
        width: str = "100%",
        parts: Sequence[Curve] | None = None,
        role: str = "img",
    ) -> svgwrite.Drawing:
        x0, y0, x1, y1 = viewbox
        dwg = svgwrite.Drawing(size=(width, None), debug=False)
        dwg.attribs.pop("height", None)
        dwg.viewbox(x0, y0, x1 - x0, y1 - y0)
        dwg["role"] = role
        dwg["aria-label"] = label
        dwg["class"] = f"tm-diagram tm-{geo.id}"
        dwg.add(Title(label))
        dwg.defs.add(dwg.style(STYLE))
        # Each outline is written once and reused by the clip, the edge and the fill.
        for i, curve in enumerate(geo.outlines if parts is None else parts):
            dwg.defs.add(dwg.path(d=curve.d, id=f"{prefix}-o{i}"))
        clip = dwg.clipPath(id=f"{prefix}-clip")
        for i in range(len(geo.outlines if parts is None else parts)):
            clip.add(dwg.use(f"#{prefix}-o{i}"))
        dwg.defs.add(clip)
        return dwg

    def _hatch(self, dwg: svgwrite.Drawing) -> None:
        """The spillover fill: red dots on pale pink, as the Manual stipples it (a hatch reads as solid when small)."""
        pattern = dwg.pattern(id="tm-stipple", size=(6, 6), patternUnits="userSpaceOnUse")
        pattern.add(dwg.rect((0, 0), (6, 6), fill="#fbe4df"))
        for cx, cy in ((1.5, 1.5), (4.5, 4.5)):
            pattern.add(dwg.circle((cx, cy), 1.15, fill=HATCH))
        dwg.defs.add(pattern)

    def _silhouette(self, dwg: svgwrite.Drawing, count: int, prefix: str) -> None:
        group = dwg.g(class_="tm-silhouette")
        group["aria-hidden"] = "true"
        for cls in ("tm-edge", "tm-body"):
            for i in range(count):
                group.add(dwg.use(f"#{prefix}-o{i}", class_=cls))
        dwg.add(group)

    def _regions(
        self,
        dwg: svgwrite.Drawing,
        geo: ViewGeometry,
        classes: dict[str, str],
        region_href: Callable[[str], str] | None,
        prefix: str,
        only: Collection[str] | None = None,
        titles: bool = True,
        toggles: bool = False,
    ) -> None:
        """Regions as links; as toggle buttons with `aria-pressed` when `toggles` (the explorer's pain drawing)."""
        group = dwg.g(class_="tm-regions", clip_path=f"url(#{prefix}-clip)")
        for region_id, polygon in geo.regions.items():
            if only is not None and region_id not in only:
                continue
            name = self._name(region_id)
            path = dwg.path(d=polygon_path(polygon), class_=f"region{classes.get(region_id, '')}")
            path["data-region"] = region_id
            if titles:
                path.add(Title(name))
            if region_href is None:
                group.add(path)
            else:
                link = dwg.a(href=region_href(region_id))
                del link.attribs["target"]  # svgwrite defaults to _blank; a region opens in place
                link["aria-label"] = name
                if toggles:
                    link["role"] = "button"
                    link["aria-pressed"] = "true" if "is-highlighted" in classes.get(region_id, "") else "false"
                link.add(path)
                group.add(link)
        dwg.add(group)

    def _details(self, dwg: svgwrite.Drawing, details: Collection[Curve]) -> None:
        group = dwg.g(class_="tm-details")
        group["aria-hidden"] = "true"
        for curve in details:
            group.add(dwg.path(d=curve.d, class_="tm-edge" if curve.bold else "tm-detail"))
        dwg.add(group)

    def _landmarks(self, dwg: svgwrite.Drawing, curves: Collection[Curve]) -> None:
        """The faint landmark layer (bony and surface landmarks) in its own group."""
        if not curves:
            return
        # Presentation attributes, not only the <style>: pages inline the SVG without its style element.
        group = dwg.g(class_="landmarks", fill="none", stroke="#7a5a48", stroke_width=".8", opacity=".45")
        group["stroke-linecap"] = "round"
        group["aria-hidden"] = "true"
        for curve in curves:
            group.add(dwg.path(d=curve.d))
        dwg.add(group)

    def _markers(self, dwg: svgwrite.Drawing, markers: Collection[Point], size: float) -> None:
        if not markers:
            return
        group = dwg.g(class_="tm-markers")
        group["aria-hidden"] = "true"
        for x, y in markers:
            x0, y0, x1, y1 = fmt(x - size), fmt(y - size), fmt(x + size), fmt(y + size)
            d = f"M{x0},{y0}L{x1},{y1}M{x0},{y1}L{x1},{y0}"
            group.add(dwg.path(d=d, class_="tm-x", stroke="#fff", stroke_width=fmt(size * 0.9)))
            group.add(dwg.path(d=d, class_="tm-x", stroke=X_COLOUR, stroke_width=fmt(size * 0.45)))
        dwg.add(group)

    def _side_marks(self, dwg: svgwrite.Drawing, geo: ViewGeometry) -> None:
        """A discreet R/L under the figure: both where the view has both sides, else the side shown."""
        x0, _, x1, y1 = geo.body_bbox()
        if geo.mirror_x is None:
            if geo.side_mark is not None:
                group = dwg.g(class_="tm-sides")
                group["aria-hidden"] = "true"
                vx0, _, vx1, vy1 = geo.viewbox
                x = vx0 + 12 if geo.side_mark == "R" else vx1 - 12  # behind the figure, which faces its side
                group.add(
                    dwg.text(geo.side_mark, insert=(fmt(x), fmt(vy1 - 8)), class_="tm-side", text_anchor="middle")
                )
                dwg.add(group)
            return
        right_on_left = _right_on_the_viewers_left(geo)
        y = min(geo.viewbox[3] - 3, y1 + 13)
        group = dwg.g(class_="tm-sides")
        group["aria-hidden"] = "true"
        # A crop of one arm shows one side only: marking the other edge would name the trunk beside it wrongly.
        shown = {rid.rsplit("-", 1)[1] for rid in geo.regions if rid.endswith(("-right", "-left"))}
        marks = (("R", x0 + 4), ("L", x1 - 4)) if right_on_left else (("L", x0 + 4), ("R", x1 - 4))
        for text, x in marks:
            if ("right" if text == "R" else "left") in shown:
                group.add(dwg.text(text, insert=(fmt(x), fmt(y)), class_="tm-side", text_anchor="middle"))
        dwg.add(group)

    @staticmethod
    def _classes(
        geo: ViewGeometry, highlight: Collection[str], essential: Collection[str], spillover: Collection[str]
    ) -> dict[str, str]:
        classes: dict[str, str] = {}
        for ids, cls in ((highlight, "is-highlighted"), (spillover, "is-spillover"), (essential, "is-essential")):
            for region_id in ids:
                if region_id in geo.regions:
                    classes[region_id] = classes.get(region_id, "") + f" {cls}"
        return classes

    # --- public API ------------------------------------------------------------
    def view_svg(
        self,
        view_id: str,
        *,
        highlight: Collection[str] = (),
        essential: Collection[str] = (),
        spillover: Collection[str] = (),
        markers: Collection[tuple[float, float]] = (),
        region_href: Callable[[str], str] | None = default_href,
        role: str = "img",
        toggles: bool = False,
        landmarks: bool = False,
    ) -> str:
        """One whole view as an SVG document; ids not in the view are ignored.

        `role` is "group" when the SVG is placed inside a page: an "img" is one picture to assistive
        technology, which would hide the region links inside it. `landmarks` adds the faint landmark
        layer (off on the plain map, where it would distract from painting).
        """
        geo = self.geometry[view_id]
        prefix = f"tm-{geo.id}"
        dwg = self._drawing(geo, geo.viewbox, f"Body diagram, {geo.name}", prefix, role=role)
        if spillover:
            self._hatch(dwg)
        self._silhouette(dwg, len(geo.outlines), prefix)
        classes = self._classes(geo, highlight, essential, spillover)
        self._regions(dwg, geo, classes, region_href, prefix, toggles=toggles)
        self._details(dwg, geo.details)
        if landmarks:
            self._landmarks(dwg, geo.landmark_lines)
        self._side_marks(dwg, geo)
        self._markers(dwg, markers, 5.0)
        return dwg.tostring()

    def _zones(self, trigger_point_id: str, side: str) -> tuple[list[str], list[str], list[str]]:
        tp = self.catalogue.trigger_points[trigger_point_id]
        on = self.catalogue.on_side
        return (
            [on(b, side) for b in tp.location.regions],
            [on(b, side) for b in tp.referral.essential],
            [on(b, side) for b in tp.referral.spillover],
        )

    def marker_points(self, view_id: str, trigger_point_id: str, side: str) -> list[tuple[float, float]]:
        """Where the X goes: the authored marker for the view, else the location's representative points."""
        geo = self.geometry[view_id]
        tp = self.catalogue.trigger_points[trigger_point_id]
        authored = tp.location.markers.get(view_id)
        if authored is not None:
            x, y = authored
            mirror_left = side == "left" and geo.mirror_x is not None
            return [(round(2 * geo.mirror_x - x, 1), y) if mirror_left else (x, y)]  # type: ignore[operator]
        location, _, _ = self._zones(trigger_point_id, side)
        points = [geo.representative_point(r) for r in location if r in geo.regions]
        return [p for p in dict.fromkeys(points) if p is not None]

    def trigger_point_svg(self, view_id: str, trigger_point_id: str, side: str = "right", role: str = "img") -> str:
        """A full view with the TrP's X, its essential zone solid red and its spillover stippled."""
        _, essential, spillover = self._zones(trigger_point_id, side)
        return self.view_svg(
            view_id,
            essential=essential,
            spillover=spillover,
            markers=self.marker_points(view_id, trigger_point_id, side),
            role=role,
            landmarks=True,
        )

    def shows_whole(self, view_id: str, region_id: str) -> bool:
        """Whether a view shows a region whole: a close-up cropped from a view may cut it at its frame."""
        geo = self.geometry[view_id]
        if region_id not in geo.regions:
            return False
        if geo.drawn_over == geo.id:
            return True
        whole = self.geometry[geo.drawn_over].region_area(region_id)
        return whole == 0 or geo.region_area(region_id) >= 0.9 * whole

    def best_view(self, trigger_point_id: str, side: str = "right") -> str:
        """The view that frames the TrP's pattern: its location, essential and spillover zones shown whole.

        On a tie, the view in which the location and essential zone take the largest share of the canvas:
        a close-up for a face or hand pattern, a side view or a crop of it for a lateral hip pattern; then
        the first view. A crop that cuts part of the pattern off loses to the view it crops.
        """
        location, essential, spillover = self._zones(trigger_point_id, side)

        def score(view_id: str) -> tuple[int, int, int, float]:
            geo = self.geometry[view_id]
            x0, y0, x1, y1 = geo.body_bbox()
            whole = [r for r in dict.fromkeys([*location, *essential, *spillover]) if self.shows_whole(view_id, r)]
            framed = [r for r in dict.fromkeys([*location, *essential]) if r in whole]
            share = sum(geo.region_area(r) for r in framed) / max((x1 - x0) * (y1 - y0), 1.0)
            return (
                sum(r in whole for r in location),
                sum(r in whole for r in essential),
                sum(r in whole for r in spillover),
                round(share, 3),
            )

        ids = self.view_ids()
        return max(ids, key=lambda v: (score(v), -ids.index(v)))

    def thumbnail_svg(self, trigger_point_id: str, side: str = "right") -> str:
        """A small picture cropped to the TrP's location and referral zones, without links."""
        view_id = self.best_view(trigger_point_id, side)
        geo = self.geometry[view_id]
        location, essential, spillover = self._zones(trigger_point_id, side)
        markers = self.marker_points(view_id, trigger_point_id, side)
        boxes = [geo.region_bbox(r) for r in (*location, *essential, *spillover) if r in geo.regions]
        boxes += [(x, y, x, y) for x, y in markers]
        box = union_bbox(b for b in boxes if b is not None) or geo.body_bbox()
        x0, y0, x1, y1 = box
        side_len = max(x1 - x0, y1 - y0, 100.0) + 24
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        viewbox = (
            round(cx - side_len / 2, 1),
            round(cy - side_len / 2, 1),
            round(cx + side_len / 2, 1),
            round(cy + side_len / 2, 1),
        )
        tp = self.catalogue.trigger_points[trigger_point_id]
        parts = [c for c in geo.outlines if _overlaps(c.points, viewbox)]
        label = f"{tp.name}, {side} side: referred pain"
        prefix = f"tm-{trigger_point_id}-{side}"
        dwg = self._drawing(geo, viewbox, label, prefix, width=str(THUMB_WIDTH), parts=parts)
        if spillover:
            self._hatch(dwg)
        self._silhouette(dwg, len(parts), prefix)
        visible = {r for r, poly in geo.regions.items() if _overlaps(poly, viewbox)}
        self._regions(dwg, geo, self._classes(geo, (), essential, spillover), None, prefix, only=visible, titles=False)
        self._details(dwg, [c for c in geo.details if _overlaps(c.points, viewbox)])
        self._landmarks(dwg, [c for c in geo.landmark_lines if _overlaps(c.points, viewbox)])
        self._markers(dwg, markers, max(3.0, side_len / 28))
        return dwg.tostring()


def _right_on_the_viewers_left(geo: ViewGeometry) -> bool:
    """Whether the person's right is drawn on the viewer's left (front views), read from the regions themselves."""
    xs = [x for region_id, polygon in geo.regions.items() if region_id.endswith("-right") for x, _ in polygon]
    return bool(xs) and geo.mirror_x is not None and sum(xs) / len(xs) < geo.mirror_x


def _overlaps(polygon: Sequence[Point], box: BBox) -> bool:
    xs = [p[0] for p in polygon]
    ys = [p[1] for p in polygon]
    return min(xs) <= box[2] and max(xs) >= box[0] and min(ys) <= box[3] and max(ys) >= box[1]


def write_views(catalogue: Catalogue, out_dir: Path) -> list[Path]:
    """Write svg/<view>.svg for every view, plain (no overlay)."""
    diagrams = BodyDiagrams(catalogue)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for view_id in diagrams.view_ids():
        path = out_dir / f"{view_id}.svg"
        path.write_text(diagrams.view_svg(view_id) + "\n", encoding="utf-8")
        written.append(path)
    return written
