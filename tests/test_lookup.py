"""The ranking of the reverse lookup, on a small catalogue whose answers are known."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from app.catalogue.index import Catalogue
from app.catalogue.loader import load_catalogue
from app.errors import BadRequest, NotFound
from app.lookup import lookup, resolve_regions
from tests.conftest import make_data

# Four TrPs with known zones: a specific heel TrP, a broad leg TrP whose
# spillover reaches the heel, a TrP with a huge zone, and a rare twin of the first.
RANKING_DATA = """\
muscles:
  - id: heel-muscle
    name: Heel muscle
    area: foot
    references: [ts2-soleus-and-plantaris]
    trigger_points:
      - {id: heel-muscle-1, label: TrP1, location: {description: x, regions: [calf]},
         referral: {essential: [heel], spillover: [achilles]}, prevalence: common,
         references: [ts2-soleus-and-plantaris]}
  - id: twin-muscle
    name: Twin muscle
    area: foot
    references: [ts2-soleus-and-plantaris]
    trigger_points:
      - {id: twin-muscle-1, label: TrP1, location: {description: x, regions: [calf]},
         referral: {essential: [heel], spillover: [achilles]}, prevalence: rare,
         references: [ts2-soleus-and-plantaris]}
  - id: leg-muscle
    name: Leg muscle
    area: leg
    references: [ts2-soleus-and-plantaris]
    trigger_points:
      - {id: leg-muscle-1, label: TrP1, location: {description: x, regions: [calf]},
         referral: {essential: [calf], spillover: [heel]}, prevalence: very-common,
         references: [ts2-soleus-and-plantaris]}
  - id: huge-muscle
    name: Huge muscle
    area: leg
    references: [ts2-soleus-and-plantaris]
    trigger_points:
      - {id: huge-muscle-1, label: TrP1, location: {description: x, regions: [calf]},
         referral: {essential: [heel, calf, shin, leg-lateral, leg-medial, foot-dorsum, arch, great-toe,
                                lesser-toes, popliteal], spillover: []},
         prevalence: very-common, references: [ts2-soleus-and-plantaris]}
  - id: chest-muscle
    name: Chest muscle
    area: chest
    references: [ts1-sternalis]
    trigger_points:
      - {id: chest-muscle-1, label: TrP1, location: {description: x, regions: [sternum]},
         referral: {essential: [sternum], spillover: []}, prevalence: common, references: [ts1-sternalis]}
"""


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    folder = make_data(Path(tmp_path_factory.mktemp("ranking")) / "data", textwrap.dedent(RANKING_DATA))
    return load_catalogue(folder)


def ranked(catalogue: Catalogue, *regions: str) -> list[str]:
    return [c.trigger_point.id for c in lookup(catalogue, resolve_regions(catalogue, regions))]


def test_essential_outranks_spillover_only(catalogue: Catalogue) -> None:
    order = ranked(catalogue, "heel-right")
    assert order.index("heel-muscle-1") < order.index("leg-muscle-1")
    assert order.index("huge-muscle-1") < order.index("leg-muscle-1")


def test_huge_zone_does_not_drown_a_specific_one(catalogue: Catalogue) -> None:
    order = ranked(catalogue, "heel-right")
    assert order.index("heel-muscle-1") < order.index("huge-muscle-1")


def test_covering_more_of_the_drawing_ranks_higher(catalogue: Catalogue) -> None:
    order = ranked(catalogue, "heel-right", "calf-right", "shin-right", "arch-right")
    assert order[0] == "huge-muscle-1"


def test_ties_broken_by_prior_then_name(catalogue: Catalogue) -> None:
    candidates = lookup(catalogue, ["heel-right"])
    by_id = {c.trigger_point.id: c for c in candidates}
    assert by_id["heel-muscle-1"].score == by_id["twin-muscle-1"].score
    order = [c.trigger_point.id for c in candidates]
    assert order.index("heel-muscle-1") < order.index("twin-muscle-1")  # common before rare


def test_laterality_left_pain_left_trigger_points(catalogue: Catalogue) -> None:
    top = lookup(catalogue, ["heel-left"])[0]
    assert top.sides == ("left",)
    assert top.essential == ("heel-left",)
    both = lookup(catalogue, ["heel-left", "heel-right"])[0]
    assert both.sides == ("right", "left")


def test_midline_region_matches_both_sides(catalogue: Catalogue) -> None:
    top = lookup(catalogue, ["sternum"])[0]
    assert top.trigger_point.id == "chest-muscle-1"
    assert top.sides == ("right", "left")


def test_unexplained_regions_and_explanation(catalogue: Catalogue) -> None:
    top = lookup(catalogue, ["heel-right", "sternum"])
    heel = next(c for c in top if c.trigger_point.id == "heel-muscle-1")
    assert heel.unexplained == ("sternum",)
    assert "heel (plantar)" in heel.explanation
    assert "does not explain" in heel.explanation
    assert all(0 <= c.score <= 1 for c in top)


def test_side_neutral_and_choir_ids_resolve(catalogue: Catalogue) -> None:
    assert resolve_regions(catalogue, ["heel"]) == ["heel-right", "heel-left"]
    assert "heel-right" in resolve_regions(catalogue, [], ["238"])


def test_unknown_and_empty_selections(catalogue: Catalogue) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_regions(catalogue, ["heel-right", "hele-left"])
    assert caught.value.extra["unknown"] == ["hele-left"]
    with pytest.raises(BadRequest):
        resolve_regions(catalogue, [])


def test_deterministic(catalogue: Catalogue) -> None:
    regions = ["heel-right", "calf-left", "sternum"]
    assert ranked(catalogue, *regions) == ranked(catalogue, *reversed(regions))


def test_same_pattern_twins_are_one_candidate(tmp_path: Path) -> None:
    second = """         references: [ts2-soleus-and-plantaris]}
      - {id: twin-muscle-2, label: TrP2, location: {description: y, regions: [calf]},
         referral: {essential: [heel], spillover: [achilles]}, prevalence: rare,
         references: [ts2-soleus-and-plantaris]}
  - id: leg-muscle
"""
    data = RANKING_DATA.replace("         references: [ts2-soleus-and-plantaris]}\n  - id: leg-muscle\n", second, 1)
    catalogue = load_catalogue(make_data(tmp_path / "data", textwrap.dedent(data)))
    assert "twin-muscle-2" in catalogue.trigger_points
    candidates = lookup(catalogue, ["heel-right"])
    twins = [c for c in candidates if c.trigger_point.muscle == "twin-muscle"]
    assert len(twins) == 1
    assert twins[0].same_pattern == ("twin-muscle-2",)
