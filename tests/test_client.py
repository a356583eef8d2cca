"""app.client against the app itself, in-process through httpx's ASGI transport."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from anyio.from_thread import start_blocking_portal
from fastapi import FastAPI

from app import client as client_module
from app.client import TriggermapClient, TriggermapError
from app.main import create_app
from app.settings import Settings


class SyncASGITransport(httpx.BaseTransport):
    """httpx.ASGITransport only speaks async: run it on an event loop in a helper thread (an anyio portal),
    which also works when the test thread already runs a loop (Playwright's sync API does)."""

    def __init__(self, app: FastAPI) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._portal_context = start_blocking_portal()
        self._portal = self._portal_context.__enter__()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._portal.call(self._send, request)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        response = await self._asgi.handle_async_request(request)
        raw = b"".join([chunk async for chunk in response.aiter_raw()])  # still gzipped: the client decodes
        return httpx.Response(response.status_code, headers=response.headers, stream=httpx.ByteStream(raw))

    def close(self) -> None:
        self._portal_context.__exit__(None, None, None)


@pytest.fixture
def tm(small_data: Path) -> Iterator[TriggermapClient]:
    app = create_app(Settings(data_dir=small_data))
    with TriggermapClient("http://triggermap.test", transport=SyncASGITransport(app)) as client:
        yield client


def test_lists_are_typed_pages_with_the_api_filters(tm: TriggermapClient) -> None:
    page = tm.trigger_points(muscle="soleus")
    assert [t.id for t in page.items] == ["soleus-1", "soleus-3"]
    assert page.total == 2
    assert tm.regions(view=None, side="midline", limit=3).items[0].side == "midline"
    assert tm.muscles(q="trap").items[0].synonyms == ["trap", "upper trap"]
    assert tm.conditions(q="plantar").items[0].id == "plantar-fasciitis"
    assert tm.regions(limit=2, offset=1).items == tm.regions(limit=3).items[1:]


def test_all_trigger_points_follows_the_pages(tm: TriggermapClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module, "PAGE_SIZE", 1)
    assert [t.id for t in tm.all_trigger_points()] == ["upper-trapezius-1", "soleus-1", "soleus-3", "sternalis-1"]
    assert [t.id for t in tm.all_trigger_points(refers_to="heel")] == ["soleus-1"]


def test_records_are_typed(tm: TriggermapClient) -> None:
    tp = tm.trigger_point("upper-trapezius-1")
    assert tp.referral.essential == ["nape", "mastoid", "temple"]
    assert "temple-left" in tp.referral_by_side["left"].essential
    assert tp.references[0].short.startswith("T&S")
    assert tm.muscle("soleus").trigger_points == ["soleus-1", "soleus-3"]
    assert tm.region("temple-left").name == "left temple"
    assert "sternalis-1" in tm.condition("pseudo-angina").trigger_points


def test_lookup_ranks_and_explains(tm: TriggermapClient) -> None:
    result = tm.lookup(["temple-right", "nape-right"])
    assert result.regions == ["temple-right", "nape-right"]
    top = result.items[0]
    assert top.trigger_point.id == "upper-trapezius-1"
    assert top.sides == ["right"]
    assert "temple" in top.explanation


def test_lookup_by_choir_code(tm: TriggermapClient) -> None:
    by_code = tm.lookup(choir=[238])  # CHOIR 238: the right sole
    assert by_code.regions
    assert "soleus-1" in [item.trigger_point.id for item in by_code.items]


def test_unknown_id_raises_the_problem_with_suggestions(tm: TriggermapClient) -> None:
    with pytest.raises(TriggermapError) as caught:
        tm.trigger_point("soleus-2")
    assert caught.value.status == 404
    assert caught.value.problem.title == "Not found"
    assert "soleus-1" in caught.value.problem.suggestions
    assert "soleus-2" in str(caught.value)


def test_ids_stay_one_path_segment(tm: TriggermapClient) -> None:
    for hostile in ("../regions/temple-left", "..", "a/b", "?q=x"):
        with pytest.raises(TriggermapError) as caught:
            tm.muscle(hostile)
        assert caught.value.status == 404


def test_invalid_parameters_raise_a_422_problem(tm: TriggermapClient) -> None:
    with pytest.raises(TriggermapError) as caught:
        tm.trigger_points(limit=0)
    assert caught.value.status == 422
    assert caught.value.problem.errors
    with pytest.raises(TriggermapError) as empty:
        tm.lookup()
    assert empty.value.status == 422


def test_exports(tm: TriggermapClient) -> None:
    catalogue = tm.export_catalogue()
    assert [t.id for t in catalogue.trigger_points][:2] == ["upper-trapezius-1", "soleus-1"]
    table = list(csv.DictReader(io.StringIO(tm.export_trigger_points_csv())))
    assert [row["id"] for row in table] == [t.id for t in catalogue.trigger_points]
    assert tm.export_schema()["title"] == "CatalogueExport"


def test_an_error_without_a_problem_body_is_httpx_own() -> None:
    def gateway(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="Bad Gateway", headers={"content-type": "text/plain"})

    tm = TriggermapClient("http://triggermap.test", transport=httpx.MockTransport(gateway))
    with tm, pytest.raises(httpx.HTTPStatusError) as caught:
        tm.region("temple-left")
    assert caught.value.response.status_code == 502


def test_symptoms_and_search(small_data: Path) -> None:
    (small_data / "symptoms.yaml").write_text(
        "symptoms:\n"
        "  - id: heel-ache\n"
        "    name: Heel ache\n"
        "    lay_words: [sore heel bone]\n"
        "    description: An ache under the heel.\n"
        "    trigger_points: [soleus-1]\n"
        "    caveat: A hot, swollen heel needs a doctor.\n"
        "    references: [ts2-soleus-and-plantaris]\n"
    )
    app = create_app(Settings(data_dir=small_data))
    with TriggermapClient("http://triggermap.test", transport=SyncASGITransport(app)) as tm:
        assert [s.id for s in tm.symptoms(q="heel").items] == ["heel-ache"]
        assert tm.symptom("heel-ache").muscles == ["soleus"]
        found = tm.search("sore heel bone", kind=["symptom", "muscle"])
        assert [(hit.kind, hit.id, hit.how) for hit in found.items] == [
            ("symptom", "heel-ache", "lay word"),
            ("muscle", "soleus", "symptom"),
        ]
