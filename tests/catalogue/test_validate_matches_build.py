"""`triggermap validate` is exactly as strict as `render` and `serve`.

Each case breaks one name the renderer resolves (a landmark in an outline, a
detail stroke, its corners, a region shape; a `~` mirror in a view without an
axis; a marker's view). Whatever the edit, the catalogue either fails to load
with a file:line error, or it loads and then builds a snapshot and renders every
view: never "ok" followed by a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from app.catalogue.loader import load_catalogue
from app.errors import CatalogueInvalid
from app.queries.snapshot import build_snapshot
from tests.web.conftest import make_web_data

Edit = Callable[[dict], None]


def _views(edit: Callable[[list[dict]], None]) -> tuple[str, Edit]:
    return "views.yaml", lambda doc: edit(doc["views"])


def _set(path: list[str | int], value: object) -> Callable[[list[dict]], None]:
    def apply(views: list[dict]) -> None:
        node: object = views
        for key in path[:-1]:
            node = node[key]  # type: ignore[index]
        node[path[-1]] = value  # type: ignore[index]

    return apply


def _add_detail(stroke: dict) -> Callable[[list[dict]], None]:
    return lambda views: views[0].setdefault("details", []).append(stroke)


def _drop_axis(views: list[dict]) -> None:
    views[0]["mirror_x"] = None


def _region_shape(name: str) -> Edit:
    def apply(doc: dict) -> None:
        region = next(r for r in doc["regions"] if r["id"] == "temple")
        region["shapes"]["anterior"] = [name, *region["shapes"]["anterior"][1:]]

    return apply


def _marker(view_id: str) -> Callable[[str], str]:
    return lambda text: text.replace(
        "          regions: [neck-angle]",
        f"          regions: [neck-angle]\n          markers: {{{view_id}: [120, 80]}}",
    )


CASES: dict[str, tuple[str, Edit | Callable[[str], str]]] = {
    "outline point unknown": _views(_set([0, "outlines", 0, "points", 1], "nowhere")),
    "outline corner unknown": _views(_set([0, "outlines", 0, "corners"], ["nowhere"])),
    "detail point unknown": _views(_add_detail({"points": ["o0", "nowhere"]})),
    "detail corner unknown": _views(_add_detail({"points": ["o0", "o1"], "corners": ["nowhere"]})),
    "detail mirrored unknown": _views(_add_detail({"points": ["o0", "~nowhere"]})),
    "mirror without an axis": _views(_drop_axis),
    "mirror of a mirror": _views(
        lambda views: views.extend(
            [
                {**views[1], "id": "back-flipped", "mirror_of": "posterior"},
                {**views[1], "id": "x2", "mirror_of": "back-flipped"},
            ]
        )
    ),
    "crop of an unknown view": _views(
        lambda views: views.append({"id": "zoom", "name": "z", "crop_of": "nowhere", "box": [0, 0, 50, 50]})
    ),
    "crop of a crop": _views(
        lambda views: views.extend(
            [
                {"id": "zoom", "name": "z", "crop_of": "anterior", "box": [0, 0, 200, 200]},
                {"id": "zoom2", "name": "z", "crop_of": "zoom", "box": [0, 0, 50, 50]},
            ]
        )
    ),
    "crop without a box": _views(lambda views: views.append({"id": "zoom", "name": "z", "crop_of": "anterior"})),
    "crop of a known view": _views(
        lambda views: views.append({"id": "zoom", "name": "z", "crop_of": "anterior", "box": [0, 0, 200, 200]})
    ),
    "region shape unknown": ("regions.yaml", _region_shape("nowhere")),
    "region shape mirrored unknown": ("regions.yaml", _region_shape("~nowhere")),
    "marker in an unknown view": ("trigger_points.yaml", _marker("sideways")),
    "marker in a known view": ("trigger_points.yaml", _marker("posterior")),
}


def _apply(folder: Path, file: str, edit: Edit | Callable[[str], str]) -> None:
    path = folder / file
    if file == "trigger_points.yaml":
        path.write_text(edit(path.read_text()))  # type: ignore[arg-type]
        return
    doc = yaml.safe_load(path.read_text())
    edit(doc)  # type: ignore[arg-type]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


@pytest.mark.parametrize("case", list(CASES))
def test_a_catalogue_that_validates_also_builds_and_renders(tmp_path: Path, case: str) -> None:
    folder = make_web_data(tmp_path / "data")
    file, edit = CASES[case]
    _apply(folder, file, edit)
    try:
        catalogue = load_catalogue(folder)
    except CatalogueInvalid as exc:
        for line in exc.lines():
            assert re.match(r".+\.yaml:\d+: \S", line), line
        return
    snapshot = build_snapshot(catalogue)
    for view_id in snapshot.diagrams.views:
        assert snapshot.diagrams.plain(view_id).startswith(b"<svg")
    for tp_id in catalogue.trigger_points:
        for side in ("right", "left"):
            assert b"<svg" in snapshot.diagrams.thumbnail(tp_id, side)


def test_the_broken_names_are_reported_where_they_are(tmp_path: Path) -> None:
    folder = make_web_data(tmp_path / "data")
    for file, edit in (CASES["detail corner unknown"], CASES["marker in an unknown view"]):
        _apply(folder, file, edit)
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(folder)
    lines = caught.value.lines()
    assert any(re.search(r"views\.yaml:\d+: anterior: unknown landmark 'nowhere'", line) for line in lines), lines
    assert any(
        re.search(r"trigger_points\.yaml:\d+: upper-trapezius-1: unknown view in location.markers 'sideways'", line)
        for line in lines
    ), lines
