"""The snapshot being served: loads the data folder, reloads it on change, keeps the last good one.

A rejected edit never replaces the snapshot: the author learns what is wrong
(log and /healthz) while people keep using the last good catalogue.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from app.catalogue.loader import data_files
from app.catalogue.models import BASE_FIGURE
from app.catalogue.yaml_source import display_name
from app.errors import CatalogueInvalid
from app.queries.compiled import load_served
from app.queries.snapshot import build_snapshot

log = logging.getLogger("triggermap")


class Store:
    """Holds the current snapshot; reloads the data folder and keeps the last good one."""

    def __init__(
        self, data_dir: Path, figure: str = BASE_FIGURE, warm: bool = False, cache_dir: Path | None = None
    ) -> None:
        self.data_dir = Path(data_dir)
        self.figure = figure  # drawn when a request names no figure
        self.warm = warm  # draw a new snapshot's thumbnails in the background (Diagrams.warm)
        self.cache_dir = cache_dir  # compiled catalogues (app/queries/compiled.py); None: always from the YAML
        self.snapshot = build_snapshot(load_served(self.data_dir, figure, cache_dir), figure)
        if figure not in self.snapshot.figures:
            known = ", ".join(self.snapshot.figures)
            log.error("no figure %r in the catalogue (it has %s): drawing the %s figure", figure, known, BASE_FIGURE)
        self.errors: list[str] = []
        self._signature = self._fingerprint()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        out = []
        for path in data_files(self.data_dir):
            try:
                stat = path.stat()
            except OSError:
                continue
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(out)

    def reload(self) -> bool:
        """Load the data folder again; True if a new catalogue is now served."""
        try:
            catalogue = load_served(self.data_dir, self.figure, self.cache_dir)
        except CatalogueInvalid as exc:
            return self._reject(exc.lines())
        folder = display_name(self.data_dir)
        if self.snapshot.catalogue.trigger_points and not catalogue.trigger_points:
            # Valid YAML, but an empty catalogue is a file deleted or moved mid-edit, not an edit to serve.
            return self._reject([f"{folder}: no trigger points left (a data file deleted or moved?)"])
        if catalogue.version != self.snapshot.catalogue.version:
            try:
                snapshot = build_snapshot(catalogue, self.figure)
            except Exception as exc:  # a bug in triggermap; the author must still learn the edit is not served
                log.exception("building the catalogue failed")
                return self._reject([f"{folder}: not served: building the catalogue failed ({exc!r})"[:500]])
            self.snapshot = snapshot
            if self.warm:
                snapshot.warm_in_background()
            log.info("catalogue reloaded: version %s", catalogue.version)
        self.errors = []
        return True

    def _reject(self, errors: list[str]) -> bool:
        """Keep serving the last good snapshot; tell the author (log and /healthz) what was wrong."""
        self.errors = errors
        for line in errors:
            log.error("catalogue rejected: %s", line)
        return False

    def check_for_changes(self) -> None:
        signature = self._fingerprint()
        if signature != self._signature:
            self._signature = signature
            self.reload()

    def watch(self, interval: float) -> None:
        """Poll the data folder in a daemon thread (a few stat calls per tick)."""

        def run() -> None:
            while not self._stop.wait(interval):
                try:
                    self.check_for_changes()
                except Exception:  # a bug in reloading must not stop the server serving
                    log.exception("reloading the catalogue failed")

        self._thread = threading.Thread(target=run, name="triggermap-reload", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
