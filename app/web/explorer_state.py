"""The explorer's state (view, mode, selected regions, the candidate shown on the map) as a URL.

Every state is a URL, so a therapist can bookmark or share it and the back
button works; with JavaScript off, each region on the map links to the state
with that region toggled, so the map still works as a pain drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Literal
from urllib.parse import quote_plus, urlencode

from app.body.stencil import Links
from app.catalogue.index import Catalogue

Mode = Literal["pain", "locate", "muscles"]
MODES: dict[str, str] = {
    "pain": "Where does it hurt?",
    "locate": "Where is the trigger point?",
    "muscles": "Which muscle is this?",
}
DEFAULT_MODE: Mode = "pain"
MAX_SELECTED = 74  # every CHOIR region at once; the lookup caps itself at 200


@lru_cache(maxsize=4096)
def _param(key: str, value: str) -> str:
    """`key=value` as `urlencode` writes it; kept, because states are made of catalogue ids and so repeat."""
    return f"{quote_plus(key)}={quote_plus(value)}"


def _params(view: str, mode: str, region_part: list[str], show: str | None) -> list[str]:
    """The query's `key=value` pairs, encoded as `urlencode` encodes them (the regions' pairs given)."""
    params = [_param("view", view)] if view else []
    if mode != DEFAULT_MODE:
        params.append(_param("mode", mode))
    params += region_part
    if show:
        params.append(_param("show", show))
    return params


def _region_pair(region_id: str) -> str:
    return _param("region", region_id)


_URL_FIELDS = frozenset({"view", "mode", "regions", "show"})


def default_view(catalogue: Catalogue) -> str:
    return "anterior" if "anterior" in catalogue.views else next(iter(catalogue.views), "")


@dataclass(frozen=True)
class ExplorerState:
    view: str
    mode: Mode
    regions: tuple[str, ...]
    show: str | None
    unknown: tuple[str, ...] = ()

    @classmethod
    def parse(
        cls, catalogue: Catalogue, view: str | None, mode: str | None, regions: list[str], show: str | None
    ) -> ExplorerState:
        """A state from query parameters; unknown values fall back to defaults, unknown regions are kept aside."""
        known = [r for r in dict.fromkeys(regions) if r in catalogue.regions][:MAX_SELECTED]
        unknown = tuple(r[:100] for r in dict.fromkeys(regions) if r not in catalogue.regions)[:10]
        chosen_mode: Mode = mode if mode in ("locate", "muscles") else DEFAULT_MODE  # type: ignore[assignment]
        if chosen_mode == "locate":
            known = known[-1:]  # one place at a time: "what lies here?"
        elif chosen_mode == "muscles":
            known, show = [], None  # the muscle map selects nothing: each muscle opens its page
        return cls(
            view=view if view is not None and view in catalogue.views else default_view(catalogue),
            mode=chosen_mode,
            regions=tuple(known),
            show=show if show in catalogue.trigger_points else None,
            unknown=unknown,
        )

    def url(self, path: str = "/", **changes: Any) -> str:
        """This state (with `changes` to its fields) as a URL of `path`: the explorer, its fragment or its
        handout. A page asks for ~30 (modes, views, each card's "show"), so no new state is made for one."""
        if not changes.keys() <= _URL_FIELDS:
            raise TypeError(f"not a field of the state's URL: {', '.join(sorted(changes.keys() - _URL_FIELDS))}")
        view, mode = changes.get("view", self.view), changes.get("mode", self.mode)
        regions = changes.get("regions", self.regions)
        region_part = self._region_part if regions is self.regions else [_param("region", r) for r in regions]
        return f"{path}?{'&'.join(_params(view, mode, region_part, changes.get('show', self.show)))}"

    def mode_url(self, mode: str) -> str:
        """This state asking another question: locate keeps the last area only, and shows no candidate."""
        return self.url(mode=mode, regions=self.regions[-1:] if mode == "locate" else self.regions, show=None)

    @cached_property
    def show_prefix(self) -> str:
        """`url(show=id)` up to the id: each result card's "Show on the map" link is this and the id."""
        base = self.url(show=None)
        return base + ("" if base.endswith("?") else "&") + "show="

    def query_after_view(self) -> str:
        """The URL query of this state but its view: what follows `view=<id>&` in `url(view=id)`."""
        return "&".join(_params("", self.mode, self._region_part, self.show))

    @cached_property
    def _region_part(self) -> list[str]:
        return [_param("region", r) for r in self.regions]

    def toggled(self, region_id: str) -> str:
        """The URL of this state with one region added or removed (the map's links without JavaScript).

        The map asks this of every region (~130 a view), so the URL with a region added is the state's own
        query, encoded once, and the region's pair.
        """
        if self.mode == "locate":
            regions: tuple[str, ...] = () if self.regions == (region_id,) else (region_id,)
            if regions:
                return self._toggle_prefix[1] + _param("region", region_id)
        elif region_id in self.regions:
            regions = tuple(r for r in self.regions if r != region_id)
        else:
            return self._toggle_prefix[0] + _param("region", region_id)
        return self.url(regions=regions, show=None)

    def toggle_links(self) -> Links:
        """`toggled` for every region at once (a map's links): the URL with a region added is a prefix and the
        region's pair, but for the regions `toggled` treats apart (those selected)."""
        prefix = self._toggle_prefix[1 if self.mode == "locate" else 0]
        return Links(prefix, _region_pair, {rid: self.toggled(rid) for rid in self.regions})

    @cached_property
    def _toggle_prefix(self) -> tuple[str, str]:
        """The URL up to an added region: with the state's regions (pain), without them (locate)."""
        return tuple(  # type: ignore[return-value]
            "/?" + "".join(f"{p}&" for p in _params(self.view, self.mode, part, None))
            for part in (self._region_part, [])
        )

    def twin(self) -> str | None:
        """The JSON API query answering this state."""
        if not self.regions:
            return None
        if self.mode == "locate":
            return "/api/v1/trigger-points?" + urlencode({"region": self.regions[0]})
        return "/api/v1/lookup?" + urlencode([("region", r) for r in self.regions])
