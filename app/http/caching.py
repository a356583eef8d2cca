"""Cached responses: strong ETags, 304 Not Modified, Cache-Control, and the replay mark."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

CACHE_CONTROL = "public, max-age=300"
# Set in the ASGI scope by cached(): the answer depends only on (catalogue, path, query), so
# app.http.middleware.ReplayResponses may send it again for the same GET without running the route.
REPLAYABLE = "triggermap.replayable"


def cached(request: Request, body: bytes, etag: str, media_type: str = "application/json") -> Response:
    """A response with a strong ETag; 304 with no body when the client already has it."""
    mark_replayable(request)
    return cached_response(request.headers.get("if-none-match"), body, etag, media_type)


def cached_response(
    if_none_match: str | None, body: bytes, etag: str, media_type: str = "application/json"
) -> Response:
    """`cached` for a caller without a Request (app/api/lookup.py's shortcut): the same response."""
    if if_none_match and client_has(if_none_match, etag):
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
