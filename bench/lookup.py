"""In-process benchmark of the reverse lookup over the whole catalogue, before and after its index.

Times a 1-region, a 5-region and the all-CHOIR drawing (all 74 CHOIR codes, every one of the
catalogue's concrete regions), each with the default page of 20 explained candidates, for:

* before: the lookup as it was before the inverted index (tests/lookup_reference.py, given its zone
  table precomputed, as the catalogue used to hold it);
* after: `app.lookup.lookup`, whose index the catalogue builds once (timed separately).

and reports each as a ratio to a baseline measured in the same run: resolving the same regions
without ranking, the cost no lookup can avoid. Figures are the median over rounds of the mean per
call, in CPU time of this process (`time.process_time`), so other processes on a shared machine
disturb them less; the minimum is printed too.
Run: `.venv/bin/python bench/lookup.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.catalogue.loader import load_catalogue
from app.lookup import LookupIndex, lookup, resolve_regions
from app.settings import REPO_ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import lookup_reference  # noqa: E402

ONE = ["temple-right"]
FIVE = ["temple-right", "nape-right", "deltoid-anterior-right", "lumbar-left", "heel-right"]


def per_call_us(fn: Callable[[], object], rounds: int = 9, number: int = 2000) -> tuple[float, float]:
    """(median, minimum) over rounds of the mean CPU time per call, in microseconds."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(number):
            fn()
        times.append((time.process_time() - start) / number * 1e6)
    return statistics.median(times), min(times)


def main() -> None:
    started = time.perf_counter()
    catalogue = load_catalogue(REPO_ROOT / "data")
    load_ms = (time.perf_counter() - started) * 1000
    index_ms = per_call_us(lambda: LookupIndex.build(catalogue), rounds=5, number=5)[0] / 1000
    zones = lookup_reference.zones_by_side(catalogue)
    every_choir = [str(code) for code in catalogue.regions_by_choir]
    drawings = [
        ("1 region", ONE, 5000),
        ("5 regions", FIVE, 2000),
        (f"all {len(every_choir)} CHOIR codes", every_choir, 200),
    ]
    print(
        f"catalogue: {len(catalogue.trigger_points)} TrPs, {len(catalogue.regions)} regions, "
        f"loaded in {load_ms:.0f} ms; lookup index built in {index_ms:.1f} ms"
    )
    header = ("drawing", "painted", "before µs", "after µs", "(min)", "speed-up", "x base")
    print("{:<24} {:>7} {:>10} {:>9} {:>7} {:>9} {:>7}".format(*header))
    for name, ids, number in drawings:
        choir = ids if ids is every_choir else []
        regions = [] if ids is every_choir else ids
        painted = resolve_regions(catalogue, regions, choir)
        assert lookup(catalogue, painted) == lookup_reference.lookup(catalogue, painted, zones=zones)
        base, _ = per_call_us(lambda r=regions, c=choir: resolve_regions(catalogue, r, c), number=number)
        before, _ = per_call_us(
            lambda p=painted: lookup_reference.lookup(catalogue, p, zones=zones), number=max(number // 5, 40)
        )
        after, after_min = per_call_us(lambda p=painted: lookup(catalogue, p), number=number)
        print(
            f"{name:<24} {len(painted):>7} {before:>10.1f} {after:>9.1f} {after_min:>7.1f} "
            f"{before / after:>8.1f}x {after / base:>7.0f}"
        )


if __name__ == "__main__":
    main()
