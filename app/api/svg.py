"""/svg: the body diagrams, served from memory with overlays and thumbnails."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from app.api.deps import FigureParam, SnapshotDep, diagrams_of
from app.api.responses import PROBLEMS
from app.errors import BadRequest, NotFound
from app.http.caching import cached
from app.queries.snapshot import Snapshot, etag_for
from app.suggest import closest

router = APIRouter(prefix="/svg", tags=["diagrams"])
SVG = "image/svg+xml"
Side = Annotated[str, Query(pattern="^(left|right)$", description="Side of the body the TrP is on.")]
Layer = Annotated[
    Literal["muscles"] | None,
    Query(description="`muscles` draws every muscle of the view (`data-muscle`, a `<title>`, a link to its page)."),
]


def _tp(snap: Snapshot, tp_id: str) -> str:
    if tp_id not in snap.catalogue.trigger_points:
        raise NotFound(
            f"no trigger point with id '{tp_id[:100]}'", suggestions=closest(tp_id, snap.catalogue.trigger_points)
        )
    return tp_id


def _ids(snap: Snapshot, raw: str | None) -> list[str]:
    ids = [part for part in (raw or "").split(",") if part][:200]
    unknown = [i for i in ids if i not in snap.catalogue.regions]
    if unknown:
        raise NotFound(
            f"unknown region(s): {', '.join(u[:100] for u in unknown[:10])}",
            suggestions={u[:100]: closest(u, snap.catalogue.regions) for u in unknown[:5]},
        )
    return ids


@router.get(
    "/trigger-points/{trigger_point_id}.svg",
    responses={**PROBLEMS, 200: {"content": {SVG: {"schema": {"type": "string"}}}}},
    response_class=Response,
    summary="Thumbnail of one trigger point's referral pattern",
)
def get_thumbnail_svg(
    request: Request,
    snap: SnapshotDep,
    trigger_point_id: Annotated[str, Path(max_length=100)],
    side: Side = "right",
    figure: FigureParam = None,
) -> Response:
    _tp(snap, trigger_point_id)
    diagrams = diagrams_of(snap, figure)
    body = diagrams.thumbnail(trigger_point_id, side)
    return cached(request, body, etag_for(snap.version, "thumb", trigger_point_id, side, diagrams.figure), SVG)


@router.get(
    "/{view_id}.svg",
    responses={**PROBLEMS, 200: {"content": {SVG: {"schema": {"type": "string"}}}}},
    response_class=Response,
    summary="A body diagram view, optionally with highlights or a trigger point overlay",
)
def get_view_svg(
    request: Request,
    snap: SnapshotDep,
    view_id: Annotated[str, Path(max_length=40)],
    highlight: Annotated[str | None, Query(max_length=4000, description="Comma-separated region ids.")] = None,
    trigger_point: Annotated[str | None, Query(max_length=100)] = None,
    side: Side = "right",
    layer: Layer = None,
    figure: FigureParam = None,
) -> Response:
    diagrams = diagrams_of(snap, figure)
    if view_id not in snap.catalogue.views:
        raise NotFound(f"no view '{view_id[:40]}'", suggestions=closest(view_id, snap.catalogue.views))
    highlighted = _ids(snap, highlight)
    if trigger_point is not None and highlighted:
        raise BadRequest("use either highlight or trigger_point, not both")
    if trigger_point is None and not highlighted:
        body = diagrams.plain(view_id, layer)
        return cached(request, body, etag_for(snap.version, "svg", view_id, layer or "", diagrams.figure), SVG)
    if trigger_point is not None:
        body = diagrams.trigger_point(view_id, _tp(snap, trigger_point), side)
    else:
        body = diagrams.highlighted(view_id, highlighted, layer)
    return cached(request, body, etag_for(snap.version, request.url.path, request.url.query, diagrams.figure), SVG)
