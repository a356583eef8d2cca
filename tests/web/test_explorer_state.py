"""The explorer's state round-trips through its URL."""

from __future__ import annotations

import random
from dataclasses import replace
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from app.catalogue.index import Catalogue
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


def reference_url(state: ExplorerState, path: str = "/", **changes: object) -> str:
    """The URL as the explorer wrote it before its pairs were kept: one urlencode of the whole query."""
    state = replace(state, **changes) if changes else state  # type: ignore[arg-type]
    params: list[tuple[str, str]] = [("view", state.view)] if state.view else []
    if state.mode != "pain":
        params.append(("mode", state.mode))
    params += [("region", r) for r in state.regions]
    if state.show:
        params.append(("show", state.show))
    return f"{path}?{urlencode(params)}"


def reference_toggled(state: ExplorerState, region_id: str) -> str:
    if state.mode == "locate":
        regions: tuple[str, ...] = () if state.regions == (region_id,) else (region_id,)
    elif region_id in state.regions:
        regions = tuple(r for r in state.regions if r != region_id)
    else:
        regions = (*state.regions, region_id)
    return reference_url(state, regions=regions, show=None)


def test_urls_of_random_states_are_those_urlencode_writes(real_catalogue: Catalogue) -> None:
    pick = random.Random(5)
    regions, views, tps = (
        list(real_catalogue.regions),
        [*real_catalogue.views, "", "x y&z"],
        list(real_catalogue.trigger_points),
    )
    for _ in range(300):
        state = ExplorerState(
            view=pick.choice(views),
            mode=pick.choice(["pain", "locate"]),
            regions=tuple(pick.sample(regions, pick.choice([0, 1, 3, 5, 20]))),
            show=pick.choice([None, *pick.sample(tps, 2)]),
        )
        assert state.url() == reference_url(state)
        assert state.url("/print") == reference_url(state, "/print")
        assert state.url(regions=(), show=None) == reference_url(state, regions=(), show=None)
        for region_id in [*state.regions, *pick.sample(regions, 10), "odd id/&=?é"]:
            assert state.toggled(region_id) == reference_toggled(state, region_id), (state, region_id)


def test_toggle_links_are_the_toggled_urls(real_catalogue: Catalogue) -> None:
    pick = random.Random(8)
    regions = list(real_catalogue.regions)
    for _ in range(100):
        state = ExplorerState(
            view=pick.choice([*real_catalogue.views, ""]),
            mode=pick.choice(["pain", "locate"]),
            regions=tuple(pick.sample(regions, pick.choice([0, 1, 3, 5]))),
            show=pick.choice([None, next(iter(real_catalogue.trigger_points))]),
        )
        links = state.toggle_links()
        for region_id in [*state.regions, *pick.sample(regions, 20)]:
            assert links(region_id) == state.toggled(region_id)
