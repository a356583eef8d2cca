"""What the server serves: an immutable snapshot of one catalogue, swapped whole on reload.

A snapshot precomputes what does not change per request (records, serialized
detail bodies, exports, the search index), so the hot paths only look up bytes.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from app import lookup
from app.body.figures import figure_ids
from app.catalogue.index import Catalogue
from app.catalogue.models import BASE_FIGURE
from app.queries import records
from app.queries.diagrams import Diagrams
from app.search import SearchIndex

KINDS = ("regions", "muscles", "trigger-points", "conditions", "symptoms")


def etag_for(*parts: str) -> str:
    """A strong ETag from the catalogue version and whatever identifies the representation."""
    digest = hashlib.blake2b("\0".join(parts).encode(), digest_size=9).hexdigest()
    return f'"{parts[0][:12]}-{digest}"'


@dataclass(frozen=True)
class Detail:
    """A serialized body and its ETag."""

    body: bytes
    etag: str


@dataclass(frozen=True)
class Snapshot:
    catalogue: Catalogue
    loaded_at: str
    regions: list[dict[str, Any]]
    muscles: list[dict[str, Any]]
    trigger_points: list[dict[str, Any]]
    conditions: list[dict[str, Any]]
    symptoms: list[dict[str, Any]]
    tp_summaries: dict[str, dict[str, Any]]
    # The same summaries serialized, so a lookup embeds them without serializing them again per request.
    tp_summary_json: dict[str, orjson.Fragment]
    # (kind, id) -> the record as the API serves it: the dictionary for pages, the bytes for the API.
    records: dict[tuple[str, str], dict[str, Any]]
    details: dict[tuple[str, str], Detail]
    diagrams: Diagrams  # the served default figure's
    search: SearchIndex
    exports: dict[str, Detail]
    # Every figure's diagrams (male, female, ...), the default's among them; the others drawn on first use.
    figures: Mapping[str, Diagrams] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.catalogue.version

    def diagrams_for(self, figure: str | None) -> Diagrams:
        """The diagrams of a figure, the default one's when none is named (an unknown name is the caller's 404)."""
        return self.figures[figure] if figure is not None else self.diagrams

    def record(self, kind: str, ident: str) -> dict[str, Any] | None:
        return self.records.get((kind, ident))

    def warm_in_background(self) -> threading.Thread:
        """Draw every figure's thumbnails once, in a daemon thread (Diagrams.warm): the default figure first."""
        figures = [self.diagrams, *(d for d in self.figures.values() if d is not self.diagrams)]

        def warm() -> None:
            for diagrams in figures:
                diagrams.warm()

        thread = threading.Thread(target=warm, name="triggermap-warm", daemon=True)
        thread.start()
        return thread


class LazyFigures(Mapping[str, Diagrams]):
    """Each figure's diagrams by name, the served default's built with the snapshot and the others on first
    use: a warped figure's geometry takes about as long to build as the rest of startup, and most visitors
    never ask for it."""

    def __init__(self, catalogue: Catalogue, default: Diagrams) -> None:
        self._catalogue = catalogue
        self._names = figure_ids(catalogue)
        self._built = {default.figure: default}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Diagrams:
        found = self._built.get(name)
        if found is None:
            if name not in self._names:
                raise KeyError(name)
            with self._lock:
                found = self._built.get(name) or self._built.setdefault(name, Diagrams(self._catalogue, name))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def build_snapshot(catalogue: Catalogue, figure: str = BASE_FIGURE) -> Snapshot:
    """Everything a request may need that depends only on the catalogue, computed once.

    `figure` is the one drawn when a request names none (male unless the server is told otherwise).
    """
    from app.queries.exports import build_exports

    c = catalogue
    lookup.index_of(c)  # the lookup's inverted index, built at load rather than on the first request
    full: dict[tuple[str, str], dict[str, Any]] = {}
    regions = [records.region(r) for r in c.regions.values()]
    for record in regions:
        full[("regions", record["id"])] = record
    for m in c.muscles.values():
        full[("muscles", m.id)] = records.muscle(c, m)
    diagrams = Diagrams(c, figure if figure in figure_ids(c) else BASE_FIGURE)
    figures = LazyFigures(c, diagrams)
    for t in c.trigger_points.values():
        preferred = diagrams.best_view(t.id, "left" if t.side == "left" else "right")
        full[("trigger-points", t.id)] = records.trigger_point(c, t, preferred)
    for x in c.conditions.values():
        full[("conditions", x.id)] = records.condition(c, x)
    for s in c.symptoms.values():
        full[("symptoms", s.id)] = records.symptom(c, s)
    details = {key: Detail(orjson.dumps(record), etag_for(c.version, *key)) for key, record in full.items()}
    summary_models = {t.id: records.summary_model(t) for t in c.trigger_points.values()}
    trigger_points = [model.model_dump(mode="json") for model in summary_models.values()]
    snap = Snapshot(
        catalogue=c,
        loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        regions=regions,
        muscles=[records.muscle_summary(m) for m in c.muscles.values()],
        trigger_points=trigger_points,
        conditions=[records.condition_summary(c, x) for x in c.conditions.values()],
        symptoms=[records.symptom_summary(s) for s in c.symptoms.values()],
        tp_summaries={t["id"]: t for t in trigger_points},
        tp_summary_json={t["id"]: orjson.Fragment(orjson.dumps(t)) for t in trigger_points},
        records=full,
        details=details,
        diagrams=diagrams,
        search=SearchIndex.of(c),
        exports={},
        figures=figures,
    )
    snap.exports.update(build_exports(snap))
    return snap
