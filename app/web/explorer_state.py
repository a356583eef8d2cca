"""The explorer's state (view, mode, selected regions, the candidate shown on the map) as a URL.

Every state is a URL, so a therapist can bookmark or share it and the back
button works; with JavaScript off, each region on the map links to the state
with that region toggled, so the map still works as a pain drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlencode

from app.catalogue.index import Catalogue

Mode = Literal["pain", "locate", "muscles"]
MODES: dict[str, str] = {
    "pain": "Where does it hurt?",
    "locate": "Where is the trigger point?",
    "muscles": "Which muscle is this?",
}
DEFAULT_MODE: Mode = "pain"
MAX_SELECTED = 74  # every CHOIR region at once; the lookup caps itself at 200


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

    def url(self, path: str = "/", **changes: object) -> str:
        """This state (with `changes`) as a URL of `path`: the explorer, its fragment or its handout."""
        state = replace(self, **changes) if changes else self  # type: ignore[arg-type]
        params: list[tuple[str, str]] = [("view", state.view)] if state.view else []
        if state.mode != DEFAULT_MODE:
            params.append(("mode", state.mode))
        params += [("region", r) for r in state.regions]
        if state.show:
            params.append(("show", state.show))
        return f"{path}?{urlencode(params)}"

    def toggled(self, region_id: str) -> str:
        """The URL of this state with one region added or removed (the map's links without JavaScript)."""
        if self.mode == "locate":
            regions: tuple[str, ...] = () if self.regions == (region_id,) else (region_id,)
        elif region_id in self.regions:
            regions = tuple(r for r in self.regions if r != region_id)
        else:
            regions = (*self.regions, region_id)
        return self.url(regions=regions, show=None)

    def twin(self) -> str | None:
        """The JSON API query answering this state."""
        if not self.regions:
            return None
        if self.mode == "locate":
            return "/api/v1/trigger-points?" + urlencode({"region": self.regions[0]})
        return "/api/v1/lookup?" + urlencode([("region", r) for r in self.regions])
