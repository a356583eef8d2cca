"""How the API documents its error answers: application/problem+json, and 304 without a body."""

from __future__ import annotations

from typing import Any

from app import schemas

# Errors are documented as what they are, application/problem+json; `"model": Problem` would claim application/json.
PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
PROBLEMS: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: `If-None-Match` holds the current ETag; no body."},
    404: {"content": PROBLEM_CONTENT, "description": "Unknown id (with the closest matches)"},
    422: {"content": PROBLEM_CONTENT, "description": "Invalid parameter"},
}


def publish_problem(spec: dict[str, Any]) -> dict[str, Any]:
    """Add the Problem model (and the models it uses) to an OpenAPI document's components, once."""
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in components:
        schema = schemas.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(schema.pop("$defs", {}))
        components["Problem"] = schema
    return spec
