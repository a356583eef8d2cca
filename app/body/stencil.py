"""A view drawn once, with slots for what a page state changes: the map of a new state by string joins.

A whole view takes ~15 ms to draw with svgwrite; the explorer shows one per
state, and most states are new. What a state changes is small: each region's
classes, link and `aria-pressed`, the spillover fill in the defs, and the Xs
drawn over the map. `ViewStencil` draws the view once through the renderer's
own `view_drawing`, with a placeholder in each of those places, and splits the
text there; a state then joins the static text with its values, which are
escaped as the XML serializer escapes them. The result is the text `view_svg`
draws for the same state (tests/body/test_stencil.py compares them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from xml.etree import ElementTree

import svgwrite
from svgwrite.base import BaseElement

from app.body.render import MARKER_SIZE, BodyDiagrams, Marker, hatch_pattern, is_pressed, marker_group

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in the catalogue's text
_HATCH, _MUSCLE, _OVERLAY = "S", "U", "M"
_SLOT = re.compile(f'<g id="{_OPEN}([{_HATCH}{_MUSCLE}{_OVERLAY}]){_CLOSE}" ?/>|{_OPEN}([CHP])([^{_CLOSE}]*){_CLOSE}')


def _slot(kind: str, key: str = "") -> str:
    return f"{_OPEN}{kind}{key}{_CLOSE}"


def _placeholder(kind: str) -> Callable[[svgwrite.Drawing], BaseElement]:
    return lambda dwg: dwg.g(id=_slot(kind))


def escape_attribute(value: str) -> str:
    """An attribute value as ElementTree writes it (svgwrite serializes through ElementTree)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value or ">" in value or '"' in value or "\n" in value or "\r" in value or "\t" in value:
        value = value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        value = value.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
    return value


def element_text(element: BaseElement) -> str:
    """One element as the document's serializer writes it inside the document."""
    return ElementTree.tostring(element.get_xml(), encoding="unicode")


class ViewStencil:
    """One view (with its role and toggles) as static text and the slots a state fills."""

    def __init__(self, body: BodyDiagrams, view_id: str, role: str, toggles: bool) -> None:
        geo = body.geometry[view_id]
        self.regions = tuple(geo.regions)
        drawing = body.view_drawing(
            geo,
            {rid: _slot("C", rid) for rid in self.regions},
            lambda rid: _slot("H", rid),
            role=role,
            toggles=toggles,
            landmarks=False,
            hatch=_placeholder(_HATCH),
            overlay=_placeholder(_OVERLAY),
            muscle=_placeholder(_MUSCLE),
            pressed={rid: _slot("P", rid) for rid in self.regions},
        )
        text = drawing.tostring()
        self._body = body
        self._geo = geo
        self._dwg = drawing  # an element factory for the Xs and the muscle
        # Drawn once each: a TrP's Xs and its muscle (bounded by the catalogue's TrPs and muscles).
        self._xs: dict[tuple[Marker, ...], str] = {}
        self._muscles: dict[tuple[str, str], str] = {}
        self.static: list[str] = []
        self.slots: list[tuple[str, str]] = []  # (kind, region id): C class, H link, P pressed; S fill, M overlay
        start = 0
        for found in _SLOT.finditer(text):
            self.static.append(text[start : found.start()])
            self.slots.append((found.group(1), "") if found.group(1) else (found.group(2), found.group(3)))
            start = found.end()
        self.static.append(text[start:])
        self.hatch = element_text(hatch_pattern(drawing))

    def render(
        self,
        classes: Mapping[str, str],
        href: Callable[[str], str],
        spillover: bool,
        markers: Collection[Marker],
        muscle: tuple[str, str] | None = None,
    ) -> str:
        """The view for one state: `classes` as BodyDiagrams.region_classes makes them, `href` each region's
        link, whether the stipple is used, the Xs, and the muscle (id, side) tinted under them."""
        values: list[str] = []
        add = values.append
        for kind, rid in self.slots:
            if kind == "C":
                add(classes.get(rid, ""))
            elif kind == "H":
                link = href(rid)
                if not link:
                    raise ValueError(f"an empty link for region {rid}: svgwrite would leave the attribute out")
                add(escape_attribute(link))
            elif kind == "P":
                add(is_pressed(classes.get(rid, "")))
            elif kind == _HATCH:
                add(self.hatch if spillover else "")
            elif kind == _MUSCLE:
                add(self._muscle(muscle) if muscle is not None else "")
            else:
                add(self._markers(tuple(markers)))
        parts = [self.static[0]]
        for value, static in zip(values, self.static[1:], strict=True):
            parts.append(value)
            parts.append(static)
        return "".join(parts)

    def _markers(self, markers: tuple[Marker, ...]) -> str:
        found = self._xs.get(markers)
        if found is None:
            group = marker_group(self._dwg, markers, MARKER_SIZE)
            found = self._xs[markers] = element_text(group) if group is not None else ""
        return found

    def _muscle(self, muscle: tuple[str, str]) -> str:
        found = self._muscles.get(muscle)
        if found is None:
            muscle_id, side = muscle
            group = self._body.shown_muscle_group(self._dwg, self._geo, muscle_id, side, f"tm-{self._geo.id}")
            found = self._muscles[muscle] = element_text(group) if group is not None else ""
        return found
