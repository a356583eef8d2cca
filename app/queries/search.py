"""Search results as the published SearchOut, for the API, the /search page and its suggestions."""

from __future__ import annotations

from collections.abc import Iterable

from app import schemas, urls
from app.queries.snapshot import Snapshot
from app.search import MAX_QUERY


def search_result(snap: Snapshot, q: str, limit: int = 20, kinds: Iterable[str] | None = None) -> schemas.SearchOut:
    q = q[:MAX_QUERY]
    hits = snap.search.search(q, limit, kinds) if q.strip() else []
    items = [
        schemas.SearchHit(
            kind=hit.kind,  # type: ignore[arg-type]
            id=hit.id,
            name=hit.name,
            detail=hit.detail,
            score=hit.score,
            matched=hit.matched,
            how=hit.how,  # type: ignore[arg-type]
            via=hit.via,
            url=urls.page(hit.kind, hit.id),
            api=urls.api(hit.kind, hit.id),
        )
        for hit in hits
    ]
    return schemas.SearchOut(query=q, items=items, total=len(items))
