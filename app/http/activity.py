"""Whether the server is answering anyone: lets work nobody waits for run only in the quiet between requests."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Receive, Scope, Send


class Activity:
    """Requests in flight and when the last one started or ended (kept by `TrackActivity`)."""

    def __init__(self, quiet: float = 0.25) -> None:
        self.quiet = quiet  # seconds without a request before the server counts as idle
        self.in_flight = 0
        self.last = time.monotonic()

    def idle(self) -> bool:
        """No request in flight, and none for `quiet` seconds (a load test or a person clicking is not idle)."""
        return self.in_flight == 0 and time.monotonic() - self.last >= self.quiet


class TrackActivity:
    """The outermost middleware: counts every HTTP request into an `Activity`."""

    def __init__(self, app: ASGIApp, activity: Activity) -> None:
        self.app = app
        self.activity = activity

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        activity = self.activity
        activity.in_flight += 1
        activity.last = time.monotonic()
        try:
            await self.app(scope, receive, send)
        finally:
            activity.in_flight -= 1
            activity.last = time.monotonic()
