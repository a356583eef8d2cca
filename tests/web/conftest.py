"""A catalogue for page tests: the small TrP set of tests/conftest.py drawn on two tiny, synthetic views.

The views are rectangles, not anatomy: page tests ask which regions are links,
highlighted or stippled, which does not depend on how the body is drawn (the
diagrams have their own tests), and the pages must not break when it changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.templating import Jinja2Templates
from fastapi.testclient import TestClient

from tests.conftest import DATA, SMALL_TRIGGER_POINTS, make_data, make_hostile, serving

OUTLINE = [(100, 5), (62, 8), (58, 62), (28, 88), (28, 300), (58, 396), (100, 396)]
RECTS: dict[str, dict[str, tuple[int, int, int, int]]] = {
    "anterior": {
        "forehead": (85, 12, 99, 28),
        "temple": (72, 18, 85, 34),
        "orbit": (85, 28, 99, 36),
        "jaw": (80, 48, 99, 58),
        "neck-anterior": (88, 60, 99, 75),
        "sternum": (95, 95, 105, 140),
        "pectoral": (60, 95, 95, 130),
        "heel": (70, 380, 90, 392),
    },
    "posterior": {
        "occiput": (101, 14, 116, 35),
        "mastoid": (116, 30, 124, 45),
        "nape": (101, 45, 113, 70),
        "neck-angle": (113, 72, 132, 86),
        "calf": (105, 280, 126, 340),
        "achilles": (108, 340, 122, 366),
        "heel-posterior": (108, 366, 122, 384),
    },
}


def _view(view_id: str, name: str) -> dict[str, object]:
    landmarks: dict[str, list[float]] = {f"o{i}": [x, y] for i, (x, y) in enumerate(OUTLINE)}
    for region, (x0, y0, x1, y1) in RECTS[view_id].items():
        for corner, point in zip("abcd", ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), strict=True):
            landmarks[f"{region}-{corner}"] = [point[0], point[1]]
    names = [f"o{i}" for i in range(len(OUTLINE))]
    return {
        "id": view_id,
        "name": name,
        "width": 200,
        "height": 400,
        "mirror_x": 100,
        "landmarks": landmarks,
        "outlines": [{"points": names + [f"~{n}" for n in reversed(names[1:-1])], "mirror": False}],
    }


def make_web_data(folder: Path, trigger_points: str = SMALL_TRIGGER_POINTS) -> Path:
    """The small catalogue with synthetic views; region shapes exist only for the rectangles above."""
    make_data(folder, trigger_points)
    regions = yaml.safe_load((DATA / "regions.yaml").read_text())["regions"]
    for region in regions:
        region["shapes"] = {
            view_id: [f"{region['id']}-{c}" for c in "abcd"] for view_id in RECTS if region["id"] in RECTS[view_id]
        }
    (folder / "regions.yaml").write_text(yaml.safe_dump({"regions": regions}, sort_keys=False))
    views = [_view("anterior", "Front"), _view("posterior", "Back")]
    (folder / "views.yaml").write_text(yaml.safe_dump({"views": views}, sort_keys=False))
    return folder


@pytest.fixture(scope="module")
def web_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with serving(make_web_data(tmp_path_factory.mktemp("web") / "data")) as client:
        yield client


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The hostile catalogue on the synthetic views: the page tests' own."""
    with serving(make_hostile(tmp_path_factory.mktemp("hostile") / "data", make_web_data)) as client:
        yield client


@dataclass
class Rendered:
    """The template and context of the last page rendered (GZip drops the TestClient's own record)."""

    name: str = ""
    context: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Rendered:
    record = Rendered()
    original = Jinja2Templates.TemplateResponse

    def spy(self: Jinja2Templates, request: Any, name: str, context: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        record.name, record.context = name, context
        return original(self, request, name, context, *args, **kwargs)

    monkeypatch.setattr(Jinja2Templates, "TemplateResponse", spy)
    return record
