"""/api/v1/export: the catalogue as JSON and CSV, and the JSON Schema the JSON export keeps to."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.conftest import SMALL_TRIGGER_POINTS, make_data

EXPORTS = {
    "/api/v1/export/catalogue.json": "application/json",
    "/api/v1/export/trigger-points.csv": "text/csv; charset=utf-8",
    "/api/v1/export/schema.json": "application/schema+json",
}


def rows(client: TestClient) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(client.get("/api/v1/export/trigger-points.csv").text)))


def test_json_export_holds_every_record_as_the_api_serves_it(client: TestClient) -> None:
    doc = client.get("/api/v1/export/catalogue.json").json()
    assert doc["version"] == client.get("/healthz").json()["version"]
    assert "does not diagnose" in doc["notice"]
    listed = [t["id"] for t in client.get("/api/v1/trigger-points").json()["items"]]
    assert (
        [t["id"] for t in doc["trigger_points"]]
        == listed
        == ["upper-trapezius-1", "soleus-1", "soleus-3", "sternalis-1"]
    )
    assert doc["trigger_points"][1] == client.get("/api/v1/trigger-points/soleus-1").json()
    assert doc["muscles"][0] == client.get("/api/v1/muscles/upper-trapezius").json()
    assert doc["counts"]["regions"] == len(doc["regions"]) == client.get("/api/v1/regions").json()["total"]
    assert len(doc["conditions"]) == client.get("/api/v1/conditions").json()["total"]
    assert {"ts1-trapezius", "ts2-soleus-and-plantaris"} <= {r["id"] for r in doc["references"]}


def test_json_export_validates_against_the_served_schema(client: TestClient) -> None:
    schema = client.get("/api/v1/export/schema.json").json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"version", "trigger_points", "regions"} <= set(schema["required"])
    validator = jsonschema_rs.validator_for(schema)
    doc = client.get("/api/v1/export/catalogue.json").json()
    validator.validate(doc)
    doc["trigger_points"][0]["referral"] = ["temple"]
    assert not validator.is_valid(doc), "the schema must describe the records, not accept anything"


def test_csv_has_one_row_per_trigger_point_with_its_zones(client: TestClient) -> None:
    table = rows(client)
    assert [row["id"] for row in table] == ["upper-trapezius-1", "soleus-1", "soleus-3", "sternalis-1"]
    trapezius = table[0]
    assert trapezius["muscle_name"] == "Upper trapezius"
    assert trapezius["label"] == "TrP1"
    assert trapezius["location_regions"] == "neck-angle"
    assert trapezius["essential"] == "nape; mastoid; temple"
    assert trapezius["spillover"] == "jaw; orbit; occiput"
    assert trapezius["conditions"] == "tension-headache; neck-shoulder-tension"
    assert trapezius["prevalence"] == "very-common"
    assert (trapezius["evidence"], trapezius["side"]) == ("drawn", "either")
    assert trapezius["references"].startswith("T&S")
    assert table[2]["spillover"] == ""


def test_csv_is_rfc_4180(client: TestClient) -> None:
    response = client.get("/api/v1/export/trigger-points.csv")
    assert response.content.startswith(b"id,name,muscle,muscle_name,label,location,")
    assert response.content.count(b"\r\n") == 1 + 4
    assert 'filename="triggermap-trigger-points.csv"' in response.headers["content-disposition"]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(tmp_path: Path) -> None:
    hostile = SMALL_TRIGGER_POINTS.replace("description: Over the sternum.", 'description: "=HYPERLINK(1)"')
    with TestClient(create_app(Settings(data_dir=make_data(tmp_path / "data", hostile)))) as client:
        sternalis = rows(client)[-1]
        assert sternalis["location"] == "'=HYPERLINK(1)"
        # the JSON export keeps the data as written
        tp = client.get("/api/v1/export/catalogue.json").json()["trigger_points"][-1]
        assert tp["location"]["description"] == "=HYPERLINK(1)"


@pytest.mark.parametrize(("path", "media_type"), EXPORTS.items())
def test_exports_are_cached_with_etags(client: TestClient, path: str, media_type: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert "max-age" in response.headers["cache-control"]
    assert client.get(path, headers={"If-None-Match": response.headers["etag"]}).status_code == 304


def test_exports_follow_a_data_edit(fresh_client: TestClient, small_data: Path) -> None:
    client = fresh_client
    old_tag = client.get("/api/v1/export/catalogue.json").headers["etag"]
    (small_data / "trigger_points.yaml").write_text(
        SMALL_TRIGGER_POINTS.replace("prevalence: occasional", "prevalence: rare")
    )
    client.app.state.store.reload()
    response = client.get("/api/v1/export/catalogue.json", headers={"If-None-Match": old_tag})
    assert response.status_code == 200
    assert response.json()["version"] == client.get("/healthz").json()["version"]
    assert [row["prevalence"] for row in rows(client)][2:] == ["rare", "rare"]


def test_openapi_describes_each_export(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, media_type in EXPORTS.items():
        ok = paths[path]["get"]["responses"]["200"]
        assert ok["description"], path
        assert media_type.split(";")[0] in ok["content"], path
    json_export = paths["/api/v1/export/catalogue.json"]["get"]["responses"]["200"]
    assert json_export["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/CatalogueExport"}
