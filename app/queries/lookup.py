"""The reverse lookup as the published LookupOut, shared by the API and the pages.

Built as plain dictionaries in LookupOut's field order, with each trigger
point's summary serialized once per catalogue (an orjson Fragment): a new
drawing then costs the ranking and one orjson call, not a model validation
per candidate. tests/queries/test_lookup.py proves the bytes are those of
the LookupOut model and that they validate against it.
"""

from __future__ import annotations

from typing import Any

import orjson

from app import lookup
from app.errors import BadRequest
from app.queries.snapshot import Snapshot

MAX_REGIONS = 200


def lookup_items(snap: Snapshot, regions: list[str], choir: list[str], limit: int) -> tuple[list[str], list[Any]]:
    """Painted regions (ids or CHOIR codes) -> (the concrete painted regions, ranked and explained items).

    Each item is a LookupItem as a dictionary; its `trigger_point` is the snapshot's summary dictionary.
    """
    if len(regions) + len(choir) > MAX_REGIONS:
        raise BadRequest(f"at most {MAX_REGIONS} regions per lookup")
    painted = lookup.resolve_regions(snap.catalogue, [r[:100] for r in regions], [c[:10] for c in choir])
    summaries = snap.tp_summaries
    items = [
        {
            "trigger_point": summaries[c.trigger_point.id],
            "sides": list(c.sides),
            "score": c.score,
            "matched": {"essential": list(c.essential), "spillover": list(c.spillover)},
            "unexplained": list(c.unexplained),
            "explanation": c.explanation,
            "same_pattern": list(c.same_pattern),
        }
        for c in lookup.lookup(snap.catalogue, painted, limit=limit)
    ]
    return painted, items


def lookup_body(snap: Snapshot, regions: list[str], choir: list[str], limit: int) -> bytes:
    """The lookup's LookupOut as the API sends it (JSON bytes)."""
    painted, items = lookup_items(snap, regions, choir, limit)
    fragments = snap.tp_summary_json
    for item in items:
        item["trigger_point"] = fragments[item["trigger_point"]["id"]]
    return orjson.dumps({"regions": painted, "items": items})
