"""The atlas layer on a small catalogue: a muscle drawn over the landmarks, its X, and the checks that keep
the X inside its muscle and location (reported as file:line, the catalogue refused)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from app.body.atlas import ATLAS_CHECKS, geometry_of
from app.body.render import BodyDiagrams
from app.catalogue.loader import load_catalogue
from app.errors import CatalogueInvalid
from tests.conftest import SMALL_TRIGGER_POINTS, make_data

SVG = "{http://www.w3.org/2000/svg}"
VIEW = "posterior"


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> tuple[float, float, float, float]:
    """The visible box of the right neck angle in the back view, from the real figure."""
    geo = geometry_of(load_catalogue(make_data(tmp_path_factory.mktemp("probe") / "data")))[VIEW]
    found = geo.region_bbox("neck-angle-right")
    assert found is not None
    return found


def _data(tmp_path: Path, box: tuple[float, float, float, float], marker: list[float] | None, **tp: Any) -> Path:
    """The small catalogue with the upper trapezius drawn as a diamond over the right neck angle."""
    doc = yaml.safe_load(SMALL_TRIGGER_POINTS)
    muscle = next(m for m in doc["muscles"] if m["id"] == "upper-trapezius")
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    muscle["shapes"] = {
        VIEW: [
            [round(x0 - 10), round(cy)],
            [round(cx), round(y0 - 10)],
            [round(x1 + 10), round(cy)],
            [round(cx), round(y1 + 10)],
        ]
    }
    trigger_point = muscle["trigger_points"][0]
    if marker is not None:
        trigger_point["location"]["markers"] = {VIEW: marker}
    trigger_point.update(tp)
    return make_data(tmp_path / "data", yaml.safe_dump(doc, sort_keys=False))


def _centre_of(svg: str, selector_attr: str, value: str) -> tuple[float, float]:
    """The bounding-box centre of the element carrying the attribute (the X's path data)."""
    root = ElementTree.fromstring(svg)
    mark = next(e for e in root.iter() if e.get(selector_attr) == value)
    numbers = [
        float(n) for d in (p.get("d", "") for p in mark.iter(f"{SVG}path")) for n in re.findall(r"-?\d+\.?\d*", d)
    ]
    xs, ys = numbers[0::2], numbers[1::2]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def test_the_x_is_drawn_where_authored_over_its_tinted_muscle(tmp_path: Path, box) -> None:
    x, y = round((box[0] + box[2]) / 2), round((box[1] + box[3]) / 2)
    diagrams = BodyDiagrams(load_catalogue(_data(tmp_path, box, [x, y]), checks=ATLAS_CHECKS))
    svg = diagrams.trigger_point_svg(VIEW, "upper-trapezius-1", "right")
    assert _centre_of(svg, "data-trigger-point", "upper-trapezius-1") == pytest.approx((x, y), abs=0.11)
    muscle = next(e for e in ElementTree.fromstring(svg).iter() if e.get("data-muscle") == "upper-trapezius")
    assert muscle.find(f"{SVG}title").text == "Upper trapezius"
    # On the left side the X is the mirror image across the view's midline.
    left = diagrams.trigger_point_svg(VIEW, "upper-trapezius-1", "left")
    mirror_x = diagrams.geometry[VIEW].mirror_x
    assert _centre_of(left, "data-trigger-point", "upper-trapezius-1") == pytest.approx((2 * mirror_x - x, y), abs=0.11)


def test_the_muscle_layer_draws_each_muscle_on_both_sides_as_a_named_link(tmp_path: Path, box) -> None:
    x, y = round((box[0] + box[2]) / 2), round((box[1] + box[3]) / 2)
    diagrams = BodyDiagrams(load_catalogue(_data(tmp_path, box, [x, y]), checks=ATLAS_CHECKS))
    root = ElementTree.fromstring(diagrams.view_svg(VIEW, layer="muscles"))
    links = [a for a in root.iter(f"{SVG}a") if any(e.get("data-muscle") for e in a)]
    assert sorted(a.get("aria-label") for a in links) == ["Upper trapezius, left side", "Upper trapezius, right side"]
    assert {a.get("{http://www.w3.org/1999/xlink}href") or a.get("href") for a in links} == {"/muscles/upper-trapezius"}
    right, left = (
        next(e for e in a if e.get("data-muscle"))
        for a in sorted(links, key=lambda a: a.get("aria-label"), reverse=True)
    )
    assert right.find(f"{SVG}title").text == left.find(f"{SVG}title").text == "Upper trapezius"
    # The left side is the right one mirrored across the view's midline, not drawn twice.
    mirror_x = diagrams.geometry[VIEW].mirror_x
    assert left.tag == f"{SVG}use"
    assert left.get("transform") == f"matrix(-1 0 0 1 {2 * mirror_x:g} 0)"
    assert (left.get("{http://www.w3.org/1999/xlink}href") or left.get("href")) == "#" + right.get("id")
    assert len([p for p in root.iter(f"{SVG}path") if p.get("data-region")]) > 50  # the regions are still there
    plain = ElementTree.fromstring(diagrams.view_svg(VIEW))
    assert not [e for e in plain.iter() if e.get("data-muscle")]  # the plain map stays a pain chart


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"marker": "outside-muscle"}, "lies outside its muscle upper-trapezius"),
        ({"marker": "outside-region"}, "lies outside its location (neck-angle)"),
        ({"marker": None}, "upper-trapezius is drawn (posterior) but this trigger point has no X"),
        ({"preferred_view": "anterior"}, "preferred_view anterior does not draw muscle upper-trapezius"),
    ],
)
def test_a_misplaced_x_is_refused_as_file_and_line(tmp_path: Path, box, change: dict[str, Any], message: str) -> None:
    x, y = round((box[0] + box[2]) / 2), round((box[1] + box[3]) / 2)
    marker: list[float] | None = [x, y]
    if change.get("marker") == "outside-muscle":
        marker = [box[2] + 40, y]
    elif change.get("marker") == "outside-region":
        marker = [box[0] - 8, y]  # inside the diamond, left of the neck angle
    elif "marker" in change:
        marker = None
    extra = {k: v for k, v in change.items() if k != "marker"}
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(_data(tmp_path, box, marker, **extra), checks=ATLAS_CHECKS)
    lines = caught.value.lines()
    assert any(
        re.match(r".*trigger_points\.yaml:\d+: upper-trapezius-1: .*", line) and message in line for line in lines
    ), lines


def test_the_real_atlas_is_drawn_and_every_x_is_checked(real_catalogue) -> None:
    """The served catalogue passes the atlas checks, and the API-facing views list follows the drawing."""
    assert [p for check in ATLAS_CHECKS for p in check(real_catalogue)] == []
    for muscle in real_catalogue.muscles.values():
        assert set(muscle.drawn_in) <= set(muscle.views)
