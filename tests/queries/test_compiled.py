"""A compiled catalogue: served as the YAML would be, read instead of it, never stale, never in the way."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalogue import loader
from app.errors import CatalogueInvalid
from app.lookup import lookup
from app.queries import compiled
from app.queries.compiled import load_served
from app.queries.snapshot import build_snapshot
from tests.conftest import DATA, make_data


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the YAML was read although a compiled catalogue was kept")

    monkeypatch.setattr(compiled, "load_catalogue", refuse)


def test_a_restart_reads_the_compiled_catalogue_and_serves_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load_served(DATA, "male", tmp_path)
    assert len(list(tmp_path.glob("catalogue-*.pickle"))) == 1
    no_yaml(monkeypatch)
    again = load_served(DATA, "male", tmp_path)
    assert again is not fresh
    assert again.version == fresh.version
    served, replayed = build_snapshot(fresh), build_snapshot(again)
    assert served.details == replayed.details  # every record, byte for byte
    assert served.exports.keys() == replayed.exports.keys()
    assert all(served.exports[k].body == replayed.exports[k].body for k in served.exports)
    painted = ["temple-right", "heel-left", "calf-left"]
    assert served.search.search("heel pain") == replayed.search.search("heel pain")
    assert lookup(fresh, painted) == lookup(again, painted)


def test_an_edit_is_loaded_from_the_yaml_not_from_the_compiled_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_data(data)
    cache = tmp_path / "cache"
    first = load_served(data, "male", cache)
    conditions = data / "conditions.yaml"
    conditions.write_text(conditions.read_text().replace("name: ", "name: Edited ", 1))
    second = load_served(data, "male", cache)
    assert second.version != first.version
    assert any(c.name.startswith("Edited ") for c in second.conditions.values())
    assert len(list(cache.glob("catalogue-*.pickle"))) == 2


def test_a_broken_catalogue_is_reported_and_nothing_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_data(data)
    (data / "conditions.yaml").write_text("conditions: [\n")
    with pytest.raises(CatalogueInvalid):
        load_served(data, "male", tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("catalogue-*.pickle"))


def test_a_damaged_compiled_file_is_ignored_and_written_again(tmp_path: Path) -> None:
    load_served(DATA, "male", tmp_path)
    (kept,) = tmp_path.glob("catalogue-*.pickle")
    kept.write_bytes(b"not a pickle")
    catalogue = load_served(DATA, "male", tmp_path)
    assert catalogue.trigger_points
    assert kept.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_does_not_stop_serving(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert load_served(DATA, "male", blocked / "cache").trigger_points


def test_only_the_newest_few_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(compiled.KEEP + 2):
        monkeypatch.setattr(compiled, "catalogue_version", lambda files, folder, n=n: f"v{n}")
        monkeypatch.setattr(loader, "catalogue_version", lambda files, folder, n=n: f"v{n}")
        load_served(DATA, "male", tmp_path)
    assert len(list(tmp_path.glob("catalogue-*.pickle"))) == compiled.KEEP
