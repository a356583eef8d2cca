"""How the API documents its error answers: application/problem+json, and 304 without a body."""

from __future__ import annotations

from typing import Any

from app import schemas

# Errors are documented as what they are, application/problem+json; `"model": Problem` would claim application/json.
PROBLEM_CONTENT = {"application/problem+json": {"schema": schemas.Problem.model_json_schema()}}
PROBLEMS: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: `If-None-Match` holds the current ETag; no body."},
    404: {"content": PROBLEM_CONTENT, "description": "Unknown id (with the closest matches)"},
    422: {"content": PROBLEM_CONTENT, "description": "Invalid parameter"},
}
