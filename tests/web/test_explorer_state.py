"""The explorer's state round-trips through its URL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.web.explorer_state import ExplorerState


def test_a_state_parses_back_from_its_own_url(web_client: TestClient) -> None:
    catalogue = web_client.app.state.store.snapshot.catalogue  # type: ignore[attr-defined]
    state = ExplorerState.parse(catalogue, "bogus-view", "pain", ["temple-right", "nape-left", "temple-right"], None)
    assert state.regions == ("temple-right", "nape-left")
    assert state.url() == "/?view=anterior&region=temple-right&region=nape-left"
    assert state.toggled("nape-left") == "/?view=anterior&region=temple-right"
    assert state.toggled("heel-left").endswith("&region=heel-left")
    assert state.twin() == "/api/v1/lookup?region=temple-right&region=nape-left"


def test_locate_mode_keeps_one_region_and_toggles_it(web_client: TestClient) -> None:
    catalogue = web_client.app.state.store.snapshot.catalogue  # type: ignore[attr-defined]
    state = ExplorerState.parse(catalogue, None, "locate", ["temple-right", "calf-left"], "soleus-1")
    assert state.regions == ("calf-left",)
    assert state.show == "soleus-1"
    assert "region=temple-right" in state.toggled("temple-right")
    assert "region" not in state.toggled("calf-left")
    assert state.twin() == "/api/v1/trigger-points?region=calf-left"
