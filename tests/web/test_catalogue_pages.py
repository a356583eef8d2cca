"""Record pages: trigger point (and handout), muscle, region, condition, symptom, and the indexes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.web.conftest import Rendered, make_web_data
from tests.web.html import soup, texts


def test_trigger_point_page_shows_the_pattern_and_the_facts(web_client: TestClient, rendered: Rendered) -> None:
    response = web_client.get("/trigger-points/upper-trapezius-1")
    assert rendered.name == "trigger_point.html"
    page = soup(response)
    assert texts(page, "h1") == ["Upper trapezius TrP1"]
    diagram = page.select_one("figure.diagram svg")
    assert diagram is not None
    assert "tm-posterior" in diagram["class"]
    assert "is-essential" in diagram.select_one('path[data-region="nape-right"]')["class"]
    assert "is-spillover" in diagram.select_one('path[data-region="occiput-right"]')["class"]
    assert diagram.select_one(".tm-markers") is not None
    assert "Temple headache" in texts(page, "section li")
    assert {a["href"] for a in page.select("a")} >= {
        "/muscles/upper-trapezius",
        "/conditions/tension-headache",
        "/trigger-points/upper-trapezius-1/print",
    }
    assert response.headers["link"].startswith("</api/v1/trigger-points/upper-trapezius-1>")


def test_the_left_side_mirrors_the_diagram(web_client: TestClient) -> None:
    page = soup(web_client.get("/trigger-points/upper-trapezius-1?side=left"))
    assert "is-essential" in page.select_one('path[data-region="nape-left"]')["class"]
    assert "is-essential" not in page.select_one('path[data-region="nape-right"]')["class"]


def test_trigger_point_handout(web_client: TestClient, rendered: Rendered) -> None:
    response = web_client.get("/trigger-points/soleus-1/print")
    assert rendered.name == "print_trigger_point.html"
    page = soup(response)
    assert "handout" in page.body["class"]
    assert texts(page, "h1") == ["Your pain may come from the soleus"]
    assert "It usually causes pain at the heel (plantar) and back of the heel" in page.get_text(" ").replace("\n", " ")


def test_muscle_page_lists_its_trigger_points(web_client: TestClient) -> None:
    page = soup(web_client.get("/muscles/soleus"))
    assert texts(page, "h1") == ["Soleus"]
    assert [li["data-tp"] for li in page.select(".cards li")] == ["soleus-1", "soleus-3"]
    assert "calf" in texts(page, ".facts dd")[0]


def test_region_page_lists_what_lies_there_and_what_refers_there(web_client: TestClient) -> None:
    response = web_client.get("/regions/calf-right")
    page = soup(response)
    assert texts(page, "#located-title ~ ol .card-title") == ["Soleus TrP1", "Soleus TrP3"]
    assert texts(page, "#refer-title ~ ol li.strong a") == ["Soleus TrP3"]
    assert response.headers["link"].count('rel="alternate"') == 2


def test_condition_page_and_indexes(web_client: TestClient) -> None:
    page = soup(web_client.get("/conditions/plantar-fasciitis"))
    assert "Plantar fasciitis" in texts(page, "h1")
    assert [li["data-tp"] for li in page.select(".cards li")] == ["soleus-1"]
    muscles = soup(web_client.get("/muscles"))
    assert "Upper trapezius" in texts(muscles, ".index-list a")
    conditions = soup(web_client.get("/conditions"))
    assert "Plantar fasciitis" in texts(conditions, ".index-list a")


def test_unknown_records_get_the_html_error_page(web_client: TestClient, rendered: Rendered) -> None:
    for path in ("/trigger-points/nope", "/muscles/nope", "/regions/nope", "/conditions/nope"):
        response = web_client.get(path)
        assert response.status_code == 404
        assert rendered.name == "error.html"
        assert "nope" in response.text


SYMPTOMS = """\
symptoms:
  - id: temple-ache
    name: Ache at the temple
    lay_words: [sore temple]
    description: An ache at the temple.
    trigger_points: [upper-trapezius-1]
    caveat: A sudden, severe headache needs a doctor at once.
    references: [ts1-trapezius]
  - id: calf-ache
    name: Calf ache
    description: An ache in the calf.
    trigger_points: [soleus-3, soleus-1]
    references: [ts2-soleus-and-plantaris]
"""


@pytest.fixture
def symptom_client(tmp_path: Path) -> Iterator[TestClient]:
    data = make_web_data(tmp_path / "data")
    (data / "symptoms.yaml").write_text(SYMPTOMS)
    with TestClient(create_app(Settings(data_dir=data))) as client:
        yield client


def test_symptom_page_puts_the_caveat_first_and_lists_its_trigger_points(
    symptom_client: TestClient, rendered: Rendered
) -> None:
    response = symptom_client.get("/symptoms/temple-ache")
    assert rendered.name == "symptom.html"
    assert rendered.context["symptom"]["id"] == "temple-ache"
    page = soup(response)
    assert texts(page, "h1") == ["Ache at the temple"]
    caution = page.select_one("main .caution")
    assert caution is not None
    assert "severe headache" in caution.get_text()
    assert page.select_one("main h1").find_next("section") is caution
    assert [a["href"] for a in page.select(".cards .card-title a")] == ["/trigger-points/upper-trapezius-1"]
    assert response.headers["link"].startswith("</api/v1/symptoms/temple-ache>")
    calf = soup(symptom_client.get("/symptoms/calf-ache"))
    assert calf.select_one("main .caution") is None
    assert [a["href"] for a in calf.select(".cards .card-title a")] == [
        "/trigger-points/soleus-3",
        "/trigger-points/soleus-1",
    ]


def test_symptoms_index_and_unknown_symptom(symptom_client: TestClient) -> None:
    page = soup(symptom_client.get("/symptoms"))
    assert texts(page, "main .index-list a") == ["Ache at the temple", "Calf ache"]
    assert "see a doctor first" in texts(page, "main .index-list li")[0]
    assert "/symptoms" in {a["href"] for a in page.select("header nav a")}
    assert symptom_client.get("/symptoms/nope").status_code == 404


def test_a_trigger_point_page_links_its_symptoms(symptom_client: TestClient) -> None:
    page = soup(symptom_client.get("/trigger-points/upper-trapezius-1"))
    assert [a["href"] for a in page.select("main .related a[href^='/symptoms/']")] == ["/symptoms/temple-ache"]


def test_trigger_point_page_says_how_sure_and_what_one_side_cannot(real_client: TestClient) -> None:
    def page_text(tp_id: str) -> str:
        return soup(real_client.get(f"/trigger-points/{tp_id}")).get_text(" ", strip=True)

    assert "How sure: drawn in the Manual's figure." in page_text("upper-trapezius-1")
    assert "On both sides" in page_text("rectus-abdominis-2")
    assert "Described on the right side only." in page_text("rectus-abdominis-3")
    assert "Rarely" in page_text("soleus-3")
    assert "How sure: from a separate study" in page_text("dorsal-interossei-hand-3")
    page = soup(real_client.get("/trigger-points/rectus-femoris-distal"))
    refs = page.select("ul.refs li")
    assert any("Secondary source" in li.get_text() and li.select_one("a[href^='https://']") for li in refs)


def test_a_trigger_point_page_frames_its_pattern(real_client: TestClient) -> None:
    """A calf pattern is shown around the calf, not on a whole figure at a small scale; a close-up as it is."""
    calf = soup(real_client.get("/trigger-points/soleus-1")).select_one("figure svg")
    x, y, w, h = map(float, calf["viewbox"].split(","))
    assert w == h  # a square around the pattern
    assert h < 0.5 * 800  # of the 800-unit tall back view
    assert y > 350  # the lower half of the body: the leg, not the head
    face = soup(real_client.get("/trigger-points/masseter-1")).select_one("figure svg")
    assert "tm-head-right" in face["class"]
    assert face["viewbox"].split(",")[2:] == ["240.0", "360.0"]


def test_a_region_page_opens_the_map_where_the_region_can_be_touched(real_client: TestClient) -> None:
    def link(region_id: str) -> str:
        return soup(real_client.get(f"/regions/{region_id}")).select_one(".actions a")["href"]

    assert link("medial-epicondyle-left") == "/?view=elbow-left&region=medial-epicondyle-left"
    assert link("thumb-right").startswith("/?view=hands-")
    assert link("thigh-anterior-right") == "/?view=anterior&region=thigh-anterior-right"
