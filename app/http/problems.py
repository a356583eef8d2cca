"""One error decision (datasette's handle_exception): every error becomes a status, then the page or the JSON.

An API request gets RFC 9457 problem+json; a page request gets the HTML error
page, rendered by whatever create_app passes in (so this module imports no web/).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.errors import ProblemError

PROBLEM_JSON = "application/problem+json"
# Paths answered for programs: always problem+json, whatever the Accept header says.
API_PREFIXES = ("/api/", "/svg/", "/healthz", "/openapi.json", "/static/")
STATUS_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 414: "URI too long"}

HtmlErrorPage = Callable[[Request, int, str], Response]


@dataclass(frozen=True)
class Decision:
    """What an error means for the caller, before choosing how to say it."""

    status: int
    title: str
    detail: str
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def decide(request: Request, exc: Exception) -> Decision:
    """Map every error kind the app raises to a status and a message a caller can act on."""
    if isinstance(exc, ProblemError):
        return Decision(exc.status, exc.title, exc.detail, dict(exc.extra))
    if isinstance(exc, RequestValidationError):
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors[:5])
        return Decision(422, "Invalid request", detail or "invalid request", {"errors": errors})
    if isinstance(exc, StarletteHTTPException):
        title = STATUS_TITLES.get(exc.status_code, "Error")
        return Decision(exc.status_code, title, routing_detail(request, exc), headers=dict(exc.headers or {}))
    raise exc  # not an error kind of ours: a bug, which keeps its traceback


def routing_detail(request: Request, exc: StarletteHTTPException) -> str:
    """Replace the router's bare status phrase ("Not Found") with what a caller can do about it."""
    if exc.status_code == 404 and exc.detail == "Not Found":
        return "No route matches this path; every route is listed in /openapi.json."
    if exc.status_code == 405 and exc.detail == "Method Not Allowed":
        allowed = (exc.headers or {}).get("Allow", "GET")
        return f"{request.method[:20]} is not allowed here; this resource allows {allowed}."
    return str(exc.detail)


def wants_json(request: Request) -> bool:
    """API paths always; a page path only when the client asks for JSON and not for HTML."""
    if request.url.path.startswith(API_PREFIXES):
        return True
    accept = request.headers.get("accept", "")
    return "json" in accept and "html" not in accept


def problem(status: int, title: str, detail: str, request: Request | None = None, **extra: Any) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if request is not None:
        body["instance"] = request.url.path
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON)


def error_handler(html_page: HtmlErrorPage) -> Callable[[Request, Exception], Any]:
    """The app's one exception handler; create_app registers it for every error kind."""

    async def handle(request: Request, exc: Exception) -> Response:
        decision = decide(request, exc)
        if wants_json(request):
            response = problem(decision.status, decision.title, decision.detail, request, **decision.extra)
        else:
            response = html_page(request, decision.status, decision.detail)
        for key, value in decision.headers.items():
            response.headers[key] = value
        return response

    return handle
