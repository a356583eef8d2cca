"""In-process benchmark of the reverse lookup over the whole catalogue.

Times a 5-region lookup (and a 74-region CHOIR "everything hurts" drawing),
and reports each as a ratio to a baseline measured in the same run: resolving
the same regions without ranking, the cost no lookup can avoid.
Run: `.venv/bin/python bench/lookup.py`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from app.catalogue.loader import load_catalogue
from app.lookup import lookup, resolve_regions
from app.settings import REPO_ROOT

FIVE = ["temple-right", "nape-right", "deltoid-anterior-right", "lumbar-left", "heel-right"]


def per_call_us(fn: Callable[[], object], rounds: int = 7, number: int = 2000) -> float:
    """Median over rounds of the mean time per call, in microseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(times)


def main() -> None:
    started = time.perf_counter()
    catalogue = load_catalogue(REPO_ROOT / "data")
    load_ms = (time.perf_counter() - started) * 1000
    every_choir = [str(code) for code in catalogue.regions_by_choir]
    painted_all = resolve_regions(catalogue, [], every_choir)
    rows = [
        ("baseline: resolve 5 regions", per_call_us(lambda: resolve_regions(catalogue, FIVE))),
        ("lookup, 5 regions", per_call_us(lambda: lookup(catalogue, resolve_regions(catalogue, FIVE)))),
        ("lookup, all CHOIR regions", per_call_us(lambda: lookup(catalogue, painted_all), number=200)),
    ]
    base = rows[0][1]
    print(
        f"catalogue: {len(catalogue.trigger_points)} TrPs, {len(catalogue.regions)} regions, loaded in {load_ms:.0f} ms"
    )
    print(f"{'case':<30} {'µs/call':>10} {'x baseline':>11}")
    for name, us in rows:
        print(f"{name:<30} {us:>10.1f} {us / base:>11.1f}")


if __name__ == "__main__":
    main()
