"""The explorer filled into the page rendered once for its shape is the page its template renders each time."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

from app.queries.snapshot import Snapshot
from app.web import explorer, figure
from app.web.explorer_state import ExplorerState
from app.web.templating import render, snapshot


def request_for(app: FastAPI, query: list[tuple[str, str]], path: str = "/") -> Request:
    scope = {"type": "http", "method": "GET", "path": path, "query_string": urlencode(query).encode(), "headers": []}
    return Request({**scope, "app": app})


def random_query(snap: Snapshot, pick: random.Random) -> list[tuple[str, str]]:
    c = snap.catalogue
    query: list[tuple[str, str]] = []
    if pick.random() < 0.7:
        query.append(("view", pick.choice(list(c.views))))
    if pick.random() < 0.4:
        query.append(("mode", pick.choice(["pain", "locate", "muscles"])))
    painted = pick.sample(list(c.regions), pick.choice([0, 1, 1, 2, 3, 5, 12]))
    if pick.random() < 0.1:
        painted.append("no-such-area<&>")
    query += [("region", r) for r in painted]
    if pick.random() < 0.2:
        query.append(("show", pick.choice(list(c.trigger_points))))
    if pick.random() < 0.3:
        query.append(("figure", pick.choice(list(snap.figures))))
    if pick.random() < 0.2:
        query.append(("n", f"{pick.randint(1, 99)}&<x>"))  # a parameter the explorer ignores, kept by the figure switch
    return query


def compare_random_states(client: TestClient, count: int, seed: int) -> set[str]:
    """Every random state's page and fragment, both ways; the shapes met."""
    app: FastAPI = client.app  # type: ignore[assignment]
    pick = random.Random(seed)
    met = set()
    for _ in range(count):
        snap = snapshot(request_for(app, []))
        query = random_query(snap, pick)
        for name, path, page, twins in (
            ("home.html", "/", explorer.home_page, ["/api/v1/regions?limit=1000"]),
            ("_explorer.html", "/fragment/explorer", explorer.fragment_page, []),
        ):
            request = request_for(app, query, path)
            params = request.query_params
            state = ExplorerState.parse(
                snap.catalogue, params.get("view"), params.get("mode"), params.getlist("region"), params.get("show")
            )
            got = page(request, state)
            if path != "/":
                request.scope[figure.PAGE_PATH] = "/"
            context = explorer.explorer_context(request, snap, state)
            expected = render(request, name, context, twins=[context["twin"]] if context["twin"] else twins)
            assert got.body.decode() == expected.body.decode(), query
            assert got.headers.get("link") == expected.headers.get("link")
            met.add(f"{state.mode}/{bool(state.regions)}/{bool(state.unknown)}/{dict(query).get('figure')}")
    return met


def test_random_states_render_the_same_page(real_client: TestClient) -> None:
    met = compare_random_states(real_client, 150, 7)
    assert len(met) >= 12  # the modes, with and without a selection, unknown areas and each figure


def test_hostile_names_and_texts_are_escaped_alike(hostile_client: TestClient) -> None:
    assert compare_random_states(hostile_client, 60, 11)


def test_a_shape_is_rendered_once_for_the_states_it_fits(real_client: TestClient) -> None:
    app: FastAPI = real_client.app  # type: ignore[assignment]
    snap = snapshot(request_for(app, []))
    shapes = lambda: app.state.kept.get(snap.version, "explorer-shapes", dict)  # noqa: E731
    assert real_client.get("/?region=temple-right&region=heel-left&n=1").status_code == 200
    kept = len(shapes())
    # The same shape: other areas with as many candidates, another query (no replay answers it).
    for n in range(2, 6):
        assert real_client.get(f"/?region=temple-left&region=heel-right&n={n}").status_code == 200
    assert len(shapes()) == kept
