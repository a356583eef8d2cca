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
# Set in the ASGI scope by cached(): the answer depends only on (catalogue, path, query), so
# app.middleware.ReplayResponses may send it again for the same GET without running the route.
REPLAYABLE = "triggermap.replayable"


def cached(request: Request, body: bytes, etag: str, media_type: str = "application/json") -> Response:
    """A response with a strong ETag; 304 with no body when the client already has it."""
    mark_replayable(request)
    inm = request.headers.get("if-none-match")
    if inm and client_has(inm, etag):
        return not_modified(etag)
    return Response(body, media_type=media_type, headers={"ETag": etag, "Cache-Control": CACHE_CONTROL})


def mark_replayable(request: Request) -> None:
    """Declare this GET's 200 answer a pure function of (catalogue, path, query): it may be replayed from memory.

    cached() does it for the API; a page whose HTML depends on nothing else (no cookie, no header) may too.
    """
    request.scope[REPLAYABLE] = True


def not_modified(etag: str) -> Response:
    return Response(status_code=304, headers={"ETag": etag, "Cache-Control": CACHE_CONTROL})


def client_has(if_none_match: str, etag: str) -> bool:
    """If-None-Match uses the weak comparison (RFC 9110 13.1.2): a proxy that compressed the body may
    have sent our tag on as W/"…", and the client still holds our representation."""
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


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


def routing_detail(request: Request, exc: StarletteHTTPException) -> str:
    """Replace the router's bare status phrase ("Not Found") with what a caller can do about it."""
    if exc.status_code == 404 and exc.detail == "Not Found":
        return "No route matches this path; every route is listed in /openapi.json."
    if exc.status_code == 405 and exc.detail == "Method Not Allowed":
        allowed = (exc.headers or {}).get("Allow", "GET")
        return f"{request.method[:20]} is not allowed here; this resource allows {allowed}."
    return str(exc.detail)


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith(("/api/", "/svg/", "/healthz")) or "html" not in request.headers.get("accept", ""):
        title = STATUS_TITLES.get(exc.status_code, "Error")
        response = problem(exc.status_code, title, routing_detail(request, exc), request)
    else:
        from app.web.pages import error_page

        response = error_page(request, exc.status_code, str(exc.detail))
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response
