"""Pages of the catalogue's records: trigger points (and their handout), muscles, regions, conditions, symptoms."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from app import urls
from app.catalogue.index import SIDES
from app.errors import NotFound
from app.queries import records
from app.queries.lookup import lookup_items
from app.queries.snapshot import Snapshot
from app.web import figure
from app.web.bodymap import inline
from app.web.explorer_state import ExplorerState, default_view
from app.web.templating import render, snapshot

router = APIRouter(include_in_schema=False)

Ident = Annotated[str, Path(max_length=100)]
SideParam = Annotated[str, Query(pattern="^(left|right)$")]


def _record(snap: Snapshot, kind: str, what: str, ident: str) -> dict[str, Any]:
    found = snap.record(kind, ident)
    if found is None:
        raise NotFound(f"There is no {what} called '{ident[:100]}'.")
    return found


def _trigger_point_context(request: Request, snap: Snapshot, tp_id: str, side: str) -> dict[str, Any]:
    tp = _record(snap, "trigger-points", "trigger point", tp_id)
    diagrams = figure.diagrams_for(request, snap)
    view_id = diagrams.best_view(tp_id, side) if diagrams.views else None
    # Framed: the pattern and some body around it, not a whole figure at a small scale.
    diagram = diagrams.trigger_point(view_id, tp_id, side, role="group", framed=True) if view_id else None
    return {
        "tp": tp,
        "muscle": snap.record("muscles", tp["muscle"]),
        "side": side,
        "sides": SIDES,
        "diagram": inline(diagram),
        "diagram_view": snap.catalogue.views[view_id].name if view_id else None,
    }


@router.get("/trigger-points/{tp_id}", response_class=HTMLResponse)
def trigger_point_page(request: Request, tp_id: Ident, side: SideParam = "right") -> HTMLResponse:
    snap = snapshot(request)
    context = _trigger_point_context(request, snap, tp_id, side)
    context["related"] = records.related_trigger_points(snap.catalogue, tp_id)
    c = snap.catalogue
    context["symptom_links"] = [(i, c.symptoms[i].name) for i in c.symptoms_of_tp.get(tp_id, ())]
    return render(request, "trigger_point.html", context, twins=[urls.api("trigger-point", tp_id)])


@router.get("/trigger-points/{tp_id}/print", response_class=HTMLResponse)
def trigger_point_handout(request: Request, tp_id: Ident, side: SideParam = "right") -> HTMLResponse:
    """A one-page A4 patient handout: the diagram, what it means in plain words, and self-care."""
    context = _trigger_point_context(request, snapshot(request), tp_id, side)
    return render(request, "print_trigger_point.html", context, twins=[urls.api("trigger-point", tp_id)])


@router.get("/muscles", response_class=HTMLResponse)
def muscles_index(request: Request) -> HTMLResponse:
    snap = snapshot(request)
    by_area: dict[str, list[dict[str, Any]]] = {}
    for muscle in sorted(snap.muscles, key=lambda m: m["name"]):
        by_area.setdefault(muscle["area"], []).append(muscle)
    areas = dict.fromkeys(str(r.area) for r in snap.catalogue.region_specs.values())
    order = {area: i for i, area in enumerate(areas)}
    groups = sorted(by_area.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    return render(request, "muscles.html", {"groups": groups}, twins=["/api/v1/muscles?limit=1000"])


@router.get("/muscles/{muscle_id}", response_class=HTMLResponse)
def muscle_page(request: Request, muscle_id: Ident) -> HTMLResponse:
    snap = snapshot(request)
    muscle = _record(snap, "muscles", "muscle", muscle_id)
    tps = [snap.record("trigger-points", t) for t in muscle["trigger_points"]]
    drawn = figure.diagrams_for(request, snap).muscle(muscle_id)
    context = {
        "muscle": muscle,
        "tps": tps,
        "diagram": inline(drawn[1]) if drawn else None,
        "diagram_view": snap.catalogue.views[drawn[0]].name if drawn else None,
    }
    return render(request, "muscle.html", context, twins=[urls.api("muscle", muscle_id)])


@router.get("/regions/{region_id}", response_class=HTMLResponse)
def region_page(request: Request, region_id: Ident) -> HTMLResponse:
    """TrPs located in a region and TrPs referring pain to it (the lookup of that one region)."""
    snap = snapshot(request)
    c = snap.catalogue
    region = _record(snap, "regions", "body region", region_id)
    # The explorer opens in a view where the region is big enough to touch on a phone (a close-up for a finger).
    view = snap.diagrams.touch_view(region_id) if snap.diagrams.views else None
    view = view or (region["views"][0] if region["views"] else default_view(c))
    _, referring = lookup_items(snap, [region_id], [], 100)
    context = {
        "region": region,
        "explorer": ExplorerState(view=view, mode="pain", regions=(region_id,), show=None),
        "located": records.located(c, snap.trigger_points, region_id),
        "side": c.side_of(region_id),
        "referring": referring,
    }
    twins = [urls.api("region", region_id), f"/api/v1/lookup?region={region_id}&limit=100"]
    return render(request, "region.html", context, twins=twins)


@router.get("/conditions", response_class=HTMLResponse)
def conditions_index(request: Request) -> HTMLResponse:
    snap = snapshot(request)
    items = sorted(snap.conditions, key=lambda x: x["name"])
    return render(request, "conditions.html", {"conditions": items}, twins=["/api/v1/conditions?limit=1000"])


@router.get("/conditions/{condition_id}", response_class=HTMLResponse)
def condition_page(request: Request, condition_id: Ident) -> HTMLResponse:
    snap = snapshot(request)
    condition = _record(snap, "conditions", "condition", condition_id)
    tps = [snap.tp_summaries[t] for t in condition["trigger_points"]]
    context = {"condition": condition, "tps": tps}
    return render(request, "condition.html", context, twins=[urls.api("condition", condition_id)])


@router.get("/symptoms", response_class=HTMLResponse)
def symptoms_index(request: Request) -> HTMLResponse:
    snap = snapshot(request)
    items = sorted(snap.symptoms, key=lambda x: x["name"])
    return render(request, "symptoms.html", {"symptoms": items}, twins=["/api/v1/symptoms?limit=1000"])


@router.get("/symptoms/{symptom_id}", response_class=HTMLResponse)
def symptom_page(request: Request, symptom_id: Ident) -> HTMLResponse:
    snap = snapshot(request)
    symptom = _record(snap, "symptoms", "symptom", symptom_id)
    tps = [snap.tp_summaries[t] for t in symptom["trigger_points"]]
    context = {"symptom": symptom, "tps": tps}
    return render(request, "symptom.html", context, twins=[urls.api("symptom", symptom_id)])
