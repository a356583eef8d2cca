"""The body map inlined into pages, so its regions are real, keyboard-reachable links.

The diagrams carry their own `<style>` for when they are served as files; a
page's Content-Security-Policy forbids inline styles, so the inlined copy drops
it and site.css styles the same classes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

from markupsafe import Markup

from app.catalogue.index import Catalogue
from app.state import Snapshot

_PROLOGUE = re.compile(r"<\?xml[^>]*\?>\s*")
_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S)
# svgwrite writes xlink:href; SVG 2's plain href is what scripts and every current browser use.
_XLINK_HREF = re.compile(r" xlink:href=")


def inline(svg: str) -> Markup:
    """An SVG document as markup to place inside HTML (svgwrite has escaped its text).

    Its role becomes "group": an "img" is one picture to assistive technology, so the region links
    inside it would be hidden (axe: nested-interactive).
    """
    svg = _STYLE.sub("", _PROLOGUE.sub("", svg)).replace(' role="img"', ' role="group"', 1)
    return Markup(_XLINK_HREF.sub(" href=", svg))


def sided(catalogue: Catalogue, bases: Iterable[str], sides: Iterable[str]) -> list[str]:
    """Concrete region ids of side-neutral ids on the given sides."""
    sides = tuple(sides)
    return list(dict.fromkeys(catalogue.on_side(b, s) for b in bases for s in sides if b in catalogue.region_specs))


def side_of(catalogue: Catalogue, region_id: str) -> str:
    """The body side a region is on; a midline region counts as the right."""
    region = catalogue.regions.get(region_id)
    return region.side if region is not None and region.side != "midline" else "right"


def view_map(
    snap: Snapshot,
    view_id: str,
    *,
    selected: Collection[str] = (),
    pattern: tuple[str, Collection[str]] | None = None,
    href: Callable[[str], str],
) -> Markup | None:
    """One view with the selected regions highlighted and, optionally, a TrP's pattern (id, sides) overlaid."""
    diagrams = snap.diagrams
    if diagrams is None or view_id not in diagrams.geometry:
        return None
    essential: list[str] = []
    spillover: list[str] = []
    markers: list[tuple[float, float]] = []
    if pattern is not None:
        tp_id, sides = pattern
        tp = snap.catalogue.trigger_points[tp_id]
        essential = sided(snap.catalogue, tp.referral.essential, sides)
        spillover = sided(snap.catalogue, tp.referral.spillover, sides)
        for side in sides:
            markers += diagrams.marker_points(view_id, tp_id, side)
    svg = diagrams.view_svg(
        view_id, highlight=selected, essential=essential, spillover=spillover, markers=markers, region_href=href
    )
    return inline(svg)


def trigger_point_map(snap: Snapshot, tp_id: str, side: str) -> tuple[str, Markup] | None:
    """The large diagram of a TrP page: its best view with the X, solid essential and hatched spillover zones."""
    diagrams = snap.diagrams
    if diagrams is None or not diagrams.geometry:
        return None
    view_id = diagrams.best_view(tp_id, side)
    return view_id, inline(diagrams.trigger_point_svg(view_id, tp_id, side))
