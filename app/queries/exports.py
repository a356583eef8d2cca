"""The catalogue as downloads: one JSON document, the trigger points as CSV, and the JSON Schema.

Built once per snapshot from the same records the detail routes serve, so an
export never disagrees with the API.
"""

from __future__ import annotations

import csv
import hashlib
import io
from typing import TYPE_CHECKING, Any

import orjson

from app import schemas
from app.queries import records

if TYPE_CHECKING:  # the snapshot builds its exports with this module
    from app.queries.snapshot import Detail, Snapshot

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
    "preferred_view",
    "markers",
)
LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON export, as validators expect it (with `$schema`)."""
    schema = schemas.CatalogueExport.model_json_schema(mode="serialization")
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
        "references": [ref.model_dump(mode="json") for ref in records.references(c, list(c.references))],
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
            snap.records[("trigger-points", tp.id)]["preferred_view"],
            [f"{view} {x:g},{y:g}" for view, (x, y) in tp.location.markers.items()],
        ]
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode()


def build_exports(snap: Snapshot) -> dict[str, Detail]:
    """The export bodies of one snapshot, each with an ETag from the catalogue version and its bytes."""
    from app.queries.snapshot import Detail, etag_for

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
