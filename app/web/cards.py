"""The explorer's result cards: `_card.html` rendered once per trigger point and variant, filled per drawing.

A card is mostly its trigger point's (thumbnail, name, links, related
conditions); a drawing changes only which painted areas it explains, the
sentence why, whether the map shows it, and the link that shows it. Rendering
twenty cards through Jinja was most of an explorer page's time, so each
(trigger point, side, variant) is rendered once with slots there, through the
same template, and a drawing fills the slots with its escaped values
(tests/web/test_cards.py compares the two for random drawings).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote_plus

from fastapi import Request
from jinja2 import Template
from markupsafe import escape

from app.catalogue.index import Catalogue
from app.web.explorer_state import ExplorerState
from app.web.kept import Slotted, slot
from app.web.templating import region_label, words

ESSENTIAL, SPILLOVER, EXPLANATION, SHOW_URL = "E", "P", "X", "U"


MAX_KEPT_WORDS = 16384  # painted-area lists kept as words; drawings repeat their areas, but are unbounded


class _SlotState:
    """Stands in for the explorer state while a card is rendered once: its link to show the card is a slot."""

    def url(self, **changes: object) -> str:
        return slot(SHOW_URL)


class Cards:
    """One catalogue's explorer cards, rendered once per (trigger point, side, variant) as they are asked for.

    Bounded by the catalogue: a variant is whether the card explains a drawing, whether the drawing falls in
    its main zone and in its spillover, and whether the map shows it (at most 8 per trigger point and side).
    """

    def __init__(self, template: Template, catalogue: Catalogue) -> None:
        self.template = template
        self.catalogue = catalogue
        self._stencils: dict[tuple[str, str, bool, bool, bool, bool], Slotted] = {}
        self._pool: dict[str, str] = {}  # static pieces shared between variants
        self._show_ids: dict[str, str] = {}  # each trigger point's id as it ends its "show" link, escaped
        self._words: dict[tuple[str, ...], str] = {}

    def render(
        self, request: Request, items: Sequence[Mapping[str, Any]], current: Any, state: ExplorerState
    ) -> list[str]:
        """Each item's card (escaped HTML), as `{% with t = item.trigger_point, side = item.sides[0] %}
        {% include "_card.html" %}` renders it in the explorer."""
        shown_id = current["trigger_point"]["id"] if current else None
        # Escaping works character by character: the escaped prefix and id join to the escaped link.
        show_prefix = str(escape(state.show_prefix))
        cards = []
        for item in items:
            t, side = item["trigger_point"], item["sides"][0]
            matched = item.get("matched")
            key = (
                t["id"],
                side,
                matched is not None,
                bool(matched and matched["essential"]),
                bool(matched and matched["spillover"]),
                t["id"] == shown_id,
            )
            stencil = self._stencils.get(key)
            if stencil is None:
                stencil = self._stencils[key] = self._stencil(request, t, side, key)
            show_id = self._show_ids.get(t["id"])
            if show_id is None:
                show_id = self._show_ids[t["id"]] = str(escape(quote_plus(t["id"])))
            values: dict[str, str] = {SHOW_URL: show_prefix + show_id}
            if matched is not None:
                values[EXPLANATION] = escape(item["explanation"])
                values[ESSENTIAL] = self._zone_words(matched["essential"])
                values[SPILLOVER] = self._zone_words(matched["spillover"])
            cards.append(stencil.filled(values))
        return cards

    def _zone_words(self, ids: Sequence[str]) -> str:
        """The painted areas a card explains, as the template writes them, escaped (kept: they repeat)."""
        key = tuple(ids)
        found = self._words.get(key)
        if found is None:
            if len(self._words) >= MAX_KEPT_WORDS:
                self._words.clear()
            found = self._words[key] = str(escape(words([region_label(self.catalogue, r) for r in ids])))
        return found

    def warm(self, request: Request, t: Mapping[str, Any], side: str) -> None:
        """Render every variant of a trigger point's card on one side that a drawing can ask for."""
        for essential, spillover in ((True, False), (False, True), (True, True)):
            for is_shown in (False, True):
                key = (t["id"], side, True, essential, spillover, is_shown)
                if key not in self._stencils:
                    self._stencils[key] = self._stencil(request, t, side, key)

    def _stencil(
        self, request: Request, t: Mapping[str, Any], side: str, key: tuple[str, str, bool, bool, bool, bool]
    ) -> Slotted:
        _, _, candidate, essential, spillover, is_shown = key
        item: dict[str, Any] = {"trigger_point": t, "sides": [side]}
        if candidate:
            item["matched"] = {
                "essential": [slot(ESSENTIAL)] if essential else [],
                "spillover": [slot(SPILLOVER)] if spillover else [],
            }
            item["explanation"] = slot(EXPLANATION)
        context = {
            "request": request,  # for the name filters
            "t": t,
            "side": side,
            "item": item,
            "state": _SlotState(),
            "current": {"trigger_point": {"id": t["id"]}} if is_shown else None,
        }
        return Slotted(self.template.render(context), self._pool)
