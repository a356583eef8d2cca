"""The home page: select where it hurts (or where to look), see ranked, explained trigger points."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.web import explorer
from tests.conftest import serving
from tests.web.conftest import Rendered
from tests.web.html import soup, texts


def test_the_empty_map_invites_a_selection(web_client: TestClient) -> None:
    response = web_client.get("/")
    page = soup(response)
    explorer_div = page.select_one("#explorer")
    assert (explorer_div["data-view"], explorer_div["data-mode"]) == ("anterior", "pain")
    assert page.select(".chips a") == []
    assert texts(page, "h1") == ["Where does it hurt?"]
    assert "Nothing selected yet" in texts(page, "#status")[0]
    assert page.select("#results li") == []
    temple = page.select_one('.bodymap a:has(> path[data-region="temple-right"])')
    assert temple is not None
    assert temple["href"] == "/?view=anterior&region=temple-right"
    assert temple.select_one("title").get_text() == "right temple"


def test_selecting_the_temple_lists_the_upper_trapezius_with_why(web_client: TestClient) -> None:
    response = web_client.get("/?view=anterior&region=temple-right")
    page = soup(response)
    titles = texts(page, "#results .card-title")
    assert titles[0] == "Upper trapezius TrP1"
    card = page.select_one("#results li.result")
    assert "temple" in texts(card, ".zones")[0]
    assert "Main pain zone: temple" in texts(card, ".explanation")[0]
    assert {a["href"] for a in card.select(".related a")} >= {"/conditions/tension-headache"}
    assert card.select_one("img.thumb")["src"] == "/svg/trigger-points/upper-trapezius-1.svg"
    assert card.select_one("img.thumb")["alt"] == "Pain pattern of Upper trapezius TrP1"


def test_the_map_shows_the_selection_and_the_matched_zones(web_client: TestClient) -> None:
    page = soup(web_client.get("/?view=anterior&region=temple-right&region=orbit-left"))
    temple = page.select_one('path[data-region="temple-right"]')
    assert {"is-highlighted", "is-essential"} <= set(temple["class"])
    assert "is-spillover" in page.select_one('path[data-region="orbit-right"]')["class"]
    assert "is-highlighted" not in page.select_one('path[data-region="forehead-right"]')["class"]
    assert page.select_one("#bodymap")["data-shown"] == "upper-trapezius-1"
    # a selected region's link removes it again
    link = page.select_one('.bodymap a:has(> path[data-region="temple-right"])')
    assert link["href"] == "/?view=anterior&region=orbit-left"


def test_another_candidate_can_be_shown_on_the_map(web_client: TestClient) -> None:
    page = soup(web_client.get("/?region=heel-right&region=temple-right&show=soleus-1"))
    assert "is-shown" in page.select_one('li[data-tp="soleus-1"]')["class"]
    assert "is-essential" in page.select_one('path[data-region="heel-right"]')["class"]
    assert "is-essential" not in page.select_one('path[data-region="temple-right"]')["class"]


def test_more_painted_regions_rerank_the_candidates(web_client: TestClient) -> None:
    def ranking(query: str) -> list[str]:
        return [li["data-tp"] for li in soup(web_client.get(query)).select("#results li")]

    assert ranking("/?region=heel-right")[0] == "soleus-1"
    assert ranking("/?region=sternum")[0] == "sternalis-1"
    both = ranking("/?region=heel-right&region=achilles-right&region=sternum")
    assert both.index("soleus-1") < both.index("sternalis-1")


def test_views_and_modes_are_links_that_keep_the_selection(web_client: TestClient) -> None:
    page = soup(web_client.get("/?view=posterior&region=nape-right"))
    assert page.select_one("svg.tm-posterior") is not None
    current = page.select('.views a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["Back"]
    front = page.select_one('.views a[data-view="anterior"]')
    assert front["href"] == "/?view=anterior&region=nape-right"
    locate = page.select_one('.modes a[data-mode="locate"]')
    assert locate["href"] == "/?view=posterior&mode=locate&region=nape-right"


def test_where_is_the_trigger_point_lists_what_lies_in_one_region(web_client: TestClient) -> None:
    response = web_client.get("/?view=posterior&mode=locate&region=nape-right&region=calf-left")
    page = soup(response)
    assert [a["data-region"] for a in page.select(".chips a")] == ["calf-left"]
    assert texts(page, "h1") == ["Where is the trigger point?"]
    assert [li["data-tp"] for li in page.select("#results li")] == ["soleus-1", "soleus-3"]
    assert page.select_one("#results img")["src"].endswith("soleus-1.svg?side=left")
    assert (
        response.headers["link"]
        == '</api/v1/trigger-points?region=calf-left>; rel="alternate"; type="application/json"'
    )


def test_every_state_links_its_json_twin(web_client: TestClient) -> None:
    response = web_client.get("/?region=temple-right&region=heel-left")
    twin = "/api/v1/lookup?region=temple-right&region=heel-left"
    assert response.headers["link"] == f'<{twin}>; rel="alternate"; type="application/json"'
    page = soup(response)
    assert page.select_one('link[rel="alternate"][type="application/json"]')["href"] == twin
    assert web_client.get(twin).json()["items"][0]["trigger_point"]["id"] in {"upper-trapezius-1", "soleus-1"}


def test_the_region_list_works_without_the_map_or_javascript(web_client: TestClient) -> None:
    page = soup(web_client.get("/?region=temple-right"))
    form = page.select_one("form#region-form")
    assert form["action"] == "/"
    assert form["method"] == "get"
    assert page.select_one('input[name="region"][value="temple-right"]').has_attr("checked")
    assert not page.select_one('input[name="region"][value="temple-left"]').has_attr("checked")


def test_unknown_regions_are_named_not_fatal(web_client: TestClient) -> None:
    page = soup(web_client.get("/?region=no-such-place&region=temple-right"))
    assert "no-such-place" in texts(page, ".notice")[0]
    assert texts(page, "#results .card-title")[0] == "Upper trapezius TrP1"


def test_the_lookup_handout_is_plain_language(web_client: TestClient, rendered: Rendered) -> None:
    response = web_client.get("/print?region=temple-right")
    assert rendered.name == "print_lookup.html"
    page = soup(response)
    assert "handout" in page.body["class"]
    main = " ".join(page.select_one("main").get_text(" ").split())
    assert "Upper trapezius" in main
    assert "trigger point is a small, tight, tender spot" in main
    assert "TrP" not in main
    assert page.select_one("figure svg") is not None


def test_the_handout_draws_a_view_that_shows_the_pain(real_client: TestClient) -> None:
    """Areas ticked from the list while the front view was on screen: the printed picture shows the soles."""
    page = soup(real_client.get("/print?view=anterior&region=heel-medial-right&region=arch-right"))
    drawn = page.select_one("figure svg")
    assert "tm-plantar" in drawn["class"]
    for region in ("heel-medial-right", "arch-right"):
        assert "is-highlighted" in drawn.select_one(f'path[data-region="{region}"]')["class"]
    # The person's own view when it shows the pain.
    page = soup(real_client.get("/print?view=posterior&region=nape-right"))
    assert "tm-posterior" in page.select_one("figure svg")["class"]


def test_areas_this_view_does_not_draw_are_named_with_a_view_that_does(real_client: TestClient) -> None:
    page = soup(real_client.get("/?view=anterior&region=temple-right&region=heel-medial-right"))
    hint = page.select_one("#selection .elsewhere")
    assert "right inner heel" in hint.get_text()
    assert "temple" not in hint.get_text()  # the front view draws the temple
    link = hint.select_one("a")
    shown = soup(real_client.get(link["href"]))
    assert shown.select_one('#bodymap path[data-region="heel-medial-right"]') is not None
    assert {c["data-region"] for c in shown.select(".chip")} == {"temple-right", "heel-medial-right"}
    assert soup(real_client.get("/?view=anterior&region=temple-right")).select_one(".elsewhere") is None


def test_the_fragment_is_the_explorer_the_page_shows(web_client: TestClient) -> None:
    """explorer.js swaps in what /fragment/explorer renders: the same map, cards and sentences as the page."""
    query = "view=anterior&region=temple-right&show=upper-trapezius-1"
    page = soup(web_client.get(f"/?{query}"))
    fragment = soup(web_client.get(f"/fragment/explorer?{query}"))
    assert fragment.select_one("header") is None, "a fragment carries no page around it"
    for selector in ("#results .card-title", "#status", "#selection .chip", "#results-title"):
        assert texts(fragment, selector) == texts(page, selector), selector
    assert str(fragment.select_one("#bodymap")) == str(page.select_one("#bodymap"))
    assert {node["id"] for node in fragment.select("[data-swap]")} >= {"map-panel", "results", "status", "selection"}


def test_selected_regions_are_pressed_toggles_from_the_server(web_client: TestClient) -> None:
    page = soup(web_client.get("/?view=posterior&region=nape-right"))
    nape = page.select_one('#bodymap a:has(> path[data-region="nape-right"])')
    calf = page.select_one('#bodymap a:has(> path[data-region="calf-right"])')
    assert (nape["role"], nape["aria-pressed"]) == ("button", "true")
    assert (calf["role"], calf["aria-pressed"]) == ("button", "false")
    # The X of the shown trigger point is drawn by the server, so it is there whatever changed the state.
    assert page.select("#bodymap .tm-markers path")


def test_a_skip_link_leads_past_the_map(web_client: TestClient) -> None:
    page = soup(web_client.get("/?view=anterior"))
    skip = page.select_one("a.skip-map")
    assert skip is not None
    target = page.select_one(skip["href"])
    assert target is not None
    assert target.get("tabindex") == "-1"
    assert page.select_one("#bodymap").sourceline >= skip.sourceline


def test_a_bad_parameter_on_a_page_gets_an_html_error_page(web_client: TestClient) -> None:
    response = web_client.get("/trigger-points/upper-trapezius-1?side=middle", headers={"accept": "text/html"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "side" in response.text
    api = web_client.get("/api/v1/trigger-points/upper-trapezius-1/x", headers={"accept": "text/html"})
    assert api.headers["content-type"] == "application/problem+json"


def explorer_queries(regions: list[str], tps: list[str], pick: random.Random) -> list[str]:
    """New states as people make them, and queries the shortcut must leave to the route."""
    odd = [
        "",
        "view=anterior&view=posterior",
        "show=" + "x" * 101,
        "view=" + "v" * 101,
        "&".join(["region=temple-right"] * 201),
        "region=nowhere&region=%3Cb%3E",
        "mode=locate&region=temple-right&region=calf-left",
        "mode=muscles&region=temple-right",
        "mode=bogus&view=bogus&show=bogus",
        "region=temple-right&n=1&extra=%E2%82%AC",
        "region=temple-right&figure=female",
        "region=calf-left&show=soleus-1&figure=female&view=posterior",
        "region=temple-right&figure=bogus",
        "figure=female&figure=male&region=temple-right",
    ]
    states = []
    for i in range(40):
        q = [f"region={r}" for r in pick.sample(regions, pick.randint(0, 5))]
        if pick.random() < 0.3:
            q.append(f"view={pick.choice(['anterior', 'posterior', 'lateral-left', 'head-right'])}")
        if pick.random() < 0.2:
            q.append(f"show={pick.choice(tps)}")
        q.append(f"n={i}")
        states.append("&".join(q))
    return odd + states


def test_the_explorer_shortcut_answers_as_the_route_does(small_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page and its fragment: status, every header and the body, for new states and doubtful queries."""
    with serving(small_data) as fast:
        snap = fast.app.state.store.snapshot  # type: ignore[attr-defined]
        queries = explorer_queries(list(snap.catalogue.regions), list(snap.catalogue.trigger_points), random.Random(4))
        paths = [f"{path}?{q}" for q in queries for path in ("/", "/fragment/explorer")]
        answers = [fast.get(path) for path in paths]
    monkeypatch.setattr(explorer, "plain_state", lambda query_string: None)
    with serving(small_data) as routed:
        for path, fast_answer in zip(paths, answers, strict=True):
            answer = routed.get(path)
            assert (answer.status_code, answer.headers.items(), answer.text) == (
                fast_answer.status_code,
                fast_answer.headers.items(),
                fast_answer.text,
            ), path


def test_the_view_switcher_groups_the_close_ups_and_opens_the_current_group(real_client: TestClient) -> None:
    page = soup(real_client.get("/?view=hip-left&region=thigh-lateral-left"))
    whole = page.select_one('.views [role="group"]')
    assert whole.select_one(".view-group-name").get_text() == "Whole body"
    assert [a["data-view"] for a in whole.select("a")] == ["anterior", "posterior", "lateral-right", "lateral-left"]
    folds = page.select(".views details.view-group")
    names = [d.summary.select_one(".view-group-name").get_text() for d in folds]
    assert names == ["Close-ups: head and trunk", "Close-ups: arms and hands", "Close-ups: legs and feet"]
    assert [d.has_attr("open") for d in folds] == [False, False, True]
    current = page.select('.views a[aria-current="page"]')
    assert [a["data-view"] for a in current] == ["hip-left"]
    assert current[0]["href"] == "/?view=hip-left&region=thigh-lateral-left"
    assert "(L hip & thigh)" in folds[2].summary.get_text()


def test_the_view_switcher_links_each_view_with_the_states_query(real_client: TestClient) -> None:
    """The switcher is rendered once per current view and filled per state: its links are the state's URLs."""
    snap = real_client.app.state.store.snapshot  # type: ignore[attr-defined]
    c = snap.catalogue
    pick = random.Random(12)
    for _ in range(12):
        state = explorer.ExplorerState.parse(
            c,
            pick.choice(list(c.views)),
            pick.choice(["pain", "locate"]),
            pick.sample(list(c.regions), pick.randint(0, 4)),
            pick.choice([None, *pick.sample(list(c.trigger_points), 1)]),
        )
        page = soup(real_client.get(state.url()))
        links = page.select(".views a[data-view]")
        assert sorted(a["data-view"] for a in links) == sorted(c.views)  # grouped: whole body, then close-ups
        assert {a["data-view"]: a["href"] for a in links} == {v: state.url(view=v) for v in c.views}
        assert [a["data-view"] for a in page.select('.views a[aria-current="page"]')] == [state.view]
