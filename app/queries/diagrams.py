"""The body diagrams of one catalogue as SVG bytes: plain views, overlays, thumbnails and page maps.

Plain views and thumbnails depend only on the catalogue, so each is drawn once
(on first request, not at startup) and kept. Requests run in worker threads:
a lock per key makes concurrent first requests draw a picture once, not race.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable

from app.body.render import BodyDiagrams, Marker
from app.body.stencil import Links, Transform, ViewStencil
from app.catalogue.index import Catalogue
from app.catalogue.models import BASE_FIGURE


class Diagrams:
    def __init__(self, catalogue: Catalogue, figure: str = BASE_FIGURE) -> None:
        self.catalogue = catalogue
        self.figure = figure
        self.body = BodyDiagrams(catalogue, figure)
        self._cache: dict[tuple[str, ...], bytes] = {}
        self._locks: dict[tuple[str, ...], threading.Lock] = {}
        self._guard = threading.Lock()
        self._stencils: dict[tuple[str, str, str, Transform | None], ViewStencil] = {}
        self._stencil_lock = threading.Lock()
        self._patterns: dict[
            tuple[str, str, tuple[str, ...]], tuple[list[str], list[str], list[Marker], tuple[str, str] | None]
        ] = {}

    @property
    def views(self) -> list[str]:
        return self.body.view_ids()

    def _once(self, key: tuple[str, ...], draw: Callable[[], str]) -> bytes:
        found = self._cache.get(key)
        if found is not None:
            return found
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            found = self._cache.get(key)
            if found is None:
                found = self._cache[key] = draw().encode()
            return found

    def plain(self, view_id: str, layer: str | None = None) -> bytes:
        """A view without overlays; `layer="muscles"` draws every muscle of the view, each a link."""
        return self._once(("view", view_id, layer or ""), lambda: self.body.view_svg(view_id, layer=layer))

    def muscle_map(self, view_id: str) -> str | None:
        """A view with every muscle drawn, each a link to its page, for a page to inline (drawn once)."""
        if view_id not in self.body.geometry:
            return None
        draw = lambda: self.body.view_svg(view_id, layer="muscles", region_href=None, role="group")  # noqa: E731
        return self._once(("muscle-map", view_id), draw).decode()

    def muscle(self, muscle_id: str) -> tuple[str, str] | None:
        """A muscle's page picture (view id, inline SVG): the muscle and all its X's, drawn once."""
        view_id = self.body.muscle_view(muscle_id)
        if view_id is None:
            return None
        draw = lambda: self.body.muscle_svg(view_id, muscle_id, role="group")  # noqa: E731
        return view_id, self._once(("muscle", muscle_id), draw).decode()

    def warm(self) -> None:
        """Draw, once, what requests would otherwise draw on first use: every thumbnail (~400, ~4 MB for the
        whole catalogue) and the sampled regions behind the X's and crops. Meant for a background thread after
        startup, so startup stays short and no person waits for a first drawing."""
        for tp_id in self.catalogue.trigger_points:
            for side in ("right", "left"):
                self.thumbnail(tp_id, side)
        for geo in self.body.geometry.values():
            for region_id in geo.regions:
                geo.representative_point(region_id)

    def warm_in_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.warm, name="triggermap-warm", daemon=True)
        thread.start()
        return thread

    def thumbnail(self, tp_id: str, side: str) -> bytes:
        """A small picture of one trigger point's pattern, cropped to it."""
        return self._once(("thumb", tp_id, side), lambda: self.body.thumbnail_svg(tp_id, side))

    def highlighted(self, view_id: str, regions: Collection[str], layer: str | None = None) -> bytes:
        return self.body.view_svg(view_id, highlight=regions, layer=layer).encode()

    def trigger_point(self, view_id: str, tp_id: str, side: str, role: str = "img", framed: bool = False) -> bytes:
        """A view with a TrP's pattern; role "group" when a page inlines it (its regions are links), `framed`
        to crop it to the pattern (a page's or handout's picture)."""
        return self.body.trigger_point_svg(view_id, tp_id, side, role=role, framed=framed).encode()

    def best_view(self, tp_id: str, side: str) -> str:
        return self.body.best_view(tp_id, side)

    def touch_view(self, region_id: str) -> str | None:
        """The view to select a region in on a phone: the first where it is big enough to touch."""
        return self.body.touch_view(region_id)

    def state_map(
        self,
        view_id: str,
        *,
        selected: Collection[str],
        pattern: tuple[str, Iterable[str]] | None,
        href: Callable[[str], str] | Links,
        role: str = "group",
        toggles: bool = False,
        transform: Transform | None = None,
    ) -> str | None:
        """One view for a page: the selected regions highlighted and, optionally, a TrP's pattern (id, sides).

        What `view_svg` would draw for the same arguments (then passed through `transform`), filled into the
        view's stencil (drawn once).
        """
        geo = self.body.geometry.get(view_id)
        if geo is None:
            return None
        essential: list[str] = []
        spillover: list[str] = []
        markers: list[Marker] = []
        muscle: tuple[str, str] | None = None
        if pattern is not None:
            essential, spillover, markers, muscle = self._pattern(view_id, pattern[0], tuple(pattern[1]))
        classes = self.body.region_classes(geo, selected, essential, spillover)
        stencil = self.stencil(view_id, role, toggles, transform)
        return stencil.render(classes, href, essential, spillover, markers, muscle)

    def _pattern(
        self, view_id: str, tp_id: str, sides: tuple[str, ...]
    ) -> tuple[list[str], list[str], list[Marker], tuple[str, str] | None]:
        """A trigger point's zones, X's and muscle on its sides in a view, worked out once (bounded by the
        catalogue: views x trigger points x three side sets)."""
        key = (view_id, tp_id, sides)
        found = self._patterns.get(key)
        if found is None:
            tp = self.catalogue.trigger_points[tp_id]
            markers = [marker for side in sides for marker in self.body.markers(view_id, tp_id, side)]
            found = self._patterns[key] = (
                self.catalogue.sided(tp.referral.essential, sides),
                self.catalogue.sided(tp.referral.spillover, sides),
                markers,
                (tp.muscle, sides[0]) if sides else None,
            )
        return found

    def stencil(self, view_id: str, role: str, toggles: bool, transform: Transform | None = None) -> ViewStencil:
        """A view drawn once with slots for a state (a few per view: its roles, toggles and transforms)."""
        key = (view_id, role, str(toggles), transform)
        found = self._stencils.get(key)
        if found is not None:
            return found
        with self._stencil_lock:  # a few stencils a catalogue: one lock will do
            found = self._stencils.get(key)
            if found is None:
                found = self._stencils[key] = ViewStencil(self.body, view_id, role, toggles, transform)
            return found
