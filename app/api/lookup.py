"""/api/v1/lookup: "it hurts here" -> ranked, explained trigger points."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import StringConstraints
from starlette.responses import Response

from app import lookup as ranking
from app import schemas
from app.api.deps import SnapshotDep
from app.api.responses import PROBLEMS
from app.http.caching import cached
from app.queries.lookup import lookup_body
from app.queries.snapshot import etag_for

router = APIRouter(prefix="/api/v1")

# ASCII digits only: str.isdigit() also accepts "²", which int() then refuses (a 500 found by fuzzing).
ChoirCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")]


@router.get(
    "/lookup",
    response_model=schemas.LookupOut,
    responses=PROBLEMS,
    tags=["lookup"],
    summary="Which trigger points may cause pain here?",
    description=ranking.__doc__,
)
async def lookup(
    request: Request,
    snap: SnapshotDep,
    region: Annotated[list[str], Query(description="Painted region id (repeat for a pain drawing).")] = [],  # noqa: B006
    choir: Annotated[list[ChoirCode], Query(description="CHOIR body map code, e.g. 101 (repeatable).")] = [],  # noqa: B006
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    body = lookup_body(snap, region, choir, limit)
    return cached(request, body, etag_for(snap.version, request.url.path, request.url.query))
