"""What the server serves: an immutable snapshot of one catalogue, swapped whole on reload.

A snapshot precomputes what does not change per request (API dictionaries,
serialized detail bodies, SVG diagrams), so the hot paths only look up bytes.
A rejected edit never replaces the snapshot: the last good catalogue stays.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from app.api import presenters
from app.catalogue.index import Catalogue
from app.catalogue.loader import data_files, load_catalogue
from app.errors import CatalogueInvalid

log = logging.getLogger("triggermap")


def etag_for(*parts: str) -> str:
    """A strong ETag from the catalogue version and whatever identifies the representation."""
    digest = hashlib.blake2b("\0".join(parts).encode(), digest_size=9).hexdigest()
    return f'"{parts[0][:12]}-{digest}"'


@dataclass(frozen=True)
class Detail:
    body: bytes
    etag: str


@dataclass
class Snapshot:
    catalogue: Catalogue
    loaded_at: str
    regions: list[dict[str, Any]] = field(default_factory=list)
    muscles: list[dict[str, Any]] = field(default_factory=list)
    trigger_points: list[dict[str, Any]] = field(default_factory=list)
    conditions: list[dict[str, Any]] = field(default_factory=list)
    details: dict[tuple[str, str], Detail] = field(default_factory=dict)
    tp_summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    diagrams: Any = None
    plain_svgs: dict[str, bytes] = field(default_factory=dict)
    svg_cache: dict[tuple[str, ...], bytes] = field(default_factory=dict)

    @classmethod
    def build(cls, catalogue: Catalogue) -> Snapshot:
        c = catalogue
        snap = cls(catalogue=c, loaded_at=datetime.now(UTC).isoformat(timespec="seconds"))
        snap.regions = [presenters.region(r) for r in c.regions.values()]
        snap.muscles = [presenters.muscle_summary(m) for m in c.muscles.values()]
        snap.trigger_points = [presenters.trigger_point_summary(t) for t in c.trigger_points.values()]
        snap.tp_summaries = {t["id"]: t for t in snap.trigger_points}
        snap.conditions = [presenters.condition_summary(c, x) for x in c.conditions.values()]
        kinds: list[tuple[str, dict[str, dict[str, Any]]]] = [
            ("regions", {d["id"]: d for d in snap.regions}),
            ("muscles", {m.id: presenters.muscle(c, m) for m in c.muscles.values()}),
            ("trigger-points", {t.id: presenters.trigger_point(c, t) for t in c.trigger_points.values()}),
            ("conditions", {x.id: presenters.condition(c, x) for x in c.conditions.values()}),
        ]
        for kind, records in kinds:
            for ident, record in records.items():
                snap.details[(kind, ident)] = Detail(orjson.dumps(record), etag_for(c.version, kind, ident))
        from app.body.render import BodyDiagrams

        snap.diagrams = BodyDiagrams(c)
        snap.plain_svgs = {v: snap.diagrams.view_svg(v).encode() for v in c.views}
        return snap


class Store:
    """Holds the current snapshot; reloads the data folder and keeps the last good one."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.snapshot = Snapshot.build(load_catalogue(self.data_dir))
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
            catalogue = load_catalogue(self.data_dir)
        except CatalogueInvalid as exc:
            self.errors = exc.lines()
            for line in self.errors:
                log.error("catalogue rejected: %s", line)
            return False
        if catalogue.version != self.snapshot.catalogue.version:
            self.snapshot = Snapshot.build(catalogue)
            log.info("catalogue reloaded: version %s", catalogue.version)
        self.errors = []
        return True

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
