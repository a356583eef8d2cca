"""Precomputing, in the quiet between requests, what a first request would otherwise compute.

Most explorer pages show a new drawing, and the first time a trigger point is
shown its referral zones are merged with shapely and its card is rendered:
milliseconds each, once per trigger point and side. Doing all of them at
startup would make startup seconds long; doing them in a thread regardless of
load would take the CPU the first requests want. An `IdleWarmer` runs one
small step at a time, and only while the server is idle (no request in flight
and none for a moment); a new catalogue (a reload) starts the steps afresh.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator

from app.queries.snapshot import Snapshot

log = logging.getLogger("triggermap")

Steps = Callable[[Snapshot], Iterator[object]]


class IdleWarmer:
    """Runs `steps(snapshot)` (a generator doing one small piece of work per item) while `idle()` holds."""

    def __init__(
        self, snapshot: Callable[[], Snapshot], steps: Steps, idle: Callable[[], bool], pause: float = 0.05
    ) -> None:
        self.snapshot = snapshot
        self.steps = steps
        self.idle = idle
        self.pause = pause  # how often a paused warmer looks again
        self.done: str | None = None  # the catalogue version fully warmed
        self.seconds = 0.0  # time spent warming it
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> threading.Thread:
        self._thread = threading.Thread(target=self._run, name="triggermap-idle-warm", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            snap = self.snapshot()
            if snap.version == self.done:
                self._stop.wait(1.0)  # until a reload brings a new catalogue
                continue
            try:
                if self._warm(snap):
                    self.done = snap.version
                    log.info("warmed for new drawings in %.2f s of work", self.seconds)
            except Exception:  # a bug here must not stop the server; requests compute the same on demand
                log.exception("warming failed")
                self.done = snap.version

    def _warm(self, snap: Snapshot) -> bool:
        """True when every step ran; False when stopped or the catalogue changed on the way."""
        self.seconds = 0.0
        for _ in self._steps_when_idle(snap):
            if self._stop.is_set() or self.snapshot().version != snap.version:
                return False
        return not self._stop.is_set()

    def _steps_when_idle(self, snap: Snapshot) -> Iterator[object]:
        steps = self.steps(snap)
        while True:
            while not self.idle():
                if self._stop.wait(self.pause):
                    return
            start = time.perf_counter()
            try:
                item = next(steps)
            except StopIteration:
                return
            self.seconds += time.perf_counter() - start
            yield item
