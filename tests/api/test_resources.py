"""/api/v1 lists and records: shapes, filters, paging."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_lists_have_the_paging_envelope(client: TestClient) -> None:
    for kind in ("regions", "muscles", "trigger-points", "conditions"):
        doc = client.get(f"/api/v1/{kind}").json()
        assert set(doc) == {"items", "total", "limit", "offset"}, kind
        assert doc["limit"] == 100
        assert doc["offset"] == 0
        assert doc["total"] >= len(doc["items"]) > 0


def test_paging_slices_and_keeps_total(client: TestClient) -> None:
    everything = client.get("/api/v1/regions?limit=1000").json()
    second = client.get("/api/v1/regions?limit=5&offset=5").json()
    assert second["total"] == everything["total"]
    assert second["items"] == everything["items"][5:10]


def test_regions_are_sided_with_plain_names(client: TestClient) -> None:
    temple = client.get("/api/v1/regions/temple-left").json()
    assert temple["side"] == "left"
    assert temple["base"] == "temple"
    assert temple["name"] == "left temple"
    assert "temporal region" in temple["aliases"]
    assert client.get("/api/v1/regions/sternum").json()["side"] == "midline"
    heel = client.get("/api/v1/regions/heel-right").json()
    assert heel["name"] == "right heel (plantar)"


def test_trigger_point_record(client: TestClient) -> None:
    tp = client.get("/api/v1/trigger-points/upper-trapezius-1").json()
    assert tp["muscle"] == "upper-trapezius"
    assert tp["referral"] == {
        "essential": ["nape", "mastoid", "temple"],
        "spillover": ["jaw", "orbit", "occiput"],
        "bilateral": [],
        "rare": [],
        "sensations": [],
    }
    assert (tp["evidence"], tp["side"]) == ("drawn", "either")
    assert "temple-left" in tp["referral_by_side"]["left"]["essential"]
    assert tp["location"]["regions"] == ["neck-angle"]
    assert tp["conditions"] == ["tension-headache", "neck-shoulder-tension"]
    assert tp["references"][0]["id"] == "ts1-trapezius"
    assert "Trigger Point Manual" in tp["references"][0]["citation"]


def test_how_sure_one_sided_and_bilateral_in_the_record(real_client: TestClient) -> None:
    mcburney = real_client.get("/api/v1/trigger-points/rectus-abdominis-3").json()
    assert mcburney["side"] == "right"
    assert set(mcburney["referral_by_side"]) == {"right"}
    band = real_client.get("/api/v1/trigger-points/rectus-abdominis-2").json()["referral_by_side"]["right"]
    assert {"lumbar-right", "lumbar-left", "sacrum"} <= set(band["essential"])
    soleus = real_client.get("/api/v1/trigger-points/soleus-3").json()
    assert soleus["referral"]["rare"] == ["jaw"]
    study = real_client.get("/api/v1/trigger-points/dorsal-interossei-hand-3").json()
    assert (study["evidence"], study["evidence_note"]) == ("study", "from a separate study, not from the Manual")
    assert study["references"][0]["kind"] == "peer-reviewed"
    femoris = real_client.get("/api/v1/trigger-points/rectus-femoris-distal").json()
    secondary = [r for r in femoris["references"] if r["kind"] == "secondary"]
    assert secondary
    assert all(r["url"].startswith("http") and r["publisher"] for r in secondary)


def test_trigger_point_filters(client: TestClient) -> None:
    def ids(query: str) -> list[str]:
        return [t["id"] for t in client.get(f"/api/v1/trigger-points?{query}").json()["items"]]

    assert ids("muscle=soleus") == ["soleus-1", "soleus-3"]
    assert ids("refers_to=heel-left") == ["soleus-1"]
    assert ids("refers_to=temple") == ["upper-trapezius-1"]
    assert ids("region=calf-right") == ["soleus-1", "soleus-3"]
    assert ids("condition=pseudo-angina") == ["sternalis-1"]
    assert ids("q=trapez") == ["upper-trapezius-1"]
    assert ids("muscle=soleus&refers_to=calf") == ["soleus-3"]


def test_muscle_and_condition_records(client: TestClient) -> None:
    muscle = client.get("/api/v1/muscles/soleus").json()
    assert muscle["trigger_points"] == ["soleus-1", "soleus-3"]
    assert set(muscle["conditions"]) == {"heel-pain", "plantar-fasciitis"}
    condition = client.get("/api/v1/conditions/tension-headache").json()
    assert condition["trigger_points"] == ["upper-trapezius-1"]
    assert condition["muscles"] == ["upper-trapezius"]
    assert condition["description"]


def test_unknown_id_is_a_404_problem_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/v1/trigger-points/upper-trapezius-9")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "Not found"
    assert "upper-trapezius-9" in body["detail"]
    assert body["suggestions"][0] == "upper-trapezius-1"


def test_unknown_filter_value_is_a_404_not_an_empty_list(client: TestClient) -> None:
    response = client.get("/api/v1/trigger-points?muscle=solues")
    assert response.status_code == 404
    assert response.json()["suggestions"][0] == "soleus"


def test_bad_parameters_are_422_problems(client: TestClient) -> None:
    for query in ("limit=0", "limit=1001", "limit=abc", "offset=-1", "muscle=%3Cscript%3E"):
        response = client.get(f"/api/v1/trigger-points?{query}")
        assert response.status_code == 422, query
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"]


def test_health_reports_version_and_counts(client: TestClient) -> None:
    doc = client.get("/healthz").json()
    assert doc["status"] == "ok"
    assert len(doc["version"]) == 16
    assert doc["counts"]["trigger_points"] == 4
    assert doc["catalogue_errors"] == []


def test_symptoms_list_and_record(real_client: TestClient) -> None:
    listed = real_client.get("/api/v1/symptoms", params={"q": "ringing"}).json()
    assert [s["id"] for s in listed["items"]] == ["tinnitus"]
    record = real_client.get("/api/v1/symptoms/chest-pain").json()
    assert record["caveat"]
    assert "doctor" in record["caveat"]
    assert record["trigger_points"][0] == "pectoralis-major-2"
    assert "pectoralis-major" in record["muscles"]
    assert record["references"][0]["short"].startswith("T&S")
    missing = real_client.get("/api/v1/symptoms/tinitus")
    assert missing.status_code == 404
    assert "tinnitus" in missing.json()["suggestions"]
