"""Cards filled into their trigger point's card rendered once are the cards `_card.html` renders each time."""

from __future__ import annotations

import random

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

from app.queries.snapshot import Snapshot
from app.web.cards import Cards
from app.web.explorer import results, shown
from app.web.explorer_state import ExplorerState

# The explorer's loop as it was, one card per item, separated so a difference names its card.
REFERENCE = (
    '{% for item in items %}{% with t = item.trigger_point, side = item.sides[0] %}{% include "_card.html" %}'
    "{% endwith %}|{% endfor %}"
)


def request_for(app: FastAPI) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": b"", "headers": [], "app": app})


def compare_random_states(client: TestClient, count: int, seed: int) -> int:
    app: FastAPI = client.app  # type: ignore[assignment]
    snap: Snapshot = app.state.store.snapshot
    c = snap.catalogue
    env = app.state.templates.env
    request = request_for(app)
    cards = Cards(env.get_template("_card.html"), c)
    reference = env.from_string(REFERENCE)
    regions, tps = list(c.regions), list(c.trigger_points)
    pick = random.Random(seed)
    compared = 0
    for _ in range(count):
        painted = pick.sample(regions, pick.choice([1, 2, 3, 5, 12]))
        state = ExplorerState.parse(
            c, None, pick.choice(["pain", "pain", "locate"]), painted, pick.choice([None, *pick.sample(tps, 2)])
        )
        items = results(snap, state)
        current = shown(state, items)
        got = "".join(f"{card}|" for card in cards.render(request, items, current, state))
        expected = reference.render(request=request, items=items, current=current, state=state)
        assert got == expected, state
        compared += len(items)
    return compared


def test_random_drawings_render_the_same_cards(real_client: TestClient) -> None:
    assert compare_random_states(real_client, 120, 16) > 500


def test_hostile_names_and_texts_are_escaped_alike(hostile_client: TestClient) -> None:
    assert compare_random_states(hostile_client, 60, 3) > 0


def test_a_card_is_rendered_once_per_trigger_point_and_variant(real_client: TestClient) -> None:
    app: FastAPI = real_client.app  # type: ignore[assignment]
    snap: Snapshot = app.state.store.snapshot
    cards = Cards(app.state.templates.env.get_template("_card.html"), snap.catalogue)
    state = ExplorerState.parse(snap.catalogue, None, None, ["temple-right"], None)
    items = results(snap, state)
    cards.render(request_for(app), items, shown(state, items), state)
    kept = len(cards._stencils)
    other = ExplorerState.parse(snap.catalogue, None, None, ["temple-right", "heel-left"], None)
    cards.render(request_for(app), items, shown(other, items), other)
    assert len(cards._stencils) == kept  # the same cards for another drawing: nothing rendered again
