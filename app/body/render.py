"""SVG body diagrams with svgwrite: plain views, region overlays, TrP maps and thumbnails.

Every region is a link to its page wrapping a path with `data-region`, a
`<title>` and an accessible name, so the map works with a keyboard, a screen
reader and no JavaScript. Regions are clipped to the silhouette by a
`clipPath`; the silhouette is drawn with the stroke-under-fill trick so the
union of its parts shows one clean outline.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.body.atlas import authored_marker, derived_marker, geometry_of, location_regions, warps_of
from app.body.figures import own_marker
from app.body.geometry import BBox, Curve, MuscleDrawing, Point, ViewGeometry, fmt, polygon_path, union_bbox
from app.body.targets import TouchViews
from app.body.zones import ZoneShapes
from app.catalogue.index import Catalogue
from app.catalogue.models import BASE_FIGURE
from app.catalogue.shapes import authored_view

if TYPE_CHECKING:
    import svgwrite
    from svgwrite.base import BaseElement

STYLE = """
.tm-body{fill:#f4e1d2}
.tm-edge{fill:none;stroke:#6e4f3f;stroke-width:2.2;stroke-linejoin:round}
.region{fill:#f4e1d2;stroke:#d3b39e;stroke-width:.6;stroke-linejoin:round}
a:hover .region,a:focus .region{fill:#ecc9ae}
a:focus{outline:none}
a:focus .region{stroke:#1f4e8c;stroke-width:1.6}
.region.is-highlighted{fill:#4f7fc0}
.region.is-spillover,.region.is-essential,.tm-borderless .region{fill:transparent;stroke:none}
.tm-detail{fill:none;stroke:#a4806b;stroke-width:.9;stroke-linecap:round;stroke-linejoin:round}
.tm-x{stroke-linecap:round}
.tm-side{font:600 11px sans-serif;fill:#8a6d5c}
a:hover .tm-muscle,a:focus .tm-muscle{fill-opacity:.55}
a:focus .tm-muscle{stroke:#1f4e8c;stroke-width:1.8}
"""
# Muscles as the Manual tints them: a muted red with a darker outline; a deep one dashed and paler.
# Presentation attributes rather than CSS, since pages inline the SVG without its <style>.
MUSCLE_STYLE = {"fill": "#b4584c", "fill-opacity": ".22", "stroke": "#7d2e26", "stroke-width": ".9"}
DEEP_STYLE = {"fill-opacity": ".1", "stroke-dasharray": "3 2"}
SHOWN_STYLE = {"fill-opacity": ".32", "stroke-width": "1.3"}
X_COLOUR = "#111"
HATCH = "#c62828"
THUMB_WIDTH = 120
MARKER_SIZE = 5.0  # half the width of an X on a whole view
# What a drawing's hook adds: an element, or nothing.
Element = Callable[["svgwrite.Drawing"], "BaseElement | None"]


def default_href(region_id: str) -> str:
    return f"/regions/{region_id}"


def default_muscle_href(muscle_id: str) -> str:
    return f"/muscles/{muscle_id}"


# An X to draw: the trigger point it marks and where.
Marker = tuple[str, Point]


def _title(text: str) -> BaseElement:
    """A `<title>` (svgwrite is imported on first use: see `BodyDiagrams.view_drawing`)."""
    from svgwrite.base import Title

    return Title(text)


class BodyDiagrams:
    """Geometry of one catalogue, prepared once; renders views, overlays and thumbnails."""

    def __init__(self, catalogue: Catalogue, figure: str = BASE_FIGURE) -> None:
        self.catalogue = catalogue
        self.figure = figure
        self.zone_shapes = ZoneShapes()
        self.geometry: dict[str, ViewGeometry] = geometry_of(catalogue, figure)
        self.warps = warps_of(catalogue, figure)
        self.touch_views = TouchViews(self.geometry, self.zone_shapes.body)
        self._derived: dict[tuple[str, str, str], Point | None] = {}

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
        import svgwrite  # here, not at the top: ~90 ms of startup (its validator's grammar) for the first drawing

        dwg = svgwrite.Drawing(size=(width, None), debug=False)
        dwg.attribs.pop("height", None)
        dwg.viewbox(x0, y0, x1 - x0, y1 - y0)
        dwg["role"] = role
        dwg["aria-label"] = label
        dwg["class"] = f"tm-diagram tm-{geo.id}"
        dwg.add(_title(label))
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
        dwg.defs.add(hatch_pattern(dwg))

    def referral_group(
        self,
        dwg: svgwrite.Drawing,
        geo: ViewGeometry,
        essential: Collection[str],
        spillover: Collection[str],
        prefix: str,
    ) -> svgwrite.container.Group | None:
        """Each tier as one smooth shape under the regions (which turn see-through and borderless there).

        Under, not over: the regions stay the click targets with their titles, hover and focus rings,
        and the opaque regions around a zone hide nothing of it but what lies outside the union.
        """
        tiers = [(spillover, "url(#tm-stipple)", "tm-zone-spillover"), (essential, HATCH, "tm-zone-essential")]
        paths = [(self.zone_shapes.path(geo, ids), fill, cls) for ids, fill, cls in tiers if ids]
        if not any(d for d, _, _ in paths):
            return None
        group = dwg.g(class_="tm-zones", clip_path=f"url(#{prefix}-clip)")
        group["aria-hidden"] = "true"
        group["pointer-events"] = "none"
        for d, fill, cls in paths:
            if d:
                path = dwg.path(d=d, fill=fill, class_=cls)
                path["fill-rule"] = "evenodd"
                group.add(path)
        return group

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
        classes: Mapping[str, str],
        region_href: Callable[[str], str] | None,
        prefix: str,
        only: Collection[str] | None = None,
        titles: bool = True,
        toggles: bool = False,
        borders: bool = True,
        pressed: Mapping[str, str] | None = None,
    ) -> None:
        """Regions as links; as toggle buttons with `aria-pressed` when `toggles` (the explorer's pain drawing).

        Without `borders` (a trigger point's picture, as the Manual draws it) they are see-through and
        unbordered, still there to click, hover and focus: the pattern reads without the pain chart's grid.
        `pressed` overrides `aria-pressed` per region (a stencil's slots, app/body/stencil.py).
        """
        cls = "tm-regions" if borders else "tm-regions tm-borderless"
        group = dwg.g(class_=cls, clip_path=f"url(#{prefix}-clip)")
        for region_id, polygon in geo.regions.items():
            if only is not None and region_id not in only:
                continue
            name = self._name(region_id)
            path = dwg.path(d=polygon_path(polygon), class_=f"region{classes.get(region_id, '')}")
            path["data-region"] = region_id
            if titles:
                path.add(_title(name))
            if region_href is None:
                group.add(path)
            else:
                link = dwg.a(href=region_href(region_id))
                del link.attribs["target"]  # svgwrite defaults to _blank; a region opens in place
                link["aria-label"] = name
                if toggles:
                    link["role"] = "button"
                    link["aria-pressed"] = (
                        pressed[region_id] if pressed is not None else is_pressed(classes.get(region_id, ""))
                    )
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

    def _markers(self, dwg: svgwrite.Drawing, markers: Collection[Marker], size: float) -> None:
        group = marker_group(dwg, markers, size)
        if group is not None:
            dwg.add(group)

    def _muscle(self, dwg: svgwrite.Drawing, drawing: MuscleDrawing, style: dict[str, str]) -> BaseElement:
        """One side of a muscle: a path (or a group of paths) with `data-muscle` and a `<title>`.

        The muscle colours sit on the enclosing group (so a mirrored `<use>` copy inherits them and
        hovers like the original); a deep muscle's dashes and paler fill sit on the element itself.
        """
        ds = [curve.d for curve in drawing.parts]
        element = dwg.path(d="".join(ds)) if len(ds) == 1 else dwg.g()
        if len(ds) > 1:
            for d in ds:
                element.add(dwg.path(d=d))
        for key, value in {**(DEEP_STYLE if drawing.deep else {}), **style}.items():
            element[key] = value
        return self._named(element, drawing)

    def _named(self, element: BaseElement, drawing: MuscleDrawing) -> BaseElement:
        name = self.catalogue.muscles[drawing.muscle].name
        element["class"] = "tm-muscle is-deep" if drawing.deep else "tm-muscle"
        element["data-muscle"] = drawing.muscle
        element.add(_title(f"{name} (deep)" if drawing.deep else name))
        return element

    def _muscle_layer(
        self, dwg: svgwrite.Drawing, geo: ViewGeometry, prefix: str, href: Callable[[str], str] | None
    ) -> None:
        """Every muscle of the view, each a link to its page (the students' muscle map).

        In a view that mirrors, the left side is a `<use>` of the right one flipped across the midline:
        the same muscle at half the bytes.
        """
        group = dwg.g(class_="tm-muscles", clip_path=f"url(#{prefix}-clip)", **_attrs(MUSCLE_STYLE))
        drawn: dict[str, str] = {}
        for drawing in geo.muscles:
            right = drawn.get(drawing.muscle)
            if drawing.side == "left" and right is not None and geo.mirror_x is not None:
                element = self._named(dwg.use(f"#{right}"), drawing)
                element["transform"] = f"matrix(-1 0 0 1 {fmt(2 * geo.mirror_x)} 0)"
                if drawing.deep:
                    element["stroke-dasharray"] = DEEP_STYLE["stroke-dasharray"]
            else:
                element = self._muscle(dwg, drawing, {})
                if drawing.side == "right":
                    element["id"] = drawn[drawing.muscle] = f"{prefix}-m-{drawing.muscle}"
            if href is None:
                group.add(element)
                continue
            link = dwg.a(href=href(drawing.muscle))
            del link.attribs["target"]
            name = self.catalogue.muscles[drawing.muscle].name
            link["aria-label"] = f"{name}, {drawing.side} side"
            link.add(element)
            group.add(link)
        dwg.add(group)

    def _shown_muscle(self, dwg: svgwrite.Drawing, geo: ViewGeometry, muscle_id: str, side: str, prefix: str) -> None:
        group = self.shown_muscle_group(dwg, geo, muscle_id, side, prefix)
        if group is not None:
            dwg.add(group)

    def shown_muscle_group(
        self, dwg: svgwrite.Drawing, geo: ViewGeometry, muscle_id: str, side: str, prefix: str
    ) -> svgwrite.container.Group | None:
        """The muscle under the X, tinted and outlined; it lets clicks through to the regions beneath."""
        drawing = geo.muscle(muscle_id, side)
        if drawing is None:
            return None
        group = dwg.g(class_="tm-muscles is-shown", clip_path=f"url(#{prefix}-clip)", **_attrs(MUSCLE_STYLE))
        group["pointer-events"] = "none"
        group.add(self._muscle(dwg, drawing, SHOWN_STYLE))
        return group

    def _side_marks(self, dwg: svgwrite.Drawing, geo: ViewGeometry, frame: BBox | None = None) -> None:
        """A discreet R/L under the figure: both where the view has both sides, else the side shown.

        Kept inside the frame when a picture shows only part of the view, and scaled down in a crop (which
        zooms in) to about their size on the whole view."""
        shown = frame or geo.viewbox
        ratio = (shown[3] - shown[1]) / self.geometry[geo.drawn_over].height if geo.drawn_over != geo.id else 1.0
        k = min(1.0, max(ratio, 0.25))  # not below a quarter: a tight crop's letters stay readable
        bx0, _, bx1, by1 = geo.body_bbox()
        x0, x1, y1 = max(bx0, shown[0]), min(bx1, shown[2]), min(by1, shown[3])
        marks: list[tuple[str, float, float]] = []
        if geo.mirror_x is None:
            if geo.side_mark is not None:
                vx0, _, vx1, vy1 = shown
                x = vx0 + 12 * k if geo.side_mark == "R" else vx1 - 12 * k  # behind the figure, facing its side
                marks.append((geo.side_mark, x, vy1 - 8 * k))
        else:
            right_on_left = _right_on_the_viewers_left(geo)
            y = min(shown[3] - 3 * k, y1 + 13 * k)
            # A crop of one arm shows one side only: marking the other edge would name the trunk beside it wrongly.
            sides = self.sides(geo.id)
            placed = (("R", x0 + 4 * k), ("L", x1 - 4 * k)) if right_on_left else (("L", x0 + 4 * k), ("R", x1 - 4 * k))
            marks += [(text, x, y) for text, x in placed if ("right" if text == "R" else "left") in sides]
        if not marks:
            return
        group = dwg.g(class_="tm-sides")
        group["aria-hidden"] = "true"
        for text, x, y in marks:
            label = dwg.text(text, insert=(0, 0), class_="tm-side", text_anchor="middle")
            # A transform, not a font size: the page's stylesheet sets the font, and inline styles are not allowed.
            label["transform"] = f"translate({fmt(x)},{fmt(y)})" + (f" scale({k:.3g})" if k < 1 else "")
            group.add(label)
        dwg.add(group)

    @staticmethod
    def region_classes(
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
        markers: Collection[Marker] = (),
        region_href: Callable[[str], str] | None = default_href,
        role: str = "img",
        toggles: bool = False,
        landmarks: bool = False,
        layer: str | None = None,
        muscle_href: Callable[[str], str] | None = default_muscle_href,
        muscle: tuple[str, str] | None = None,
        borders: bool = True,
        viewbox: BBox | None = None,
        marker_size: float | None = None,
    ) -> str:
        """One whole view as an SVG document; ids not in the view are ignored.

        `role` is "group" when the SVG is placed inside a page: an "img" is one picture to assistive
        technology, which would hide the region links inside it. `landmarks` adds the faint landmark
        layer (off on the plain map, where it would distract from painting). `layer="muscles"` draws
        every muscle of the view over the regions, each a link to its page; `muscle` (id, side) tints
        the one muscle under a trigger point's X.
        """
        geo = self.geometry[view_id]
        size = marker_size or self.marker_size(geo, viewbox)
        drawing = self.view_drawing(
            geo,
            self.region_classes(geo, highlight, essential, spillover),
            region_href,
            role=role,
            toggles=toggles,
            landmarks=landmarks,
            hatch=(lambda dwg: hatch_pattern(dwg)) if spillover else None,
            referral=lambda dwg: self.referral_group(dwg, geo, essential, spillover, f"tm-{geo.id}"),
            overlay=lambda dwg: marker_group(dwg, markers, size),
            layer=layer,
            muscle_href=muscle_href,
            muscle=(lambda dwg: self.shown_muscle_group(dwg, geo, *muscle, f"tm-{geo.id}")) if muscle else None,
            borders=borders,
            viewbox=viewbox,
        )
        return drawing.tostring()

    def marker_size(self, geo: ViewGeometry, viewbox: BBox | None = None) -> float:
        """Half an X's width: the same size on screen whatever the frame (a crop or a muscle's square is a zoom
        into the view it frames)."""
        shown = viewbox or geo.viewbox
        return max(2.0, MARKER_SIZE * (shown[3] - shown[1]) / self.geometry[geo.drawn_over].height)

    def view_drawing(
        self,
        geo: ViewGeometry,
        classes: Mapping[str, str],
        region_href: Callable[[str], str] | None,
        *,
        role: str,
        toggles: bool,
        landmarks: bool,
        hatch: Element | None,
        referral: Element,
        overlay: Element,
        layer: str | None = None,
        muscle_href: Callable[[str], str] | None = default_muscle_href,
        muscle: Element | None = None,
        borders: bool = True,
        pressed: Mapping[str, str] | None = None,
        viewbox: BBox | None = None,
    ) -> svgwrite.Drawing:
        """`view_svg`'s drawing, with what a state changes passed in: the regions' classes and links, the
        spillover fill (`hatch`, into the defs), the referral zones under the regions (`referral`), the muscle
        tinted under the X (`muscle`) and what is drawn over the map (`overlay`: the Xs).
        app/body/stencil.py passes placeholders, to fill them for each state without drawing again."""
        prefix = f"tm-{geo.id}"
        dwg = self._drawing(geo, viewbox or geo.viewbox, f"Body diagram, {geo.name}", prefix, role=role)
        if hatch is not None and (pattern := hatch(dwg)) is not None:
            dwg.defs.add(pattern)
        self._silhouette(dwg, len(geo.outlines), prefix)
        if (zones := referral(dwg)) is not None:
            dwg.add(zones)
        self._regions(dwg, geo, classes, region_href, prefix, toggles=toggles, borders=borders, pressed=pressed)
        if layer == "muscles":
            self._muscle_layer(dwg, geo, prefix, muscle_href)
        elif muscle is not None and (shown := muscle(dwg)) is not None:
            dwg.add(shown)
        self._details(dwg, geo.details)
        if landmarks:
            self._landmarks(dwg, geo.landmark_lines)
        self._side_marks(dwg, geo, viewbox)
        if (drawn := overlay(dwg)) is not None:
            dwg.add(drawn)
        return dwg

    def _zones(self, trigger_point_id: str, side: str) -> tuple[list[str], list[str], list[str]]:
        tp = self.catalogue.trigger_points[trigger_point_id]
        on = self.catalogue.on_side
        return (
            [on(b, side) for b in tp.location.regions],
            [on(b, side) for b in tp.referral.essential],
            [on(b, side) for b in tp.referral.spillover],
        )

    def marker_points(self, view_id: str, trigger_point_id: str, side: str) -> list[tuple[float, float]]:
        """Where the X goes: the authored X of the view; else, where the view draws the muscle, a point
        inside it and the location (derived once); else the location regions' representative points."""
        geo = self.geometry[view_id]
        tp = self.catalogue.trigger_points[trigger_point_id]
        framed, source = geo.drawn_over, authored_view(view_id, self.catalogue.views)
        warp = self.warps[source]
        own = own_marker(self.catalogue, self.figure, tp.id, source)
        authored = authored_marker(geo, tp, source, side if source == framed else "right", warp, own)
        if authored is not None:
            width = self.geometry[source].width
            return [(round(width - authored[0], 1), authored[1]) if source != framed else authored]
        drawing = geo.muscle(tp.muscle, side)
        if drawing is not None:
            key = (view_id, trigger_point_id, side)
            if key not in self._derived:
                self._derived[key] = derived_marker(geo, drawing, location_regions(self.catalogue, tp, side))
            derived = self._derived[key]
            if derived is not None:
                return [derived]
        location, _, _ = self._zones(trigger_point_id, side)
        points = [geo.representative_point(r) for r in location if r in geo.regions]
        return [p for p in dict.fromkeys(points) if p is not None]

    def markers(self, view_id: str, trigger_point_id: str, side: str) -> list[Marker]:
        """The X's of a trigger point in a view, each tagged with its id."""
        return [(trigger_point_id, point) for point in self.marker_points(view_id, trigger_point_id, side)]

    def trigger_point_svg(
        self, view_id: str, trigger_point_id: str, side: str = "right", role: str = "img", framed: bool = False
    ) -> str:
        """A view as the Manual draws a TrP: its muscle tinted, the X black, the essential zone solid red
        and the spillover stippled. `framed` (a page's or handout's picture) crops to a square around
        the pattern, with some of the body around it, instead of the whole figure at a small scale."""
        location, essential, spillover = self._zones(trigger_point_id, side)
        tp = self.catalogue.trigger_points[trigger_point_id]
        markers = self.markers(view_id, trigger_point_id, side)
        frame, size = None, None
        geo = self.geometry[view_id]
        if framed and self.catalogue.views[view_id].group == "whole body":  # a close-up is framed already
            boxes = [geo.region_bbox(r) for r in (*location, *essential, *spillover) if r in geo.regions]
            box = union_bbox([b for b in boxes if b is not None] + [(x, y, x, y) for _, (x, y) in markers])
            frame = _frame(box, geo, least=0.45) if box is not None else None
            # As big on screen as on the whole figure drawn at the same width: an X to find at a glance.
            size = 5.0 * (frame[2] - frame[0]) / geo.width if frame is not None else None
        return self.view_svg(
            view_id,
            essential=essential,
            spillover=spillover,
            markers=markers,
            role=role,
            landmarks=True,
            muscle=(tp.muscle, side),
            borders=False,
            viewbox=frame,
            marker_size=size,
        )

    def touch_view(self, region_id: str) -> str | None:
        """The first view (whole body first) in which a region is big enough to touch on a phone."""
        return self.touch_views.view(region_id)

    def sides(self, view_id: str) -> set[str]:
        """The person's sides a view shows, read from its sided regions (a crop of one arm shows one)."""
        return {rid.rsplit("-", 1)[1] for rid in self.geometry[view_id].regions if rid.endswith(("-right", "-left"))}

    def _on_side(self, view_id: str, side: str) -> str:
        """The view showing `side` that stands for `view_id`: lateral-right's mirror for a left-side TrP,
        and for a close-up cropped from one side, the crop that frames the same part on the other."""
        views = self.catalogue.views
        if side in self.sides(view_id):
            return view_id
        source, crop = authored_view(view_id, views), views[view_id].crop_of is not None
        twins = [
            v
            for v, view in views.items()
            if authored_view(v, views) == source and (view.crop_of is not None) == crop and side in self.sides(v)
        ]
        if not twins or not crop:
            return twins[0] if twins else view_id
        mirrored = self._mirrored_box(view_id)
        return min(
            twins, key=lambda v: sum(abs(a - b) for a, b in zip(self.geometry[v].viewbox, mirrored, strict=True))
        )

    def _mirrored_box(self, view_id: str) -> BBox:
        """A crop's frame moved to the other side of the person (across the midline, or into the mirror view)."""
        geo = self.geometry[view_id]
        x0, y0, x1, y1 = geo.viewbox
        framed = self.geometry[geo.drawn_over]
        axis2 = 2 * framed.mirror_x if framed.mirror_x is not None else framed.width
        return (axis2 - x1, y0, axis2 - x0, y1)

    def muscle_view(self, muscle_id: str) -> str | None:
        """The view a muscle's page shows it in: the one with the most authored X's of its trigger points
        (then the view its first trigger point opens with, then the first that draws it)."""
        drawn = [v for v, geo in self.geometry.items() if geo.muscle(muscle_id, "right") is not None]
        if not drawn:
            return None
        tps = [self.catalogue.trigger_points[t] for t in self.catalogue.tps_by_muscle.get(muscle_id, ())]
        first = self.best_view(tps[0].id) if tps else None
        return max(drawn, key=lambda v: (sum(v in t.location.markers for t in tps), v == first, -drawn.index(v)))

    def muscle_svg(self, view_id: str, muscle_id: str, role: str = "img") -> str:
        """A view with one muscle tinted and the X of each of its trigger points (its page's picture)."""
        geo = self.geometry[view_id]
        tps = self.catalogue.tps_by_muscle.get(muscle_id, ())
        marked = [t for t in tps if view_id in self.catalogue.trigger_points[t].location.markers]
        markers = [m for tp_id in marked for m in self.markers(view_id, tp_id, "right")]
        side = "right" if geo.muscle(muscle_id, "right") is not None else "left"
        drawing = geo.muscle(muscle_id, side)
        box = drawing.box if drawing is not None else geo.body_bbox()
        return self.view_svg(
            view_id, markers=markers, role=role, landmarks=True, muscle=(muscle_id, side), viewbox=_frame(box, geo)
        )

    def best_view(self, trigger_point_id: str, side: str = "right") -> str:
        """The view a TrP's page and thumbnail open with: its authored `preferred_view`; else, among the
        views that draw its muscle with an authored X (or all views when none does), the one showing most
        of its location and essential zone.

        On a tie, the view in which the location and essential zone take the largest share of the figure
        (a side view for a lateral hip pattern, a close-up for a face or hand pattern); then the first view.
        Crops of a whole-body view are left out: they are there to make small parts big enough to touch, and
        frame a pattern no better than the thumbnail's own crop (without them this rule picks the view the
        atlas authors chose for 186 of 199 trigger points; with them, 137).
        """
        tp = self.catalogue.trigger_points[trigger_point_id]
        if tp.preferred_view is not None:
            return self._on_side(tp.preferred_view, side)
        location, essential, spillover = self._zones(trigger_point_id, side)

        def score(view_id: str) -> tuple[int, int, int, float]:
            geo = self.geometry[view_id]
            regions = geo.regions
            x0, y0, x1, y1 = geo.body_bbox()
            shown = [r for r in dict.fromkeys([*location, *essential]) if r in regions]
            share = sum(geo.outline_area(r) for r in shown) / max((x1 - x0) * (y1 - y0), 1.0)
            return (
                sum(r in regions for r in location),
                sum(r in regions for r in essential),
                sum(r in regions for r in spillover),
                round(share, 3),
            )

        ids = [v for v in self.view_ids() if self.catalogue.views[v].crop_of is None]
        marked = [
            v
            for v in ids
            if authored_view(v, self.catalogue.views) in tp.location.markers
            and self.geometry[v].muscle(tp.muscle, side) is not None
        ]
        candidates = marked or ids
        return max(candidates, key=lambda v: (score(v), -ids.index(v)))

    def thumbnail_svg(self, trigger_point_id: str, side: str = "right") -> str:
        """A small picture cropped to the TrP's location and referral zones, without links."""
        view_id = self.best_view(trigger_point_id, side)
        geo = self.geometry[view_id]
        location, essential, spillover = self._zones(trigger_point_id, side)
        markers = self.markers(view_id, trigger_point_id, side)
        boxes = [geo.region_bbox(r) for r in (*location, *essential, *spillover) if r in geo.regions]
        boxes += [(x, y, x, y) for _, (x, y) in markers]
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
        zones = self.referral_group(dwg, geo, essential, spillover, prefix)
        if zones is not None:
            dwg.add(zones)
        visible = {r for r, poly in geo.regions.items() if _overlaps(poly, viewbox)}
        classes = self.region_classes(geo, (), essential, spillover)
        self._regions(dwg, geo, classes, None, prefix, only=visible, titles=False, borders=False)
        self._shown_muscle(dwg, geo, tp.muscle, side, prefix)
        self._details(dwg, [c for c in geo.details if _overlaps(c.points, viewbox)])
        self._landmarks(dwg, [c for c in geo.landmark_lines if _overlaps(c.points, viewbox)])
        self._markers(dwg, markers, max(3.0, side_len / 28))
        return dwg.tostring()


def is_pressed(classes: str) -> str:
    """`aria-pressed` of a region on the pain drawing, from its classes: selected means pressed."""
    return "true" if "is-highlighted" in classes else "false"


def hatch_pattern(dwg: svgwrite.Drawing) -> svgwrite.pattern.Pattern:
    """The spillover fill: red dots on pale pink, as the Manual stipples it (a hatch reads as solid when small)."""
    pattern = dwg.pattern(id="tm-stipple", size=(6, 6), patternUnits="userSpaceOnUse")
    pattern.add(dwg.rect((0, 0), (6, 6), fill="#fbe4df"))
    for cx, cy in ((1.5, 1.5), (4.5, 4.5)):
        pattern.add(dwg.circle((cx, cy), 1.15, fill=HATCH))
    return pattern


def marker_group(dwg: svgwrite.Drawing, markers: Collection[Marker], size: float) -> svgwrite.container.Group | None:
    """The Xs, white under black so each reads on any fill; each X its own group with `data-trigger-point`
    (its bounding-box centre is the X's centre). None without markers."""
    if not markers:
        return None
    group = dwg.g(class_="tm-markers")
    group["aria-hidden"] = "true"
    for tp_id, (x, y) in markers:
        x0, y0, x1, y1 = fmt(x - size), fmt(y - size), fmt(x + size), fmt(y + size)
        d = f"M{x0},{y0}L{x1},{y1}M{x0},{y1}L{x1},{y0}"
        mark = dwg.g(class_="tm-x")
        mark["data-trigger-point"] = tp_id
        mark.add(dwg.path(d=d, stroke="#fff", stroke_width=fmt(size * 0.9)))
        mark.add(dwg.path(d=d, stroke=X_COLOUR, stroke_width=fmt(size * 0.45)))
        group.add(mark)
    return group


def _frame(box: BBox, geo: ViewGeometry, least: float = 0.3) -> BBox:
    """A square frame around a box with a margin, at least `least` of the figure's height, kept in the view."""
    x0, y0, x1, y1 = box
    vx0, vy0, vx1, vy1 = geo.viewbox  # a crop's canvas does not start at 0, 0
    _, by0, _, by1 = geo.body_bbox()
    side = min(max(max(x1 - x0, y1 - y0) * 1.5 + 20, (by1 - by0) * least), geo.height)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - side / 2, vx0), vx1 - side) if side < geo.width else vx0 + (geo.width - side) / 2
    top = min(max(cy - side / 2, vy0), vy1 - side)
    return (round(left, 1), round(top, 1), round(left + side, 1), round(top + side, 1))


def _attrs(style: dict[str, str]) -> dict[str, str]:
    """SVG attribute names as svgwrite's keyword arguments ('fill-opacity' -> fill_opacity)."""
    return {key.replace("-", "_"): value for key, value in style.items()}


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
