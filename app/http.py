"""HTTP semantics in one place: cached JSON responses, ETag/304, and problem+json errors."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.errors import ProblemError

CACHE_CONTROL = "public, max-age=300"
PROBLEM_JSON = "application/problem+json"


def cached(request: Request, body: bytes, etag: str, media_type: str = "application/json") -> Response:
    """A response with a strong ETag; 304 with no body when the client already has it."""
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    inm = request.headers.get("if-none-match")
    if inm and (inm.strip() == "*" or etag in (tag.strip() for tag in inm.split(","))):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def problem(status: int, title: str, detail: str, request: Request | None = None, **extra: Any) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if request is not None:
        body["instance"] = request.url.path
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON)


async def on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem(exc.status, exc.title, exc.detail, request, **exc.extra)


async def on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors[:5])
    return problem(422, "Invalid request", detail or "invalid request", request, errors=errors)


STATUS_TITLES = {404: "Not found", 405: "Method not allowed", 400: "Bad request", 414: "URI too long"}


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith(("/api/", "/svg/", "/healthz")) or "html" not in request.headers.get("accept", ""):
        response = problem(exc.status_code, STATUS_TITLES.get(exc.status_code, "Error"), str(exc.detail), request)
    else:
        from app.web.pages import error_page

        response = error_page(request, exc.status_code, str(exc.detail))
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response
