"""/api/v1/export: the whole catalogue as one JSON document, the trigger points as CSV, and the JSON Schema.

For people who want the data offline or in a spreadsheet. The three bodies are
built once per snapshot (`build_exports`), from the same records the detail
routes serve, so an export never disagrees with the API.
"""

from __future__ import annotations

import csv
import hashlib
import io
from typing import TYPE_CHECKING, Any

import orjson
from fastapi import APIRouter, Request
from pydantic import Field
from starlette.responses import Response

from app.api import presenters, schemas
from app.api.deps import SnapshotDep
from app.api.resources import PROBLEMS
from app.http import cached

if TYPE_CHECKING:  # app.state imports this module while building a snapshot
    from app.state import Detail, Snapshot

router = APIRouter(prefix="/api/v1/export", tags=["exports"])

CSV = "text/csv; charset=utf-8"
SCHEMA_JSON = "application/schema+json"
NOTICE = (
    "triggermap informs; it does not diagnose. Referral maps are population patterns from clinical "
    "observation, not certainties; see the references cited per entry."
)
CSV_COLUMNS = (
    "id",
    "name",
    "muscle",
    "muscle_name",
    "label",
    "location",
    "location_regions",
    "essential",
    "spillover",
    "conditions",
    "prevalence",
    "references",
    "evidence",
    "side",
)
LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CatalogueExport(schemas.Out):
    """The whole catalogue in one document; each record is what its /api/v1 detail route returns."""

    version: str = Field(description="Content hash of the catalogue; the same as /healthz reports.")
    notice: str = Field(description="What the data is and is not.")
    counts: dict[str, int] = Field(examples=[{"regions": 184, "muscles": 122, "trigger_points": 175}])
    regions: list[schemas.RegionOut]
    muscles: list[schemas.MuscleOut]
    trigger_points: list[schemas.TriggerPointOut]
    conditions: list[schemas.ConditionOut]
    references: list[schemas.ReferenceOut]


def export_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON export, as validators expect it (with `$schema`)."""
    schema = CatalogueExport.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _records(snap: Snapshot, kind: str, ids: Any) -> list[orjson.Fragment]:
    # The detail bodies are already serialized: embed their bytes rather than parse and dump again.
    return [orjson.Fragment(snap.details[(kind, ident)].body) for ident in ids]


def catalogue_json(snap: Snapshot) -> bytes:
    c = snap.catalogue
    document = {
        "version": c.version,
        "notice": NOTICE,
        "counts": c.counts(),
        "regions": _records(snap, "regions", c.regions),
        "muscles": _records(snap, "muscles", c.muscles),
        "trigger_points": _records(snap, "trigger-points", c.trigger_points),
        "conditions": _records(snap, "conditions", c.conditions),
        "references": [ref.model_dump(mode="json") for ref in presenters.references(c, list(c.references))],
    }
    return orjson.dumps(document)


def _cell(value: str | list[str]) -> str:
    text = LIST_SEPARATOR.join(value) if isinstance(value, list) else value
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def trigger_points_csv(snap: Snapshot) -> bytes:
    """One row per trigger point; list cells joined with "; ", references by their short citation."""
    c = snap.catalogue
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(CSV_COLUMNS)
    for tp in c.trigger_points.values():
        row: list[str | list[str]] = [
            tp.id,
            tp.name,
            tp.muscle,
            tp.muscle_name,
            tp.label,
            tp.location.description,
            list(tp.location.regions),
            list(tp.referral.essential),
            list(tp.referral.spillover),
            list(tp.conditions),
            tp.prevalence,
            [c.references[ref].short for ref in tp.references],
            tp.evidence,
            tp.side,
        ]
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode()


def build_exports(snap: Snapshot) -> dict[str, Detail]:
    """The export bodies of one snapshot, each with an ETag from the catalogue version and its bytes."""
    from app.state import Detail, etag_for

    bodies = {
        "catalogue.json": catalogue_json(snap),
        "trigger-points.csv": trigger_points_csv(snap),
        "schema.json": orjson.dumps(export_schema()),
    }
    # The bytes join the version in the tag: the schema and CSV layout change with the code, not only the data.
    return {
        name: Detail(body, etag_for(snap.catalogue.version, "export", name, hashlib.blake2b(body).hexdigest()))
        for name, body in bodies.items()
    }


def _serve(request: Request, snap: Snapshot, name: str, media_type: str) -> Response:
    export = snap.exports[name]
    response = cached(request, export.body, export.etag, media_type)
    response.headers["Content-Disposition"] = f'inline; filename="triggermap-{name}"'
    return response


@router.get(
    "/catalogue.json",
    response_model=CatalogueExport,
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
