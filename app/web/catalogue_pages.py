"""Pages of the catalogue's records: trigger points (and their handout), muscles, regions, conditions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from app.api.lookup_routes import run_lookup
from app.catalogue.index import SIDES
from app.state import Snapshot
from app.web import bodymap
from app.web.explorer import located
from app.web.explorer_state import default_view
from app.web.templating import error_page, record, render, snapshot

router = APIRouter(include_in_schema=False)

Ident = Annotated[str, Path(max_length=100)]
SideParam = Annotated[str, Query(pattern="^(left|right)$")]
RELATED = 6


def _missing(request: Request, what: str, ident: str) -> HTMLResponse:
    return error_page(request, 404, f"There is no {what} called '{ident[:100]}'.")


def related_trigger_points(snap: Snapshot, tp_id: str) -> list[str]:
    """The same muscle's other TrPs, then those whose essential zones overlap most with this one's."""
    c = snap.catalogue
    tp = c.trigger_points[tp_id]
    same = [t for t in c.tps_by_muscle.get(tp.muscle, ()) if t != tp_id]
    mine = set(tp.referral.essential)
    overlap = sorted(
        (
            (-len(mine & set(other.referral.essential)), other.name, other.id)
            for other in c.trigger_points.values()
            if other.id != tp_id and other.muscle != tp.muscle and mine & set(other.referral.essential)
        ),
    )
    return same + [ident for _, _, ident in overlap[:RELATED]]


def _trigger_point_context(snap: Snapshot, tp_id: str, side: str) -> dict[str, Any]:
    diagram = bodymap.trigger_point_map(snap, tp_id, side)
    return {
        "tp": record(snap, "trigger-points", tp_id),
        "muscle": record(snap, "muscles", snap.catalogue.trigger_points[tp_id].muscle),
        "side": side,
        "sides": SIDES,
        "diagram": diagram[1] if diagram else None,
        "diagram_view": snap.catalogue.views[diagram[0]].name if diagram else None,
    }


@router.get("/trigger-points/{tp_id}", response_class=HTMLResponse)
def trigger_point_page(request: Request, tp_id: Ident, side: SideParam = "right") -> HTMLResponse:
    snap = snapshot(request)
    if tp_id not in snap.catalogue.trigger_points:
        return _missing(request, "trigger point", tp_id)
    context = {**_trigger_point_context(snap, tp_id, side), "related": related_trigger_points(snap, tp_id)}
    return render(request, "trigger_point.html", context, twins=[f"/api/v1/trigger-points/{tp_id}"])


@router.get("/trigger-points/{tp_id}/print", response_class=HTMLResponse)
def trigger_point_handout(request: Request, tp_id: Ident, side: SideParam = "right") -> HTMLResponse:
    """A one-page A4 patient handout: the diagram, what it means in plain words, and self-care."""
    snap = snapshot(request)
    if tp_id not in snap.catalogue.trigger_points:
        return _missing(request, "trigger point", tp_id)
    context = _trigger_point_context(snap, tp_id, side)
    return render(request, "print_trigger_point.html", context, twins=[f"/api/v1/trigger-points/{tp_id}"])


@router.get("/muscles", response_class=HTMLResponse)
def muscles_index(request: Request) -> HTMLResponse:
    snap = snapshot(request)
    by_area: dict[str, list[dict[str, Any]]] = {}
    for muscle in sorted(snap.muscles, key=lambda m: m["name"]):
        by_area.setdefault(muscle["area"], []).append(muscle)
    order = {area: i for i, area in enumerate(dict.fromkeys(r.area for r in snap.catalogue.region_specs.values()))}
    groups = sorted(by_area.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    return render(request, "muscles.html", {"groups": groups}, twins=["/api/v1/muscles?limit=1000"])


@router.get("/muscles/{muscle_id}", response_class=HTMLResponse)
def muscle_page(request: Request, muscle_id: Ident) -> HTMLResponse:
    snap = snapshot(request)
    muscle = record(snap, "muscles", muscle_id)
    if muscle is None:
        return _missing(request, "muscle", muscle_id)
    tps = [record(snap, "trigger-points", t) for t in muscle["trigger_points"]]
    return render(request, "muscle.html", {"muscle": muscle, "tps": tps}, twins=[f"/api/v1/muscles/{muscle_id}"])


@router.get("/regions/{region_id}", response_class=HTMLResponse)
def region_page(request: Request, region_id: Ident) -> HTMLResponse:
    """TrPs located in a region and TrPs referring pain to it (the lookup of that one region)."""
    snap = snapshot(request)
    c = snap.catalogue
    region = record(snap, "regions", region_id)
    if region is None:
        return _missing(request, "body region", region_id)
    view = region["views"][0] if region["views"] else default_view(c)
    context = {
        "region": region,
        "view": view,
        "located": located(snap, region_id),
        "side": bodymap.side_of(c, region_id),
        "referring": run_lookup(snap, [region_id], [], 100)["items"],
    }
    twins = [f"/api/v1/regions/{region_id}", f"/api/v1/lookup?region={region_id}&limit=100"]
    return render(request, "region.html", context, twins=twins)


@router.get("/conditions", response_class=HTMLResponse)
def conditions_index(request: Request) -> HTMLResponse:
    snap = snapshot(request)
    items = sorted(snap.conditions, key=lambda x: x["name"])
    return render(request, "conditions.html", {"conditions": items}, twins=["/api/v1/conditions?limit=1000"])


@router.get("/conditions/{condition_id}", response_class=HTMLResponse)
def condition_page(request: Request, condition_id: Ident) -> HTMLResponse:
    snap = snapshot(request)
    condition = record(snap, "conditions", condition_id)
    if condition is None:
        return _missing(request, "condition", condition_id)
    tps = [snap.tp_summaries[t] for t in condition["trigger_points"]]
    context = {"condition": condition, "tps": tps}
    return render(request, "condition.html", context, twins=[f"/api/v1/conditions/{condition_id}"])
