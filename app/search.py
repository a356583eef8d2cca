"""Typo- and abbreviation-tolerant search over muscles, trigger points, regions and conditions.

People type "SCM", "trap" or "plantar fascitis"; rapidfuzz's WRatio over every
name, synonym and alias handles typos, partial words and word order, so we
keep no hand-written scoring beyond a small boost for exact and prefix hits.
The index is built once per catalogue and lives in its snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils

from app.catalogue.index import Catalogue

MAX_QUERY = 200
CUTOFF = 72.0
# Shown before others on equal score: what people most often look for.
KIND_ORDER = {"muscle": 0, "condition": 1, "region": 2, "trigger-point": 3}


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    name: str
    detail: str


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float  # in [0, 1]
    matched: str  # the name, synonym or alias that matched


@dataclass(frozen=True)
class SearchIndex:
    """Every searchable text (a key) with the entry it names; built once per catalogue."""

    keys: tuple[str, ...]
    entries: tuple[Entry, ...]
    entry_of_key: tuple[int, ...]

    @classmethod
    def build(cls, c: Catalogue) -> SearchIndex:
        entries: list[Entry] = []
        keys: list[str] = []
        owners: list[int] = []

        def add(entry: Entry, texts: list[str]) -> None:
            entries.append(entry)
            for text in dict.fromkeys(t for t in texts if t):
                keys.append(text)
                owners.append(len(entries) - 1)

        for m in c.muscles.values():
            add(Entry("muscle", m.id, m.name, f"muscle, {m.area}"), [m.name, *m.synonyms])
        for x in c.conditions.values():
            add(Entry("condition", x.id, x.name, "condition"), [x.name, *x.aliases])
        for r in c.regions.values():
            add(
                Entry("region", r.id, r.name, f"body region, {r.area}"), [r.name, *(f"{a} {r.side}" for a in r.aliases)]
            )
        for t in c.trigger_points.values():
            synonyms = c.muscles[t.muscle].synonyms
            add(Entry("trigger-point", t.id, t.name, "trigger point"), [t.name, *(f"{s} {t.label}" for s in synonyms)])
        return cls(tuple(keys), tuple(entries), tuple(owners))

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Entries whose name or any synonym is close to the query, best first (deterministic)."""
        query = query[:MAX_QUERY].strip()
        wanted = utils.default_process(query)
        if not wanted:
            return []
        matches = process.extract(
            query,
            self.keys,
            scorer=_score,
            processor=utils.default_process,
            limit=None,
            score_cutoff=CUTOFF,
        )
        best: dict[int, tuple[float, str]] = {}
        for key, score, index in matches:
            normal = utils.default_process(key)
            if normal == wanted:
                score = 101.0  # an exact name or abbreviation ("SCM") beats any fuzzy hit
            elif normal.startswith(wanted) or set(wanted.split()) <= set(normal.split()):
                score = max(score, 95.0)
            owner = self.entry_of_key[index]
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, key)
        ranked = sorted(
            best.items(),
            key=lambda item: (-item[1][0], KIND_ORDER[self.entries[item[0]].kind], self.entries[item[0]].name),
        )
        return [Hit(self.entries[i], round(min(score, 100.0) / 100, 3), key) for i, (score, key) in ranked[:limit]]


def _score(query: str, key: str, *, score_cutoff: float | None = None, **_: Any) -> float:
    """WRatio, except that a key much shorter than the query ("PL") may not match it partially."""
    if len(key) * 5 < len(query) * 3:
        return fuzz.QRatio(query, key, score_cutoff=score_cutoff)
    return fuzz.WRatio(query, key, score_cutoff=score_cutoff)
