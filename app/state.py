"""What the server serves: an immutable snapshot of one catalogue, swapped whole on reload.

A snapshot precomputes what does not change per request (API dictionaries,
serialized detail bodies, SVG diagrams), so the hot paths only look up bytes.
A rejected edit never replaces the snapshot: the last good catalogue stays.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from app.api import presenters
from app.catalogue.index import Catalogue
from app.catalogue.loader import data_files, load_catalogue
from app.catalogue.yaml_source import display_name
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
    svg_cache: dict[tuple[str, ...], bytes] = field(default_factory=dict)
    # Dropped with the snapshot on reload, so a replay never outlives its catalogue version.
    responses: ResponseMemo = field(default_factory=ResponseMemo)
    exports: dict[str, Detail] = field(default_factory=dict)  # /api/v1/export bodies

    def plain_svg(self, view_id: str) -> bytes:
        """A view without overlays, drawn on first request (not at startup) and kept."""
        key = ("view", view_id)
        body = self.svg_cache.get(key)
        if body is None:
            body = self.svg_cache[key] = self.diagrams.view_svg(view_id).encode()
        return body

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
        from app.api.exports import build_exports

        snap.exports = build_exports(snap)
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
            return self._reject(exc.lines())
        folder = display_name(self.data_dir)
        if self.snapshot.catalogue.trigger_points and not catalogue.trigger_points:
            # Valid YAML, but an empty catalogue is a file deleted or moved mid-edit, not an edit to serve.
            return self._reject([f"{folder}: no trigger points left (a data file deleted or moved?)"])
        if catalogue.version != self.snapshot.catalogue.version:
            try:
                snapshot = Snapshot.build(catalogue)
            except Exception as exc:  # a bug in triggermap; the author must still learn the edit is not served
                log.exception("building the catalogue failed")
                return self._reject([f"{folder}: not served: building the catalogue failed ({exc!r})"[:500]])
            self.snapshot = snapshot
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
