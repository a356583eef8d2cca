"""Dependencies shared by the routers: the snapshot being served, paging parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from app.errors import NotFound
from app.queries.diagrams import Diagrams
from app.queries.snapshot import Snapshot
from app.search import MAX_QUERY


async def get_snapshot(request: Request) -> Snapshot:
    """The snapshot being served (async: a dependency this cheap should not hop to the thread pool)."""
    snapshot: Snapshot = request.app.state.store.snapshot
    return snapshot


SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
FigureParam = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=r"^[a-z0-9-]+$",
        description="The body figure to draw: `male` or `female` (the figures in data/figures.yaml); "
        "without it, the server's default (male unless TRIGGERMAP_FIGURE says otherwise). "
        "Regions, muscles, X's and lookups are the same on every figure.",
        examples=["female"],
    ),
]


def diagrams_of(snap: Snapshot, figure: str | None) -> Diagrams:
    """The named figure's diagrams; an unknown figure is a 404 with the known ones as suggestions."""
    if figure is not None and figure not in snap.figures:
        raise NotFound(f"no figure '{figure}'", suggestions=list(snap.figures))
    return snap.diagrams_for(figure)


Limit = Annotated[int, Query(ge=1, le=1000, description="Page size (at most 1000).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
IdFilter = Annotated[str | None, Query(max_length=100, pattern=r"^[A-Za-z0-9-]+$")]
TextQuery = Annotated[str | None, Query(max_length=MAX_QUERY, description="Case-insensitive text filter.")]
