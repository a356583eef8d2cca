"""/api/v1/lookup: "it hurts here" -> ranked, explained trigger points."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Request
from pydantic import StringConstraints
from starlette.responses import Response

from app import lookup
from app.api import schemas
from app.api.deps import SnapshotDep
from app.api.resources import PROBLEMS
from app.errors import BadRequest
from app.http import cached
from app.state import Snapshot, etag_for

router = APIRouter(prefix="/api/v1")

MAX_REGIONS = 200
# ASCII digits only: str.isdigit() also accepts "²", which int() then refuses (a 500 found by fuzzing).
ChoirCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")]


def run_lookup(snap: Snapshot, regions: list[str], choir: list[str], limit: int) -> dict[str, object]:
    """The lookup as a JSON-ready dict; shared by the API and the pages."""
    if len(regions) + len(choir) > MAX_REGIONS:
        raise BadRequest(f"at most {MAX_REGIONS} regions per lookup")
    painted = lookup.resolve_regions(snap.catalogue, regions, choir)
    candidates = lookup.lookup(snap.catalogue, painted, limit=limit)
    return {
        "regions": painted,
        "items": [
            {
                "trigger_point": snap.tp_summaries[c.trigger_point.id],
                "sides": list(c.sides),
                "score": c.score,
                "matched": {"essential": list(c.essential), "spillover": list(c.spillover)},
                "unexplained": list(c.unexplained),
                "explanation": c.explanation,
                "same_pattern": list(c.same_pattern),
            }
            for c in candidates
        ],
    }


@router.get(
    "/lookup",
    response_model=schemas.LookupOut,
    responses=PROBLEMS,
    tags=["lookup"],
    summary="Which trigger points may cause pain here?",
    description=lookup.__doc__,
)
def get_lookup(
    request: Request,
    snap: SnapshotDep,
    region: Annotated[list[str], Query(description="Painted region id (repeat for a pain drawing).")] = [],  # noqa: B006
    choir: Annotated[list[ChoirCode], Query(description="CHOIR body map code, e.g. 101 (repeatable).")] = [],  # noqa: B006
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    if len(region) + len(choir) > MAX_REGIONS:
        raise BadRequest(f"at most {MAX_REGIONS} regions per lookup")
    body = orjson.dumps(run_lookup(snap, [r[:100] for r in region], [c[:10] for c in choir], limit))
    return cached(request, body, etag_for(snap.catalogue.version, request.url.path, request.url.query))
