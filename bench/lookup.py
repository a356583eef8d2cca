"""In-process benchmark of the reverse lookup over the whole catalogue, before and after its index.

Times, each with the default page of 20 explained candidates:

* a fixed 1-region and a fixed 5-region drawing (the same call again and again);
* new drawings as the API meets them: random 5-region drawings, and random drawings of 1 to 5 regions,
  drawn (seeded) from the catalogue's concrete regions, each call a different drawing;
* the all-CHOIR drawing (all 74 CHOIR codes, every one of the catalogue's concrete regions);

for:

* before: the lookup as it was before the inverted index (tests/lookup_reference.py, given its zone
  table precomputed, as the catalogue used to hold it);
* after: `app.lookup.lookup`, whose index the catalogue builds once (timed separately).

and reports "after" also as a ratio to a baseline measured in the same run: resolving the same regions
without ranking, the cost no lookup can avoid. Figures are per call, in CPU time of this process
(`time.process_time`), so other processes on a shared machine disturb them less: the best (minimum)
over rounds of the mean per call, the median over rounds beside it.
Run: `.venv/bin/python bench/lookup.py [--rounds 7] [--number 2000] [--seed 16] [--no-before]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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


def per_drawing_us(fn: Callable[[Any], object], drawings: Sequence[Any], rounds: int) -> tuple[float, float]:
    """(median, minimum) over rounds of the mean CPU time per call, one call per drawing, in microseconds."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for painted in drawings:
            fn(painted)
        times.append((time.process_time() - start) / len(drawings) * 1e6)
    return statistics.median(times), min(times)


def random_drawings(regions: Sequence[str], sizes: Sequence[int], number: int, seed: int) -> list[list[str]]:
    """`number` drawings of distinct concrete regions, each of a size drawn from `sizes` (seeded)."""
    rng = random.Random(seed)
    return [rng.sample(regions, rng.choice(sizes)) for _ in range(number)]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds per figure; the best is reported (7)")
    parser.add_argument("--number", type=int, default=2000, help="calls per round, or random drawings (2000)")
    parser.add_argument("--seed", type=int, default=16, help="seed of the random drawings (16)")
    parser.add_argument("--no-before", action="store_true", help="skip the reference lookup (slow)")
    args = parser.parse_args(argv)
    rounds, number = args.rounds, args.number

    started = time.perf_counter()
    catalogue = load_catalogue(REPO_ROOT / "data")
    load_ms = (time.perf_counter() - started) * 1000
    index_ms = per_call_us(lambda: LookupIndex.build(catalogue), rounds=5, number=5)[1] / 1000
    zones = lookup_reference.zones_by_side(catalogue)
    every_choir = [str(code) for code in catalogue.regions_by_choir]
    concrete = sorted(catalogue.regions)
    # (name, [(region ids, CHOIR codes)] one per call, calls per round)
    rows: list[tuple[str, list[tuple[list[str], list[str]]], int]] = [
        ("1 region", [(ONE, [])], number * 2),
        ("5 regions", [(FIVE, [])], number),
        ("5 random regions", [(d, []) for d in random_drawings(concrete, [5], number, args.seed)], 1),
        ("1-5 random regions", [(d, []) for d in random_drawings(concrete, [1, 2, 3, 4, 5], number, args.seed)], 1),
        (f"all {len(every_choir)} CHOIR codes", [([], every_choir)], max(number // 10, 1)),
    ]
    print(
        f"catalogue: {len(catalogue.trigger_points)} TrPs, {len(catalogue.regions)} regions, "
        f"loaded in {load_ms:.0f} ms; lookup index built in {index_ms:.1f} ms"
    )
    print(f"best (median) of {rounds} rounds, CPU µs per lookup")
    header = ("drawing", "painted", "before µs", "after µs", "(median)", "speed-up", "x base")
    print("{:<24} {:>7} {:>10} {:>9} {:>9} {:>9} {:>7}".format(*header))
    for name, calls, repeat in rows:
        drawings = [resolve_regions(catalogue, regions, choir) for regions, choir in calls] * repeat
        for painted in drawings[: len(calls)]:
            assert lookup(catalogue, painted) == lookup_reference.lookup(catalogue, painted, zones=zones)
        _, base = per_drawing_us(lambda call: resolve_regions(catalogue, *call), calls * repeat, rounds)
        after_median, after = per_drawing_us(lambda p: lookup(catalogue, p), drawings, rounds)
        painted = f"{statistics.mean(map(len, drawings)):.3g}"
        if args.no_before:
            before_text, speed_up = "-", "-"
        else:
            slow = drawings[: max(len(drawings) // 5, 40)]
            _, before = per_drawing_us(lambda p: lookup_reference.lookup(catalogue, p, zones=zones), slow, rounds)
            before_text, speed_up = f"{before:.1f}", f"{before / after:.1f}x"
        print(
            f"{name:<24} {painted:>7} {before_text:>10} {after:>9.1f} {after_median:>9.1f} "
            f"{speed_up:>9} {after / base:>7.0f}"
        )


if __name__ == "__main__":
    main()
