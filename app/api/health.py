"""/healthz: liveness, counts, the catalogue version, and errors of a rejected edit."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app import schemas

router = APIRouter()


@router.get("/healthz", response_model=schemas.Health, tags=["meta"], summary="Health and catalogue version")
def get_health(request: Request) -> schemas.Health:
    store = request.app.state.store
    snap = store.snapshot
    return schemas.Health(
        status="ok" if not store.errors else "degraded",
        version=snap.catalogue.version,
        counts=snap.catalogue.counts(),
        loaded_at=snap.loaded_at,
        catalogue_errors=list(store.errors),
    )
