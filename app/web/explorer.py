"""The home page, the explorer: click where it hurts, see why; and its printable handout."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from app.api.lookup_routes import run_lookup
from app.catalogue.index import Catalogue
from app.state import Snapshot
from app.web import bodymap
from app.web.explorer_state import MODES, ExplorerState
from app.web.templating import render, snapshot

router = APIRouter(include_in_schema=False)

RESULTS = 20
HANDOUT_RESULTS = 4
RegionParam = Annotated[list[str], Query(max_length=200)]
Word = Annotated[str | None, Query(max_length=100)]


def located(snap: Snapshot, region_id: str) -> list[dict[str, Any]]:
    """TrPs lying in a region, as the API's summaries (the same as /api/v1/trigger-points?region=)."""
    c = snap.catalogue
    ids = set(c.tps_located_in.get(c.base_of(region_id), ()))
    return [t for t in snap.trigger_points if t["id"] in ids]


def results(snap: Snapshot, state: ExplorerState, limit: int = RESULTS) -> list[dict[str, Any]]:
    """The state's answer: ranked lookup candidates (pain mode) or TrPs located in the region (locate mode)."""
    if not state.regions:
        return []
    if state.mode == "locate":
        side = bodymap.side_of(snap.catalogue, state.regions[0])
        return [{"trigger_point": t, "sides": [side]} for t in located(snap, state.regions[0])]
    return run_lookup(snap, list(state.regions), [], limit)["items"]  # type: ignore[return-value]


def shown(state: ExplorerState, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The candidate whose pattern the map overlays: the one asked for, else the best one."""
    for item in items:
        if item["trigger_point"]["id"] == state.show:
            return item
    return items[0] if items else None


def client_data(c: Catalogue, state: ExplorerState) -> dict[str, Any]:
    """What explorer.js needs beyond the page to draw results: the names of conditions.

    Region names it reads from the region list already in the page, which keeps the home page light.
    """
    return {"view": state.view, "mode": state.mode, "conditions": {x.id: x.name for x in c.conditions.values()}}


def region_groups(c: Catalogue) -> list[tuple[str, list[tuple[str, str]]]]:
    """Regions by body area, for the list that stands in for the map (screen readers, no diagrams)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for region in c.regions.values():
        groups.setdefault(region.area, []).append((region.id, region.name))
    return list(groups.items())


def state_map(snap: Snapshot, state: ExplorerState, current: dict[str, Any] | None) -> Markup | None:
    """The map of an explorer state: its selection, and the shown candidate's pattern."""
    pattern = (current["trigger_point"]["id"], current["sides"]) if current else None
    return bodymap.view_map(snap, state.view, selected=state.regions, pattern=pattern, href=state.toggled)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    view: Word = None,
    mode: Word = None,
    region: RegionParam = [],  # noqa: B006
    show: Word = None,
) -> HTMLResponse:
    snap = snapshot(request)
    c = snap.catalogue
    state = ExplorerState.parse(c, view, mode, region, show)
    items = results(snap, state)
    current = shown(state, items)
    twin = state.twin()
    context = {
        "state": state,
        "modes": MODES,
        "views": [(v.id, v.short_name or v.name) for v in c.views.values()],
        "items": items,
        "current": current,
        "map": state_map(snap, state, current),
        "groups": region_groups(c),
        "client": client_data(c, state),
        "counts": c.counts(),
        "twin": twin,
    }
    return render(request, "home.html", context, twins=[twin] if twin else ["/api/v1/regions?limit=1000"])


@router.get("/print", response_class=HTMLResponse)
def lookup_handout(
    request: Request,
    view: Word = None,
    mode: Word = None,
    region: RegionParam = [],  # noqa: B006
    show: Word = None,
) -> HTMLResponse:
    """A one-page A4 patient handout of a lookup: the pain drawing, the likeliest sources, self-care."""
    snap = snapshot(request)
    c = snap.catalogue
    state = ExplorerState.parse(c, view, mode, region, show)
    state = ExplorerState(state.view, "pain", state.regions, state.show, state.unknown)
    # One entry per muscle: a patient reads "Temporalis" twice as a mistake, not as two trigger points.
    by_muscle: dict[str, dict[str, Any]] = {}
    for item in results(snap, state):
        by_muscle.setdefault(item["trigger_point"]["muscle"], item)
    items = list(by_muscle.values())[:HANDOUT_RESULTS]
    current = shown(state, items)
    details = {i["trigger_point"]["id"]: c.trigger_points[i["trigger_point"]["id"]] for i in items}
    twin = state.twin()
    context = {
        "state": state,
        "items": items,
        "details": details,
        "current": current,
        "map": state_map(snap, state, current),
    }
    return render(request, "print_lookup.html", context, twins=[twin] if twin else [])
