"""The published response models are the contract: every served JSON body matches its model exactly.

Each route's 200 body is validated against the schema /openapi.json publishes
for it, with every object closed (no field the model does not declare), so a
body and its documentation cannot drift apart.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

# One real request per JSON route; a new route must be added here (the last test checks).
SAMPLES = {
    "/healthz": ["/healthz"],
    "/api/v1/regions": ["/api/v1/regions?limit=1000", "/api/v1/regions?view=anterior&side=midline"],
    "/api/v1/regions/{region_id}": ["/api/v1/regions/temple-right", "/api/v1/regions/sternum"],
    "/api/v1/muscles": ["/api/v1/muscles?limit=1000"],
    "/api/v1/muscles/{muscle_id}": ["/api/v1/muscles/upper-trapezius", "/api/v1/muscles/soleus"],
    "/api/v1/trigger-points": ["/api/v1/trigger-points?limit=1000", "/api/v1/trigger-points?refers_to=heel"],
    "/api/v1/trigger-points/{trigger_point_id}": ["/api/v1/trigger-points/upper-trapezius-1"],
    "/api/v1/conditions": ["/api/v1/conditions"],
    "/api/v1/conditions/{condition_id}": ["/api/v1/conditions/tension-headache"],
    "/api/v1/symptoms": ["/api/v1/symptoms"],
    "/api/v1/symptoms/{symptom_id}": ["/api/v1/symptoms/chest-pain", "/api/v1/symptoms/cramps"],
    "/api/v1/lookup": ["/api/v1/lookup?region=temple-right&region=nape-right", "/api/v1/lookup?choir=101"],
    "/api/v1/search": [
        "/api/v1/search?q=trap",
        "/api/v1/search?q=plantar%20fascitis",
        "/api/v1/search?q=dizziness&kind=symptom&kind=muscle",
    ],
    "/api/v1/export/catalogue.json": ["/api/v1/export/catalogue.json"],
}


def closed(schema: Any) -> Any:
    """The schema with every object that lists its properties closed to others."""
    if isinstance(schema, dict):
        out = {key: closed(value) for key, value in schema.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    return schema


@pytest.fixture(scope="module")
def spec(real_client: TestClient) -> dict[str, Any]:
    return real_client.get("/openapi.json").json()


def response_schema(spec: dict[str, Any], route: str) -> dict[str, Any]:
    schema = spec["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return {**closed(schema), "components": closed(copy.deepcopy(spec["components"]))}


@pytest.mark.parametrize(("route", "url"), [(route, url) for route, urls in SAMPLES.items() for url in urls])
def test_every_body_is_exactly_its_published_model(
    real_client: TestClient, spec: dict[str, Any], route: str, url: str
) -> None:
    response = real_client.get(url)
    assert response.status_code == 200, response.text[:300]
    body = response.json()
    schema = response_schema(spec, route)
    jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)
    if isinstance(body, dict) and "items" in body:
        assert body["items"], f"{url} answered no items; the sample proves nothing"


def test_every_json_route_has_a_sample(spec: dict[str, Any]) -> None:
    json_routes = {
        path
        for path, ops in spec["paths"].items()
        if "application/json" in ops.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
    }
    assert json_routes == set(SAMPLES)


def test_operation_ids_are_clean_names(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    for op_id in ids:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", op_id), op_id
        assert "api_v1" not in op_id
    assert {"list_regions", "get_trigger_point", "lookup", "search"} <= set(ids)


def test_the_vocabularies_are_enums(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert set(schemas["RegionOut"]["properties"]["side"]["enum"]) == {"left", "right", "midline"}
    assert "head" in schemas["RegionOut"]["properties"]["area"]["enum"]
    prevalence = schemas["TriggerPointSummary"]["properties"]["prevalence"]["enum"]
    assert set(prevalence) == {"very-common", "common", "occasional", "rare"}
    assert set(schemas["SearchHit"]["properties"]["kind"]["enum"]) >= {"muscle", "trigger-point"}
