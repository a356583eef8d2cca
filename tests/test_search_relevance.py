"""Search against what people type: hit@5 and MRR over a relevance set written from the Manual.

Each query in tests/search/relevance.yaml lists the answers a clinician
expects (`kind/id`; regions side-neutral). A query hits when any of them is
among the first five results. The suite passes at hit@5 >= 0.9 and prints
both figures and the misses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import yaml

from app.catalogue.index import Catalogue
from app.catalogue.loader import load_catalogue
from app.search import SearchIndex
from app.settings import REPO_ROOT

RELEVANCE = yaml.safe_load((Path(__file__).parent / "search" / "relevance.yaml").read_text())["queries"]

# A search as the measure sees it: query -> ranked (kind, id) pairs.
Engine = Callable[[str], Sequence[tuple[str, str]]]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO_ROOT / "data")


def side_neutral(catalogue: Catalogue, kind: str, ident: str) -> str:
    return f"{kind}/{catalogue.base_of(ident) if kind == 'region' else ident}"


def measure(catalogue: Catalogue, engine: Engine, k: int = 5) -> tuple[float, float, list[str]]:
    """hit@k, mean reciprocal rank (of the first expected answer, 0 if none in the first 20) and the misses."""
    hits = 0
    reciprocal = 0.0
    misses = []
    for item in RELEVANCE:
        ranked = list(dict.fromkeys(side_neutral(catalogue, kind, ident) for kind, ident in engine(item["q"])))
        ranks = [ranked.index(answer) + 1 for answer in item["expect"] if answer in ranked]
        first = min(ranks) if ranks else None
        if first is not None and first <= k:
            hits += 1
        else:
            misses.append(f"{item['q']!r} (first expected at {first})")
        reciprocal += 1 / first if first else 0
    return hits / len(RELEVANCE), reciprocal / len(RELEVANCE), misses


def new_engine(catalogue: Catalogue) -> Engine:
    index = SearchIndex.build(catalogue)
    return lambda q: [(hit.kind, hit.id) for hit in index.search(q, 20)]


def test_at_least_60_queries_with_known_answers(catalogue: Catalogue) -> None:
    assert len(RELEVANCE) >= 60
    tables = {
        "symptom": catalogue.symptoms,
        "condition": catalogue.conditions,
        "muscle": catalogue.muscles,
        "region": catalogue.region_specs,
        "trigger-point": catalogue.trigger_points,
    }
    for item in RELEVANCE:
        assert item["expect"], item["q"]
        for answer in item["expect"]:
            kind, ident = answer.split("/")
            assert ident in tables[kind], f"{item['q']}: {answer}"


def test_hit_at_5(catalogue: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    hit5, mrr, misses = measure(catalogue, new_engine(catalogue))
    with capsys.disabled():
        print(f"\nsearch relevance: {len(RELEVANCE)} queries, hit@5 {hit5:.3f}, MRR {mrr:.3f}; misses: {misses}")
    assert hit5 >= 0.9, misses
