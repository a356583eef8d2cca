"""The lookup against clinical vignettes from the Manual's pain guides: recall@10 and MRR.

Each vignette paints regions and names the muscles the Manual lists first for
that pain; they must appear among the top 10 candidates. The suite passes at
recall@10 >= 0.9 overall, and prints both figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.catalogue.index import Catalogue
from app.lookup import lookup, resolve_regions

VIGNETTES = yaml.safe_load((Path(__file__).parent / "vignettes" / "vignettes.yaml").read_text())["vignettes"]


@pytest.fixture(scope="module")
def catalogue(real_catalogue: Catalogue) -> Catalogue:
    return real_catalogue


def top_muscles(catalogue: Catalogue, regions: list[str], k: int = 10) -> list[str]:
    """Distinct muscles of the ranked candidates, best first, cut at the k-th candidate."""
    candidates = lookup(catalogue, resolve_regions(catalogue, regions), limit=k)
    return list(dict.fromkeys(c.trigger_point.muscle for c in candidates))


def scores(catalogue: Catalogue) -> tuple[float, float, list[str]]:
    found = expected = 0
    reciprocal = 0.0
    misses = []
    for v in VIGNETTES:
        ranked = top_muscles(catalogue, v["regions"])
        hits = [m for m in v["expect"] if m in ranked]
        found += len(hits)
        expected += len(v["expect"])
        ranks = [ranked.index(m) + 1 for m in hits]
        reciprocal += 1 / min(ranks) if ranks else 0
        misses += [f"{v['id']}: {m}" for m in v["expect"] if m not in ranked]
    return found / expected, reciprocal / len(VIGNETTES), misses


def test_at_least_30_referenced_vignettes() -> None:
    assert len(VIGNETTES) >= 30
    assert all(v["source"] and v["expect"] and v["regions"] for v in VIGNETTES)


def test_vignette_ids_exist(catalogue: Catalogue) -> None:
    for v in VIGNETTES:
        assert all(r in catalogue.regions for r in v["regions"]), v["id"]
        assert all(m in catalogue.muscles for m in v["expect"]), v["id"]


def test_recall_at_10(catalogue: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    recall, mrr, misses = scores(catalogue)
    with capsys.disabled():
        print(f"\nvignettes: {len(VIGNETTES)}, recall@10 {recall:.3f}, MRR {mrr:.3f}; misses: {misses}")
    assert recall >= 0.9, misses
