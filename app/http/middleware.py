"""Pure ASGI middleware: security headers on every response, and replays of cacheable GETs.

Written as raw ASGI rather than BaseHTTPMiddleware so it costs a header
append per response, not a task and a body copy.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.caching import REPLAYABLE, client_has, not_modified

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# /docs renders Swagger UI, which sets inline styles; its bootstrap script is a file (static/js/docs.js).
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# A diagram opened on its own carries its look in an embedded <style>; it runs no script at all.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp, docs_paths: tuple[str, ...] = ("/docs",)) -> None:
        self.app = app
        self.docs_paths = docs_paths
        self.csp = CSP.encode()
        self.docs_csp = DOCS_CSP.encode()
        self.svg_csp = SVG_CSP.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path in self.docs_paths:
            csp = self.docs_csp
        elif path.startswith("/svg/"):
            csp = self.svg_csp
        else:
            csp = self.csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS, (b"content-security-policy", csp)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True)
class Replay:
    """A 200 response exactly as a route sent it, to be sent again for the same GET."""

    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: str | None


class ResponseMemo:
    """A bounded LRU of replayable responses, keyed by (path, raw query string).

    Bounded in entries and in bytes because keys come from clients: a crawler
    walking every lookup combination must not grow the process without limit.
    Only touched from the event loop thread, so it needs no lock.
    """

    def __init__(self, max_entries: int = 4096, max_bytes: int = 8 * 2**20) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.nbytes = 0
        self._items: OrderedDict[tuple[str, bytes], Replay] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self.nbytes = 0

    def get(self, key: tuple[str, bytes]) -> Replay | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple[str, bytes], replay: Replay) -> None:
        size = self._size(key, replay)
        if size > self.max_bytes // 16:  # one huge body would evict everything useful
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.nbytes -= self._size(key, old)
        self._items[key] = replay
        self.nbytes += size
        while len(self._items) > self.max_entries or self.nbytes > self.max_bytes:
            evicted_key, evicted = self._items.popitem(last=False)
            self.nbytes -= self._size(evicted_key, evicted)

    @staticmethod
    def _size(key: tuple[str, bytes], replay: Replay) -> int:
        return len(key[0]) + len(key[1]) + len(replay.body) + sum(len(k) + len(v) for k, v in replay.headers)


# Longer keys are answered but not remembered: a client-chosen key must not pin much memory.
MAX_REPLAY_KEY = 2048


class ReplayResponses:
    """Answer a GET from memory when the route already answered the same path and query.

    Routes opt in through http.cached(), whose answers depend only on the
    catalogue, the path and the query. The replay is the route's own status,
    headers and body, sent from inside the other middleware, so security
    headers, CORS and gzip apply exactly as before; If-None-Match still gets
    a 304. Routing, dependency injection and validation are what this skips: most
    of a request's cost once its body is precomputed.

    `version` names the catalogue being served: when it changes (a reload),
    the memo starts empty, so a replay never outlives its catalogue.
    """

    def __init__(self, app: ASGIApp, version: Callable[[], str], memo: ResponseMemo | None = None) -> None:
        self.app = app
        self.version = version
        self.memo = memo if memo is not None else ResponseMemo()
        self._memo_version = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"])
        version = self.version()
        if version != self._memo_version:
            self.memo.clear()
            self._memo_version = version
        memo = self.memo
        hit = memo.get(key)
        if hit is not None:
            await self._replay(hit, scope, receive, send)
            return
        if len(key[0]) + len(key[1]) > MAX_REPLAY_KEY:
            await self.app(scope, receive, send)
            return
        seen: list[Message] = []

        async def remember(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A copy of the headers: outer middleware edits the list in place as it passes.
                seen.append({"status": message["status"], "headers": tuple(message.get("headers", ()))})
            else:
                seen.append({**message})  # gzip, outside, replaces the body in place
            await send(message)

        await self.app(scope, receive, remember)
        if not scope.get(REPLAYABLE) or len(seen) != 2 or seen[0]["status"] != 200:
            return
        start, body = seen
        if body["type"] == "http.response.body" and not body.get("more_body"):
            etag = next((v.decode("latin-1") for k, v in start["headers"] if k == b"etag"), None)
            memo.put(key, Replay(start["headers"], body.get("body", b""), etag))

    @staticmethod
    async def _replay(hit: Replay, scope: Scope, receive: Receive, send: Send) -> None:
        inm = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        if inm and hit.etag and client_has(inm.decode("latin-1"), hit.etag):
            await not_modified(hit.etag)(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 200, "headers": list(hit.headers)})
        await send({"type": "http.response.body", "body": hit.body})
