"""The diagrams of one catalogue: drawn once, warmed in the background, and bounded by the catalogue."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.catalogue.loader import load_catalogue
from app.queries.diagrams import Diagrams
from app.settings import Settings
from tests.conftest import serving


def test_warming_draws_every_thumbnail_once(small_data: Path) -> None:
    catalogue = load_catalogue(small_data)
    diagrams = Diagrams(catalogue)
    diagrams.warm_in_background().join()
    keys = {("thumb", tp, side) for tp in catalogue.trigger_points for side in ("right", "left")}
    assert keys <= set(diagrams._cache)
    first = diagrams.thumbnail(next(iter(catalogue.trigger_points)), "right")
    assert diagrams.thumbnail(next(iter(catalogue.trigger_points)), "right") is first  # kept, not drawn again
    assert all(geo._cache.keys() == set(geo.regions) for geo in diagrams.body.geometry.values())


def test_an_app_warms_only_when_asked(small_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().warm is False  # the test session turns it off
    monkeypatch.setenv("TRIGGERMAP_WARM", "1")
    assert Settings(data_dir=small_data).warm is True
    with serving(small_data) as client:
        diagrams = client.app.state.store.snapshot.diagrams  # type: ignore[attr-defined]
        threads = [t for t in threading.enumerate() if t.name == "triggermap-warm"]
        for thread in threads:
            thread.join()
        assert ("thumb", next(iter(diagrams.catalogue.trigger_points)), "left") in diagrams._cache
