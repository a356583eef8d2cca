"""The reverse lookup as the published LookupOut, shared by the API and the pages."""

from __future__ import annotations

from app import lookup, schemas
from app.errors import BadRequest
from app.queries.snapshot import Snapshot

MAX_REGIONS = 200


def lookup_result(snap: Snapshot, regions: list[str], choir: list[str], limit: int) -> schemas.LookupOut:
    """Painted regions (ids or CHOIR codes) -> ranked, explained trigger points."""
    if len(regions) + len(choir) > MAX_REGIONS:
        raise BadRequest(f"at most {MAX_REGIONS} regions per lookup")
    painted = lookup.resolve_regions(snap.catalogue, [r[:100] for r in regions], [c[:10] for c in choir])
    candidates = lookup.lookup(snap.catalogue, painted, limit=limit)
    return schemas.LookupOut(
        regions=painted,
        items=[
            schemas.LookupItem(
                trigger_point=snap.tp_summary_models[c.trigger_point.id],
                sides=list(c.sides),
                score=c.score,
                matched=schemas.MatchedOut(essential=list(c.essential), spillover=list(c.spillover)),
                unexplained=list(c.unexplained),
                explanation=c.explanation,
                same_pattern=list(c.same_pattern),
            )
            for c in candidates
        ],
    )
