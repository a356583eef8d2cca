"""Dependencies shared by the routers: the snapshot being served, paging parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from app.state import Snapshot


def get_snapshot(request: Request) -> Snapshot:
    return request.app.state.store.snapshot


SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size (at most 1000).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
IdFilter = Annotated[str | None, Query(max_length=100, pattern=r"^[A-Za-z0-9-]+$")]
TextQuery = Annotated[str | None, Query(max_length=200, description="Case-insensitive text filter.")]
