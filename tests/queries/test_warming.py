"""Warming in the quiet between requests: only while idle, all of it, and again for a new catalogue."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace

from fastapi.testclient import TestClient

from app.http.activity import Activity
from app.main import create_app
from app.queries.warming import IdleWarmer
from app.settings import Settings
from app.web.explorer import kept_cards
from app.web.templating import snapshot
from tests.conftest import DATA


def wait_for(condition: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


def test_steps_run_only_while_idle_and_again_for_a_new_catalogue() -> None:
    idle = threading.Event()
    snap = SimpleNamespace(version="v1")
    ran: list[tuple[str, int]] = []

    def steps(s: SimpleNamespace) -> Iterator[int]:
        for i in range(5):
            ran.append((s.version, i))
            yield i

    warmer = IdleWarmer(lambda: snap, steps, idle.is_set, pause=0.01)  # type: ignore[arg-type,return-value]
    warmer.start()
    try:
        time.sleep(0.2)
        assert ran == []  # busy: nothing runs
        idle.set()
        assert wait_for(lambda: warmer.done == "v1")
        assert ran == [("v1", i) for i in range(5)]
        snap = SimpleNamespace(version="v2")  # a reload
        assert wait_for(lambda: warmer.done == "v2", seconds=5)
        assert ran[5:] == [("v2", i) for i in range(5)]
    finally:
        warmer.stop()


def test_a_request_in_flight_or_just_answered_is_not_idle() -> None:
    activity = Activity(quiet=0.05)
    activity.last -= 1
    assert activity.idle()
    activity.in_flight = 1
    assert not activity.idle()
    activity.in_flight, activity.last = 0, time.monotonic()
    assert not activity.idle()
    time.sleep(0.06)
    assert activity.idle()


def test_a_served_explorer_is_warm_for_new_drawings() -> None:
    """Once the server has been idle, a new drawing's page renders no card and merges no zone of its own."""
    app = create_app(Settings(data_dir=DATA, idle_warm=True))
    with TestClient(app) as client:
        assert wait_for(lambda: app.state.warmer.done == app.state.store.snapshot.version, seconds=60)
        request = SimpleNamespace(app=app)
        snap = snapshot(request)  # type: ignore[arg-type]
        cards = kept_cards(request, snap)  # type: ignore[arg-type]
        kept_before = len(cards._stencils)
        zones_before = len(snap.diagrams.body.zone_shapes._paths)
        for drawing in ("region=heel-right&region=calf-right", "region=temple-left", "region=heel-posterior-left"):
            page = client.get(f"/?{drawing}")
            assert page.status_code == 200
            assert 'class="card result is-shown"' in page.text
        assert len(cards._stencils) == kept_before
        assert len(snap.diagrams.body.zone_shapes._paths) == zones_before
