"""/api/v1/export: the whole catalogue as one JSON document, the trigger points as CSV, and the JSON Schema.

For people who want the data offline or in a spreadsheet; the bodies are built
once per snapshot by app.queries.exports.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from app import schemas
from app.api.deps import SnapshotDep
from app.api.responses import PROBLEMS
from app.http.caching import cached
from app.queries.exports import CSV, CSV_COLUMNS, SCHEMA_JSON
from app.queries.snapshot import Snapshot

router = APIRouter(prefix="/api/v1/export", tags=["exports"])


def _serve(request: Request, snap: Snapshot, name: str, media_type: str) -> Response:
    export = snap.exports[name]
    response = cached(request, export.body, export.etag, media_type)
    response.headers["Content-Disposition"] = f'inline; filename="triggermap-{name}"'
    return response


@router.get(
    "/catalogue.json",
    response_model=schemas.CatalogueExport,
    responses={304: PROBLEMS[304]},
    summary="The whole catalogue as one JSON document",
    response_description="Every region, muscle, trigger point, condition and reference, with the catalogue version.",
)
def export_catalogue(request: Request, snap: SnapshotDep) -> Response:
    """The records are exactly those of the detail routes; `version` changes whenever the data does.
    Its JSON Schema is at `/api/v1/export/schema.json`."""
    return _serve(request, snap, "catalogue.json", "application/json")


@router.get(
    "/trigger-points.csv",
    response_class=Response,
    summary="The trigger points as CSV, one row per trigger point",
    responses={
        304: PROBLEMS[304],
        200: {
            "description": f"RFC 4180 CSV with a header row: {', '.join(CSV_COLUMNS)}. List cells are joined "
            'with "; "; zones and locations are side-neutral region ids; references are short citations.',
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
def export_trigger_points(request: Request, snap: SnapshotDep) -> Response:
    """For spreadsheets. A cell that would start with `=`, `+`, `-` or `@` is prefixed with `'` so that
    spreadsheet programs show it rather than run it."""
    return _serve(request, snap, "trigger-points.csv", CSV)


@router.get(
    "/schema.json",
    response_class=Response,
    summary="The JSON Schema of the catalogue export",
    responses={
        304: PROBLEMS[304],
        200: {
            "description": "JSON Schema (draft 2020-12) that `/api/v1/export/catalogue.json` validates against.",
            "content": {SCHEMA_JSON: {"schema": {"type": "object"}}},
        },
    },
)
def export_json_schema(request: Request, snap: SnapshotDep) -> Response:
    return _serve(request, snap, "schema.json", SCHEMA_JSON)
