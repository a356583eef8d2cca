"""Region polygons per view, and the views a region lists: a crop shows what reaches into its box."""

from __future__ import annotations

import pytest

from app.catalogue.index import Catalogue
from app.catalogue.models import View
from app.catalogue.shapes import clipped_area, region_polygons


def test_clipped_area_of_a_square_in_and_across_a_box() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert clipped_area(square, (-5, -5, 20, 20)) == pytest.approx(100)
    assert clipped_area(square, (5, 5, 20, 20)) == pytest.approx(25)
    assert clipped_area(square, (11, 0, 20, 20)) == 0
    triangle = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)]
    assert clipped_area(triangle, (0, 0, 5, 10)) == pytest.approx(37.5)


def test_a_crop_takes_its_size_from_its_box_and_needs_both_keys() -> None:
    view = View(id="zoom", name="zoom", crop_of="anterior", box=(10, 20, 110, 220))
    assert (view.width, view.height) == (100, 200)
    with pytest.raises(ValueError, match="crop_of and box"):
        View(id="zoom", name="zoom", width=10, height=10, crop_of="anterior")


def test_a_crop_shows_the_regions_of_its_frame_with_their_sides(real_catalogue: Catalogue) -> None:
    views = real_catalogue.views
    specs = list(real_catalogue.region_specs.values())
    forearm = region_polygons(views["forearm-left-back"], views, specs)
    whole = region_polygons(views["posterior"], views, specs)
    assert "olecranon-left" in forearm
    assert "forearm-dorsal-ulnar-left" in forearm
    assert not any(rid.endswith("-right") for rid in forearm)  # the person's left arm, seen from behind
    assert all(forearm[rid] == whole[rid] for rid in forearm)  # same drawing, only framed
    assert "occiput-left" not in forearm


def test_regions_list_the_crops_they_appear_in(real_catalogue: Catalogue) -> None:
    regions = real_catalogue.regions
    assert "forearm-right-back" in regions["olecranon-right"].views
    assert "forearm-left-back" not in regions["olecranon-right"].views
    assert {"trunk-front", "anterior"} <= set(regions["sternum"].views)
    assert "calves" in regions["achilles-left"].views
    assert "calves" not in regions["sternum"].views
