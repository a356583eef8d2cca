"""Search results as the published SearchOut, for the API and the /search page."""

from __future__ import annotations

from app import schemas, urls
from app.queries.snapshot import Snapshot
from app.search import MAX_QUERY


def search_result(snap: Snapshot, q: str, limit: int = 20) -> schemas.SearchOut:
    q = q[:MAX_QUERY]
    hits = snap.search.search(q, limit) if q.strip() else []
    items = [
        schemas.SearchHit(
            kind=hit.entry.kind,  # type: ignore[arg-type]
            id=hit.entry.id,
            name=hit.entry.name,
            detail=hit.entry.detail,
            score=hit.score,
            matched=hit.matched,
            url=urls.page(hit.entry.kind, hit.entry.id),
            api=urls.api(hit.entry.kind, hit.entry.id),
        )
        for hit in hits
    ]
    return schemas.SearchOut(query=q, items=items, total=len(items))
