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
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from app.body.render import BodyDiagrams, Marker, hatch_pattern, is_pressed, marker_group

if TYPE_CHECKING:  # svgwrite itself is imported on the first drawing (app/body/render.py)
    import svgwrite
    from svgwrite.base import BaseElement

Transform = Callable[[str], str]
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in the catalogue's text
_HATCH, _ZONES, _MUSCLE, _OVERLAY = "S", "Z", "U", "M"
_SLOT = re.compile(
    f'<g id="{_OPEN}([{_HATCH}{_ZONES}{_MUSCLE}{_OVERLAY}]){_CLOSE}" ?/>|{_OPEN}([CHP])([^{_CLOSE}]*){_CLOSE}'
)


def _slot(kind: str, key: str = "") -> str:
    return f"{_OPEN}{kind}{key}{_CLOSE}"


def _placeholder(kind: str) -> Callable[[svgwrite.Drawing], BaseElement]:
    return lambda dwg: dwg.g(id=_slot(kind))


@dataclass(frozen=True)
class Links:
    """Every region's link at once, for a map whose links share a prefix: `prefix + suffix(region id)`, but
    `others` for the regions named there. Cheaper than a call per region (a view has ~130): the prefix is
    escaped once, and each region's escaped suffix is kept (`suffix` must be a pure function of the id)."""

    prefix: str
    suffix: Callable[[str], str]
    others: Mapping[str, str]

    def __call__(self, region_id: str) -> str:
        """The link of one region, as a plain `href` function gives it."""
        found = self.others.get(region_id)
        return found if found is not None else self.prefix + self.suffix(region_id)


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

    def __init__(
        self, body: BodyDiagrams, view_id: str, role: str, toggles: bool, transform: Transform | None = None
    ) -> None:
        """`transform` rewrites the static text once (a page inlining the SVG drops its prologue and style);
        it must leave text alone across a slot, as the regular expressions of app/web/bodymap.py do."""
        geo = body.geometry[view_id]
        drawing = body.view_drawing(
            geo,
            {rid: _slot("C", rid) for rid in geo.regions},
            lambda rid: _slot("H", rid),
            role=role,
            toggles=toggles,
            landmarks=False,
            hatch=_placeholder(_HATCH),
            referral=_placeholder(_ZONES),
            overlay=_placeholder(_OVERLAY),
            muscle=_placeholder(_MUSCLE),
            pressed={rid: _slot("P", rid) for rid in geo.regions},
        )
        text = drawing.tostring()
        self._body = body
        self._geo = geo
        self._dwg = drawing  # an element factory for the Xs and the muscle
        self._transform = transform or (lambda text: text)
        # Drawn once each: a TrP's Xs, its muscle and its zones (bounded by the catalogue's TrPs and muscles).
        self._xs: dict[tuple[Marker, ...], str] = {}
        self._muscles: dict[tuple[str, str], str] = {}
        self._zones: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}
        self._marker_size = body.marker_size(geo)
        self._suffix_cache: dict[Callable[[str], str], dict[str, str]] = {}
        self.hatch = self._transform(element_text(hatch_pattern(drawing)))
        # The text as a list: static text at even positions, each slot's default at odd ones, so a state
        # copies the list and sets only what differs from the default (a few classes, every link).
        self.parts: list[str] = []
        self.links: list[tuple[int, str]] = []  # (position, region id)
        self.classes: dict[str, list[int]] = {}
        self.pressed: dict[str, list[int]] = {}
        self.places: dict[str, int] = {}  # the fill, the muscle, the Xs
        start = 0
        for found in _SLOT.finditer(text):
            self.parts.append(self._transform(text[start : found.start()]))
            at = len(self.parts)
            kind, rid = (found.group(1), "") if found.group(1) else (found.group(2), found.group(3))
            if kind == "C":
                self.classes.setdefault(rid, []).append(at)
            elif kind == "P":
                self.pressed.setdefault(rid, []).append(at)
            elif kind == "H":
                self.links.append((at, rid))
            else:
                self.places[kind] = at
            self.parts.append(is_pressed("") if kind == "P" else "")
            start = found.end()
        self.parts.append(self._transform(text[start:]))

    def render(
        self,
        classes: Mapping[str, str],
        href: Callable[[str], str] | Links,
        essential: Collection[str],
        spillover: Collection[str],
        markers: Collection[Marker],
        muscle: tuple[str, str] | None = None,
    ) -> str:
        """The view for one state: `classes` as BodyDiagrams.region_classes makes them, `href` each region's
        link, the referral zones, the Xs, and the muscle (id, side) tinted under them."""
        parts = self.parts.copy()
        if isinstance(href, Links):
            # Escaping works character by character, so the escaped prefix and suffix join to the escaped link.
            prefix, suffixes = escape_attribute(href.prefix), self._suffixes(href.suffix)
            for at, rid in self.links:
                parts[at] = prefix + suffixes[rid]
            links: Iterable[tuple[int, str]] = [(at, rid) for at, rid in self.links if rid in href.others]
        else:
            links = self.links
        for at, rid in links:
            link = href(rid)
            if not link:
                raise ValueError(f"an empty link for region {rid}: svgwrite would leave the attribute out")
            parts[at] = escape_attribute(link)
        for rid, cls in classes.items():
            for at in self.classes.get(rid, ()):
                parts[at] = cls
            for at in self.pressed.get(rid, ()):
                parts[at] = is_pressed(cls)
        if spillover and _HATCH in self.places:
            parts[self.places[_HATCH]] = self.hatch
        if (essential or spillover) and _ZONES in self.places:
            parts[self.places[_ZONES]] = self._referral(tuple(essential), tuple(spillover))
        if muscle is not None and _MUSCLE in self.places:
            parts[self.places[_MUSCLE]] = self._muscle(muscle)
        if markers and _OVERLAY in self.places:
            parts[self.places[_OVERLAY]] = self._markers(tuple(markers))
        return "".join(parts)

    def _suffixes(self, suffix: Callable[[str], str]) -> dict[str, str]:
        """Each region's escaped link suffix, kept per suffix function (one in practice)."""
        found = self._suffix_cache.get(suffix)
        if found is None:
            found = self._suffix_cache[suffix] = {rid: escape_attribute(suffix(rid)) for _, rid in self.links}
        return found

    def _referral(self, essential: tuple[str, ...], spillover: tuple[str, ...]) -> str:
        found = self._zones.get((essential, spillover))
        if found is None:
            prefix = f"tm-{self._geo.id}"
            group = self._body.referral_group(self._dwg, self._geo, essential, spillover, prefix)
            found = self._zones[essential, spillover] = self._transform(element_text(group)) if group else ""
        return found

    def _markers(self, markers: tuple[Marker, ...]) -> str:
        found = self._xs.get(markers)
        if found is None:
            group = marker_group(self._dwg, markers, self._marker_size)
            found = self._xs[markers] = self._transform(element_text(group)) if group is not None else ""
        return found

    def _muscle(self, muscle: tuple[str, str]) -> str:
        found = self._muscles.get(muscle)
        if found is None:
            muscle_id, side = muscle
            group = self._body.shown_muscle_group(self._dwg, self._geo, muscle_id, side, f"tm-{self._geo.id}")
            found = self._muscles[muscle] = self._transform(element_text(group)) if group is not None else ""
        return found
