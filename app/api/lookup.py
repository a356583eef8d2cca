"""/api/v1/lookup: "it hurts here" -> ranked, explained trigger points; and its shortcut past the framework.

Each new pain drawing is a new query, so no memo answers it, and FastAPI's
routing and parameter validation cost as much as the lookup itself.
`lookup_shortcut` answers a plainly valid query (valid values) with the
route's own functions; any other query, and any error, goes to the route
(app/http/shortcuts.py). tests/api/test_lookup_routes.py compares the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import StringConstraints
from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.types import Scope

from app import lookup as ranking
from app import schemas
from app.api.deps import SnapshotDep
from app.api.responses import PROBLEMS
from app.errors import ProblemError
from app.http.caching import cached, cached_response
from app.http.shortcuts import Shortcut, header
from app.queries.lookup import lookup_body
from app.queries.snapshot import Snapshot, etag_for

router = APIRouter(prefix="/api/v1")
PATH = "/api/v1/lookup"
DEFAULT_LIMIT, MAX_LIMIT = 20, 100

# ASCII digits only: str.isdigit() also accepts "²", which int() then refuses (a 500 found by fuzzing).
ChoirCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")]
_CHOIR = re.compile(r"[0-9]{1,4}")
_LIMIT = re.compile(r"[1-9][0-9]{0,2}")
_PLAIN_BYTES = re.compile(rb"[!-\"$-~]*")  # printable ASCII but "#"


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
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Response:
    body = lookup_body(snap, region, choir, limit)
    return cached(request, body, etag_for(snap.version, request.url.path, request.url.query))


def plain_query(query_string: bytes) -> tuple[list[str], list[str], int] | None:
    """(region, choir, limit) of a query the route would accept as it is, else None (the route decides).

    Parsed as Starlette parses it; `choir` and `limit` as strictly as their constraints, and more (one
    `limit`, plain digits): a query in doubt goes to the route.
    """
    if not _PLAIN_BYTES.fullmatch(query_string):  # as the route reads its URL: "#" ends it, controls go
        return None
    params = QueryParams(query_string)
    choir = params.getlist("choir")
    if not all(_CHOIR.fullmatch(code) for code in choir):
        return None
    limits = params.getlist("limit")
    if not limits:
        return params.getlist("region"), choir, DEFAULT_LIMIT
    if len(limits) > 1 or not _LIMIT.fullmatch(limits[0]) or int(limits[0]) > MAX_LIMIT:
        return None
    return params.getlist("region"), choir, int(limits[0])


def lookup_shortcut(snapshot: Callable[[], Snapshot]) -> Shortcut:
    """The lookup for a plainly valid query, as the route answers it; None for any other, and on any error."""

    def answer(scope: Scope) -> Response | None:
        query = plain_query(scope["query_string"])
        if query is None:
            return None
        snap = snapshot()
        try:
            body = lookup_body(snap, *query)
        except ProblemError:  # unknown regions, none, too many: the route words the problem
            return None
        etag = etag_for(snap.version, PATH, scope["query_string"].decode("latin-1"))
        return cached_response(header(scope, b"if-none-match"), body, etag)

    return answer
