"""/api/v1 lists and records of the four catalogue kinds: regions, muscles, trigger points, conditions.

The records were built through their response models when the snapshot was made; routes only
filter, page and send bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from app import schemas
from app.api.deps import IdFilter, Limit, Offset, SnapshotDep, TextQuery
from app.api.responses import PROBLEMS
from app.errors import NotFound
from app.http.caching import cached
from app.queries.snapshot import Snapshot, etag_for
from app.suggest import closest

router = APIRouter(prefix="/api/v1")
SINGULAR = {"regions": "region", "muscles": "muscle", "trigger-points": "trigger point", "conditions": "condition"}


def id_path() -> Any:
    """A fresh path-parameter spec per route (FastAPI binds a spec to one parameter)."""
    return Path(max_length=100, description="The record's id (a slug).")


def page(request: Request, snap: Snapshot, items: list[dict[str, Any]], limit: int, offset: int) -> Response:
    body = orjson.dumps(
        {"items": items[offset : offset + limit], "total": len(items), "limit": limit, "offset": offset}
    )
    return cached(request, body, etag_for(snap.catalogue.version, request.url.path, request.url.query))


def detail(request: Request, snap: Snapshot, kind: str, ident: str, known: Iterable[str]) -> Response:
    found = snap.details.get((kind, ident))
    if found is None:
        raise NotFound(f"no {SINGULAR[kind]} with id '{ident[:100]}'", suggestions=closest(ident, known))
    return cached(request, found.body, found.etag)


def require(ident: str | None, known: Iterable[str], what: str) -> None:
    if ident is not None and ident not in known:
        raise NotFound(f"unknown {what} '{ident}'", suggestions=closest(ident, known))


def _matches(q: str | None, *texts: Iterable[str] | str | None) -> bool:
    if not q:
        return True
    needle = q.casefold()
    for text in texts:
        if text is None:
            continue
        for value in [text] if isinstance(text, str) else text:
            if needle in value.casefold():
                return True
    return False


@router.get(
    "/regions",
    response_model=schemas.Page[schemas.RegionOut],
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="List body regions",
)
def list_regions(
    request: Request,
    snap: SnapshotDep,
    limit: Limit = 100,
    offset: Offset = 0,
    view: IdFilter = None,
    side: IdFilter = None,
    area: TextQuery = None,
    q: TextQuery = None,
) -> Response:
    """Every body region, sided regions once per side. Filter by `view`, `side`, `area` or text `q`."""
    require(view, snap.catalogue.views, "view")
    items = [
        r
        for r in snap.regions
        if (view is None or view in r["views"])
        and (side is None or r["side"] == side)
        and (area is None or r["area"] == area)
        and _matches(q, r["name"], r["id"], r["aliases"])
    ]
    return page(request, snap, items, limit, offset)


@router.get(
    "/regions/{region_id}",
    response_model=schemas.RegionOut,
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="One body region",
)
def get_region(request: Request, snap: SnapshotDep, region_id: Annotated[str, id_path()]) -> Response:
    return detail(request, snap, "regions", region_id, snap.catalogue.regions)


@router.get(
    "/muscles",
    response_model=schemas.Page[schemas.MuscleSummary],
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="List muscles",
)
def list_muscles(
    request: Request,
    snap: SnapshotDep,
    limit: Limit = 100,
    offset: Offset = 0,
    area: TextQuery = None,
    q: TextQuery = None,
) -> Response:
    """Every muscle with its trigger point ids. Filter by body `area` or text `q` (name, synonyms)."""
    items = [
        m
        for m in snap.muscles
        if (area is None or m["area"] == area) and _matches(q, m["name"], m["id"], m["synonyms"])
    ]
    return page(request, snap, items, limit, offset)


@router.get(
    "/muscles/{muscle_id}",
    response_model=schemas.MuscleOut,
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="One muscle",
)
def get_muscle(request: Request, snap: SnapshotDep, muscle_id: Annotated[str, id_path()]) -> Response:
    return detail(request, snap, "muscles", muscle_id, snap.catalogue.muscles)


@router.get(
    "/trigger-points",
    response_model=schemas.Page[schemas.TriggerPointSummary],
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="List trigger points",
)
def list_trigger_points(
    request: Request,
    snap: SnapshotDep,
    limit: Limit = 100,
    offset: Offset = 0,
    muscle: IdFilter = None,
    region: IdFilter = None,
    refers_to: IdFilter = None,
    condition: IdFilter = None,
    q: TextQuery = None,
) -> Response:
    """Trigger points, filtered by `muscle`, `region` (located in), `refers_to` (a region in its referral
    zones), `condition` or text `q`. Region filters take concrete or side-neutral region ids."""
    c = snap.catalogue
    require(muscle, c.muscles, "muscle")
    require(condition, c.conditions, "condition")
    known_regions = [*c.regions, *c.region_specs]
    require(region, known_regions, "region")
    require(refers_to, known_regions, "region")
    located = set(c.tps_located_in.get(c.base_of(region), ())) if region else None
    referring = set(c.tps_referring_to.get(c.base_of(refers_to), ())) if refers_to else None
    linked = set(c.tps_by_condition.get(condition, ())) if condition else None
    items = [
        t
        for t in snap.trigger_points
        if (muscle is None or t["muscle"] == muscle)
        and (located is None or t["id"] in located)
        and (referring is None or t["id"] in referring)
        and (linked is None or t["id"] in linked)
        and _matches(q, t["name"], t["id"], t["muscle_name"])
    ]
    return page(request, snap, items, limit, offset)


@router.get(
    "/trigger-points/{trigger_point_id}",
    response_model=schemas.TriggerPointOut,
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="One trigger point",
)
def get_trigger_point(request: Request, snap: SnapshotDep, trigger_point_id: Annotated[str, id_path()]) -> Response:
    """The full record: location, referral zones (side-neutral and per side), symptoms, conditions,
    perpetuating factors, self-care, needling precautions and references."""
    return detail(request, snap, "trigger-points", trigger_point_id, snap.catalogue.trigger_points)


@router.get(
    "/conditions",
    response_model=schemas.Page[schemas.ConditionSummary],
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="List conditions",
)
def list_conditions(
    request: Request, snap: SnapshotDep, limit: Limit = 100, offset: Offset = 0, q: TextQuery = None
) -> Response:
    items = [c for c in snap.conditions if _matches(q, c["name"], c["id"], c["aliases"])]
    return page(request, snap, items, limit, offset)


@router.get(
    "/conditions/{condition_id}",
    response_model=schemas.ConditionOut,
    responses=PROBLEMS,
    tags=["catalogue"],
    summary="One condition",
)
def get_condition(request: Request, snap: SnapshotDep, condition_id: Annotated[str, id_path()]) -> Response:
    return detail(request, snap, "conditions", condition_id, snap.catalogue.conditions)
