"""/api/v1/search: typo- and abbreviation-tolerant search (the engine is app.search)."""

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
    summary="Search muscles, trigger points, regions and conditions",
)
def search(
    request: Request,
    snap: SnapshotDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="What to look for; typos are fine.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    """Fuzzy search (rapidfuzz WRatio) over names, synonyms ("SCM", "trap") and aliases ("plantar fascitis").
    Each item has its kind, id, name, a score in [0, 1], the text that matched and its page and API URLs."""
    body = orjson.dumps(search_result(snap, q, limit).model_dump(mode="json"))
    return cached(request, body, etag_for(snap.version, request.url.path, request.url.query))
