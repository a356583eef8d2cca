"""/api/v1/search: search by names, lay words, symptoms and conditions, typos forgiven (the engine is app.search)."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app import schemas
from app.api.deps import SnapshotDep
from app.api.responses import PROBLEMS
from app.http.caching import cached
from app.queries.search import search_result
from app.queries.snapshot import etag_for
from app.search import MAX_QUERY

router = APIRouter(prefix="/api/v1")


@router.get(
    "/search",
    response_model=schemas.SearchOut,
    responses=PROBLEMS,
    tags=["search"],
    summary="Search symptoms, conditions, muscles, regions and trigger points",
)
def search(
    request: Request,
    snap: SnapshotDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="What to look for; typos are fine.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    kind: Annotated[
        list[schemas.SearchKind] | None, Query(description="Only these kinds (repeat the parameter for several).")
    ] = None,
) -> Response:
    """What people type: names and abbreviations ("SCM", "trap"), lay words ("golfer's elbow", "whiplash"),
    symptoms ("dizziness", "ringing in my ear"), muscle groups ("quadriceps": all four heads) and typos
    ("plantar fascitis"). A match of meaning always outranks a near spelling. Each item has its kind, id, name,
    a score in [0, 1], what matched (`matched`), how (`how`), the group or symptom that brought it in (`via`)
    and its page and API URLs."""
    body = orjson.dumps(search_result(snap, q, limit, kind).model_dump(mode="json"))
    return cached(request, body, etag_for(snap.version, request.url.path, request.url.query))
