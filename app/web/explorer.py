"""The home page, the explorer: click where it hurts, see why; its fragment and its printable handout.

The page and its enhancement share one source of truth: for a change made in
place, explorer.js asks /fragment/explorer for the same state and swaps in what
the server rendered (htmx's model), so the script re-implements nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape
from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.types import Scope

from app.catalogue.index import Catalogue
from app.catalogue.models import VIEW_GROUPS
from app.http.shortcuts import Shortcut
from app.queries import records
from app.queries.diagrams import Diagrams
from app.queries.lookup import lookup_items
from app.queries.snapshot import Snapshot
from app.web import figure
from app.web.bodymap import inline, inline_text
from app.web.cards import Cards
from app.web.explorer_state import DEFAULT_MODE, MODES, ExplorerState
from app.web.kept import Calls, KeptPage, Slotted, slot
from app.web.templating import region_label, render, respond, snapshot, words

router = APIRouter(include_in_schema=False)

RESULTS = 20
HANDOUT_RESULTS = 4
MAX_REGION_PARAMS, MAX_WORD = 200, 100
RegionParam = Annotated[list[str], Query(max_length=MAX_REGION_PARAMS)]
Word = Annotated[str | None, Query(max_length=MAX_WORD)]


async def explorer_state(
    request: Request,
    view: Word = None,
    mode: Word = None,
    region: RegionParam = [],  # noqa: B006
    show: Word = None,
) -> ExplorerState:
    """The state a URL names (shared by the page, its fragment and the handout).

    The explorer's functions are `async` although they never await: each is a few milliseconds of CPU at
    most, which a hop to the thread pool and back would only lengthen (the GIL serializes them anyway).
    """
    return ExplorerState.parse(snapshot(request).catalogue, view, mode, region, show)


StateDep = Annotated[ExplorerState, Depends(explorer_state)]


def results(snap: Snapshot, state: ExplorerState, limit: int = RESULTS) -> list[dict[str, Any]]:
    """The state's answer: ranked lookup candidates (pain mode) or TrPs located in the region (locate mode)."""
    if not state.regions:
        return []
    if state.mode == "locate":
        side = snap.catalogue.side_of(state.regions[0])
        located = records.located(snap.catalogue, snap.trigger_points, state.regions[0])
        return [{"trigger_point": t, "sides": [side]} for t in located]
    return lookup_items(snap, list(state.regions), [], limit)[1]


def shown(state: ExplorerState, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The candidate whose pattern the map overlays: the one asked for, else the best one."""
    for item in items:
        if item["trigger_point"]["id"] == state.show:
            return item
    return items[0] if items else None


def region_groups(c: Catalogue) -> list[tuple[str, list[tuple[str, str]]]]:
    """Regions by body area, for the list that stands in for the map (screen readers, no diagrams)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for region in c.regions.values():
        groups.setdefault(region.area, []).append((region.id, region.name))
    return list(groups.items())


def region_list(request: Request, snap: Snapshot, state: ExplorerState) -> Markup:
    """The regions as checkboxes, the state's checked: the list rendered once per catalogue, then filled."""

    def build() -> Slotted:
        template = request.app.state.templates.get_template("_region_list.html")
        return Slotted(template.render(groups=region_groups(snap.catalogue), checked=slot))

    slotted: Slotted = request.app.state.kept.get(snap.version, "region-list", build)
    return slotted.checked(state.regions)


def kept_cards(request: Request, snap: Snapshot) -> Cards:
    """The catalogue's cards, rendered once per trigger point and variant (app/web/cards.py)."""

    def build() -> Cards:
        return Cards(request.app.state.templates.get_template("_card.html"), snap.catalogue)

    kept: Cards = request.app.state.kept.get(snap.version, "cards", build)
    return kept


def cards(request: Request, snap: Snapshot, state: ExplorerState, items: list[Any], current: Any) -> Markup:
    """The result cards, each filled into its trigger point's card rendered once per catalogue (app/web/cards.py),
    laid out as the template's loop over the cards laid them out (one piece for Jinja, not three a card)."""
    kept = kept_cards(request, snap)
    return Markup("".join([f"\n      {card}\n      " for card in kept.render(request, items, current, state)]))


class _ViewLinks:
    """Stands in for a state while the view switcher is rendered once: each view's link is "/?view=<id>" and a
    slot for the rest of the state's query."""

    def __init__(self, view: str) -> None:
        self.view = view
        self._base = ExplorerState(view=view, mode=DEFAULT_MODE, regions=(), show=None)

    def url(self, **changes: Any) -> Markup:
        return escape(self._base.url(**changes)) + slot("rest")


def view_switcher(request: Request, snap: Snapshot, state: ExplorerState, views: list[Any]) -> Markup:
    """The view switcher of a state: rendered once per catalogue and current view, the state's query filled in."""
    rendered: dict[str, Slotted] = request.app.state.kept.get(snap.version, "view-switcher", dict)
    slotted = rendered.get(state.view)
    if slotted is None:
        template = request.app.state.templates.get_template("_view_switcher.html")
        slotted = rendered[state.view] = Slotted(template.render(views=views, state=_ViewLinks(state.view)))
    rest = state.query_after_view()
    return Markup(slotted.filled({"rest": escape("&" + rest) if rest else ""}))


def state_map(
    request: Request, snap: Snapshot, state: ExplorerState, current: dict[str, Any] | None, toggles: bool
) -> Markup | None:
    """The map of an explorer state on the figure chosen: its selection, and the shown candidate's pattern (or
    the muscle map)."""
    diagrams = figure.diagrams_for(request, snap)
    if state.mode == "muscles":
        return inline(diagrams.muscle_map(state.view))
    pattern = (current["trigger_point"]["id"], current["sides"]) if current else None
    svg = diagrams.state_map(
        state.view,
        selected=state.regions,
        pattern=pattern,
        href=state.toggle_links(),
        toggles=toggles,
        transform=inline_text,
    )
    return None if svg is None else Markup(svg)


def drawn_muscles(c: Catalogue, view_id: str) -> list[tuple[str, str, int]]:
    """The muscles the view draws (id, name, number of trigger points), by name: the muscle map's list."""
    drawn = [m for m in c.muscles.values() if view_id in m.drawn_in]
    return sorted(((m.id, m.name, len(m.trigger_points)) for m in drawn), key=lambda m: m[1])


def view_groups(c: Catalogue) -> list[tuple[str, list[tuple[str, str]]]]:
    """The views under their headings (whole body first, then the close-ups), in the catalogue's order."""
    groups: dict[str, list[tuple[str, str]]] = {group: [] for group in VIEW_GROUPS}
    for view in c.views.values():
        groups[view.group].append((view.id, view.short_name or view.name))
    return [(group, views) for group, views in groups.items() if views]


def chips(request: Request, snap: Snapshot, state: ExplorerState) -> Markup:
    """The selected areas, each a chip that removes it: rendered once per region, its link filled per state."""
    kept: dict[str, Slotted] = request.app.state.kept.get(snap.version, "chips", dict)
    out = []
    for rid in state.regions:
        chip = kept.get(rid)
        if chip is None:
            template = request.app.state.templates.get_template("_chip.html")
            chip = kept[rid] = Slotted(template.render(request=request, rid=rid, href=slot("href")))
        out.append(chip.filled({"href": escape(state.toggled(rid))}))
    return Markup("".join(out))


def elsewhere(request: Request, snap: Snapshot, state: ExplorerState) -> dict[str, str] | None:
    """The selected areas the state's view does not draw (ticked from the list, or kept from another view),
    and the view that draws the most of them: without it, the map shows nothing of what was chosen."""
    diagrams = figure.diagrams_for(request, snap)
    geo = diagrams.body.geometry.get(state.view)
    if geo is None or state.mode == "muscles":
        return None
    hidden = [r for r in state.regions if r not in geo.regions]
    if not hidden:
        return None
    view = view_showing(diagrams, hidden, preferred=[])
    if view == state.view or not any(r in diagrams.body.geometry[view].regions for r in hidden):
        return None
    names = words([region_label(snap.catalogue, r) for r in hidden])
    return {"names": names, "view": view, "view_name": snap.catalogue.views[view].name}


def view_showing(diagrams: Diagrams, regions: Sequence[str], preferred: Sequence[str]) -> str:
    """The view that draws the most of `regions`: the first of `preferred` that draws as many, else the
    first in the catalogue's order (whole body before close-ups)."""
    geometry = diagrams.body.geometry
    candidates = [v for v in dict.fromkeys([*preferred, *geometry]) if v in geometry]
    return max(candidates, key=lambda v: sum(1 for r in regions if r in geometry[v].regions))


def explorer_context(request: Request, snap: Snapshot, state: ExplorerState) -> dict[str, Any]:
    c = snap.catalogue
    items = results(snap, state)
    current = shown(state, items)
    views: list[Any] = request.app.state.kept.get(snap.version, "view-groups", lambda: view_groups(c))
    return {
        "state": state,
        "modes": MODES,
        "views": views,
        "view_switcher": view_switcher(request, snap, state, views),
        "items": items,
        "cards": cards(request, snap, state, items, current),
        "current": current,
        "map": state_map(request, snap, state, current, toggles=True),
        "region_list": region_list(request, snap, state),
        "chips": chips(request, snap, state),
        "elsewhere": elsewhere(request, snap, state),
        "twin": state.twin(),
        "muscles": drawn_muscles(c, state.view) if state.mode == "muscles" else [],
    }


def explorer_page(request: Request, state: ExplorerState, name: str, twins: list[str]) -> HTMLResponse:
    """`render(request, name, explorer_context(...))`, from the page rendered once for the state's shape.

    A new drawing is a new page almost every time, and Jinja spent more on the page around the map and the
    cards than on them; what the template's conditions test is few things, so each shape is rendered once
    with a slot for everything else (tests/web/test_explorer_shapes.py compares the two for random states).
    """
    snap = snapshot(request)
    context = explorer_context(request, snap, state)
    twin, current, items = context["twin"], context["current"], context["items"]
    switch = figure.switch(request, snap)
    carried = figure.carried(request, snap)
    key = (
        name,
        state.view,
        state.mode,
        context["map"] is not None,
        bool(state.regions),
        bool(state.unknown),
        len(items),
        current is not None,
        context["elsewhere"]["view"] if context["elsewhere"] else None,
        tuple((id_, here) for id_, _, _, here in switch),
        carried,
        tuple(twins),
    )
    shapes: dict[tuple[Any, ...], KeptPage] = request.app.state.kept.get(snap.version, "explorer-shapes", dict)
    page = shapes.get(key)
    if page is None:
        page = shapes[key] = _shape(request, name, state, context, switch, carried, twins)
    values = {
        "view_switcher": context["view_switcher"],
        "cards": context["cards"],
        "map": context["map"] or "",
        "region_list": context["region_list"],
        "chips": context["chips"],
        "elsewhere": escape(context["elsewhere"]["names"]) if context["elsewhere"] else "",
        "twin": escape(twin or ""),
        "shown": escape(current["trigger_point"]["id"]) if current else "",
        "shown_name": escape(current["trigger_point"]["name"]) if current else "",
        "unknown": ", ".join(escape(u) for u in state.unknown),
        **{f"figure:{id_}": escape(url) for id_, _, url, _ in switch},
    }
    return respond(request, page.fill(state, values), twins=[twin] if twin else twins)


def _shape(
    request: Request,
    name: str,
    state: ExplorerState,
    context: dict[str, Any],
    switch: list[tuple[str, str, str, bool]],
    carried: str | None,
    twins: list[str],
) -> KeptPage:
    """The page of every state of `state`'s shape: what the template's conditions test as the state has it,
    a slot for everything else; each call on the state is recorded, to be made on each state's own."""
    stand_in = Calls(
        {
            "view": state.view,
            "mode": state.mode,
            "regions": (slot("regions"),) if state.regions else (),
            "unknown": (slot("unknown"),) if state.unknown else (),
        }
    )
    current = context["current"]
    shape = {
        "request": request,
        "state": stand_in,
        "modes": MODES,
        "views": context["views"],
        "view_switcher": slot("view_switcher"),
        "items": [None] * len(context["items"]),  # how many, not what: the cards are a slot
        "cards": slot("cards"),
        "current": {"trigger_point": {"id": slot("shown"), "name": slot("shown_name")}} if current else None,
        "map": slot("map") if context["map"] is not None else None,
        "region_list": slot("region_list"),
        "chips": slot("chips"),
        "elsewhere": {**context["elsewhere"], "names": slot("elsewhere")} if context["elsewhere"] else None,
        "twin": slot("twin") if context["twin"] else None,
        "muscles": context["muscles"],
        "twins": [slot("twin")] if context["twin"] else twins,
        "figure_switch": [(id_, label, slot(f"figure:{id_}"), here) for id_, label, _, here in switch],
        "carried_figure": carried,
    }
    text = request.app.state.templates.get_template(name).render(shape)
    return KeptPage(text, stand_in)


def warm_steps(app: Any, snap: Snapshot) -> Iterator[str]:
    """What a new drawing on the default explorer page would compute first, one trigger point and side a step:
    its card in every variant, and its pattern (merged zones, X's, muscle) on the map (app/queries/warming.py)."""
    request = Request({"type": "http", "method": "GET", "path": "/", "query_string": b"", "headers": [], "app": app})
    blank = ExplorerState.parse(snap.catalogue, None, None, [], None)
    kept = kept_cards(request, snap)
    for tp_id, summary in snap.tp_summaries.items():
        for side in ("right", "left"):
            kept.warm(request, summary, side)
            state_map(request, snap, blank, {"trigger_point": summary, "sides": [side]}, toggles=True)
            yield tp_id
        both = {"trigger_point": summary, "sides": ["right", "left"]}  # a drawing on both sides of its pattern
        state_map(request, snap, blank, both, toggles=True)
        yield tp_id


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, state: StateDep) -> HTMLResponse:
    return home_page(request, state)


def home_page(request: Request, state: ExplorerState) -> HTMLResponse:
    return explorer_page(request, state, "home.html", twins=["/api/v1/regions?limit=1000"])


@router.get("/fragment/explorer", response_class=HTMLResponse)
async def explorer_fragment(request: Request, state: StateDep) -> HTMLResponse:
    """The explorer of a state without the page around it: what explorer.js swaps in."""
    return fragment_page(request, state)


def fragment_page(request: Request, state: ExplorerState) -> HTMLResponse:
    request.scope[figure.PAGE_PATH] = "/"  # the figure switch in the fragment links to the explorer page itself
    return explorer_page(request, state, "_explorer.html", twins=[])


def plain_state(query_string: bytes) -> tuple[str | None, str | None, list[str], str | None] | None:
    """(view, mode, regions, show) of a query `explorer_state` would accept as it is, else None (the route
    decides): each word at most once and within its length, no more regions than the route takes."""
    params = QueryParams(query_string)
    words: list[str | None] = []
    for name in ("view", "mode", "show"):
        values = params.getlist(name)
        if len(values) > 1 or (values and len(values[0]) > MAX_WORD):
            return None
        words.append(values[0] if values else None)
    regions = params.getlist("region")
    if len(regions) > MAX_REGION_PARAMS:
        return None
    view, mode, show = words
    return view, mode, regions, show


def shortcuts() -> dict[str, Shortcut]:
    """The explorer and its fragment for a new state, past routing and validation (app/http/shortcuts.py)."""

    def shortcut(page: Callable[[Request, ExplorerState], HTMLResponse]) -> Shortcut:
        def answer(scope: Scope) -> Response | None:
            query = plain_state(scope["query_string"])
            if query is None:
                return None
            request = Request(scope)
            return page(request, ExplorerState.parse(snapshot(request).catalogue, *query))

        return answer

    return {"/": shortcut(home_page), "/fragment/explorer": shortcut(fragment_page)}


def handout_view(diagrams: Diagrams, state: ExplorerState, current: dict[str, Any] | None) -> str:
    """The view a handout draws: one that shows the most of the painted areas, since a printed picture
    that shows none of a patient's pain misleads. The person's own view when it shows as many, else the
    shown trigger point's best view, else the first such view (whole body before close-ups)."""
    preferred = [state.view]
    if current is not None:
        preferred.append(diagrams.best_view(current["trigger_point"]["id"], current["sides"][0]))
    return view_showing(diagrams, state.regions, preferred) if diagrams.body.geometry else state.view


@router.get("/print", response_class=HTMLResponse)
def lookup_handout(request: Request, state: StateDep) -> HTMLResponse:
    """A one-page A4 patient handout of a lookup: the pain drawing, the likeliest sources, self-care."""
    snap = snapshot(request)
    c = snap.catalogue
    state = replace(state, mode="pain")
    # One entry per muscle: a patient reads "Temporalis" twice as a mistake, not as two trigger points.
    by_muscle: dict[str, dict[str, Any]] = {}
    for item in results(snap, state):
        by_muscle.setdefault(item["trigger_point"]["muscle"], item)
    items = list(by_muscle.values())[:HANDOUT_RESULTS]
    current = shown(state, items)
    details = {i["trigger_point"]["id"]: c.trigger_points[i["trigger_point"]["id"]] for i in items}
    twin = state.twin()
    drawn = replace(state, view=handout_view(figure.diagrams_for(request, snap), state, current))
    context = {
        "state": state,
        "items": items,
        "details": details,
        "current": current,
        "map": state_map(request, snap, drawn, current, toggles=False),
    }
    return render(request, "print_lookup.html", context, twins=[twin] if twin else [])
