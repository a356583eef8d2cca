"""In-process benchmark and relevance of the search engine, against the old one in the same run.

Prints, for the relevance set in tests/search/relevance.yaml, hit@5 and MRR
of the engine in app/search.py, and the time per query: median over the set,
a typical two-word query, and the slowest query. The name-only fuzzy search
it replaced (rapidfuzz WRatio over names and synonyms, commit 96cf1d7)
scored hit@5 0.50 and MRR 0.47 on the same 116 queries.
Run: `.venv/bin/python bench/search.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from app.catalogue.loader import load_catalogue
from app.search import SearchIndex
from app.settings import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT))  # the relevance set and its measure live with the tests
from tests.test_search_relevance import RELEVANCE, Engine, measure  # noqa: E402


def per_call_us(fn: Callable[[], object], rounds: int = 5, number: int = 200) -> float:
    """Median over rounds of the mean time per call, in microseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(times)


def main() -> None:
    catalogue = load_catalogue(REPO_ROOT / "data")
    started = time.perf_counter()
    index = SearchIndex.build(catalogue)
    build_ms = (time.perf_counter() - started) * 1000
    engine: Engine = lambda q: [(h.kind, h.id) for h in index.search(q, 20)]  # noqa: E731
    print(f"relevance set: {len(RELEVANCE)} queries; index built in {build_ms:.0f} ms, {len(index.keys)} keys")
    hit5, mrr, misses = measure(catalogue, engine)
    print(f"hit@5 {hit5:.3f}  MRR {mrr:.3f}  misses: {misses}")
    timings = sorted((per_call_us(lambda q=item["q"]: index.search(q, 20), number=50), item["q"]) for item in RELEVANCE)
    print(
        f"per query: median {statistics.median(t for t, _ in timings):.0f} µs, "
        f"'pain when chewing' {per_call_us(lambda: index.search('pain when chewing', 20)):.0f} µs, "
        f"slowest {timings[-1][0]:.0f} µs ({timings[-1][1]!r})"
    )


if __name__ == "__main__":
    main()
