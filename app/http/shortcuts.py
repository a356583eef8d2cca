"""Answers past the framework for the few GET paths where most queries are new: pure ASGI.

Repeated GETs are replayed from memory (app/http/middleware.py), but a new
pain drawing is a new query every time, and FastAPI's routing and parameter
validation then cost as much as the answer. A shortcut is a function of the
ASGI scope that answers a query it can take exactly as its route would
(known parameters, plainly valid values) with the route's own functions, or
returns None: the query, and every error, then goes to the route, which
validates and answers as it always has. Tests compare the two answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.http.caching import REPLAYABLE

Shortcut = Callable[[Scope], Response | None]


class Shortcuts:
    """Send a shortcut's answer for its path, when it gives one; sits inside the response memo, so its answers
    are replayed as the route's are (a shortcut answers only what depends on catalogue, path and query)."""

    def __init__(self, app: ASGIApp, routes: Mapping[str, Shortcut]) -> None:
        self.app = app
        self.routes = dict(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and not scope.get("root_path"):
            shortcut = self.routes.get(scope["path"])
            response = shortcut(scope) if shortcut is not None else None
            if response is not None:
                scope[REPLAYABLE] = True
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def header(scope: Scope, name: bytes) -> str | None:
    """A request header's value (the first), as Starlette decodes it."""
    return next((v.decode("latin-1") for k, v in scope["headers"] if k == name), None)
