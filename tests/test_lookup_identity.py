"""The indexed lookup ranks exactly as the plain one did (tests/lookup_reference.py), on the real catalogue."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.catalogue.index import Catalogue
from app.catalogue.loader import load_catalogue
from app.lookup import LookupIndex, index_of, lookup, resolve_regions
from app.settings import REPO_ROOT
from tests import lookup_reference

CATALOGUE = load_catalogue(REPO_ROOT / "data")
ZONES = lookup_reference.zones_by_side(CATALOGUE)
CONCRETE = sorted(CATALOGUE.regions)
SIDED = sorted(base for base, spec in CATALOGUE.region_specs.items() if spec.sided)
CHOIR = sorted(str(code) for code in CATALOGUE.regions_by_choir)
LIMITS = st.sampled_from([1, 5, 10, 20, 100])


def assert_same(painted: list[str], limit: int = 20) -> None:
    expected = lookup_reference.lookup(CATALOGUE, painted, limit, zones=ZONES)
    assert lookup(CATALOGUE, painted, limit) == expected


@given(
    regions=st.lists(st.sampled_from(CONCRETE + SIDED), max_size=10),
    choir=st.lists(st.sampled_from(CHOIR), max_size=10),
    limit=LIMITS,
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_same_as_reference_on_drawings_of_1_to_10(regions: list[str], choir: list[str], limit: int) -> None:
    """As the API asks: region ids (concrete or side-neutral) and CHOIR codes, 1 to 10 of them in all."""
    if not 1 <= len(regions) + len(choir) <= 10:
        return
    assert_same(resolve_regions(CATALOGUE, regions, choir), limit)


@given(painted=st.lists(st.sampled_from(CONCRETE), min_size=10, max_size=120, unique=True), limit=LIMITS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_same_as_reference_on_big_drawings(painted: list[str], limit: int) -> None:
    """Many regions: most patterns are touched by several, and one-sided matches move shared names."""
    assert_same(painted, limit)


@given(side=st.sampled_from(["right", "left"]), limit=LIMITS, data=st.data())
@settings(max_examples=100, deadline=None)
def test_same_as_reference_on_one_side(side: str, limit: int, data: st.DataObject) -> None:
    one_side = [rid for rid in CONCRETE if CATALOGUE.regions[rid].side in (side, "midline")]
    assert_same(data.draw(st.lists(st.sampled_from(one_side), min_size=1, max_size=40)), limit)


@pytest.mark.parametrize("rid", CONCRETE)
def test_same_as_reference_for_every_region(rid: str) -> None:
    for limit in (1, 2, 3, 5, 20, 100):  # small pages end inside runs of tied scores
        assert_same([rid], limit)


def test_same_as_reference_for_the_whole_body() -> None:
    for limit in (1, 7, 20, 100, 200, 0, -1):  # the old slice semantics, even for limits the API refuses
        assert_same(resolve_regions(CATALOGUE, [], CHOIR), limit)


def test_index_is_built_once_per_catalogue(tmp_path_factory: pytest.TempPathFactory) -> None:
    catalogue: Catalogue = load_catalogue(REPO_ROOT / "data")
    assert index_of(catalogue) is index_of(catalogue)
    assert index_of(catalogue) is not index_of(CATALOGUE)  # a reloaded catalogue gets its own
    assert isinstance(index_of(catalogue), LookupIndex)


def test_unexplained_names_when_a_name_moves() -> None:
    """Two painted regions of one name, only the first explained: the name now sits where the second one is."""
    from app.lookup import _Unexplained

    plain = {"a-left": "a", "b": "b", "c-right": "a", "d": "d"}
    rest = _Unexplained(frozenset(plain), plain)
    rest.BIG = 0  # the path of big drawings: cut the explained regions out of the listed ones
    assert rest.of(frozenset({"a-left"})) == (("b", "c-right", "d"), " It does not explain your pain at: b, a, d.")
    assert rest.of(frozenset({"a-left", "c-right"})) == (("b", "d"), " It does not explain your pain at: b, d.")
    assert rest.of(frozenset({"b"})) == (("a-left", "c-right", "d"), " It does not explain your pain at: a, d.")
    assert rest.of(frozenset(plain)) == ((), "")


def test_ranking_rounds_as_round_does() -> None:
    """`_ranked` rounds most scores by scaling, not by round(): the same doubles, near and at ties too."""
    import math
    import random

    from app.lookup import _ranked

    rng = random.Random(16)
    ties = [k / 20000 for k in range(20001)]  # halfway between two 4-place decimals (a few exactly, in binary)
    values = [rng.random() for _ in range(50_000)] + ties + [0.0, 1.0, 0.5, 0.03125, 0.00005, 5e-324]
    values += [math.nextafter(v, 2.0) for v in ties] + [math.nextafter(v, -1.0) for v in ties]
    for value in values:
        assert _ranked([(value, 7)], 1) == [(-round(value, 4), 7)], value
