"""`make soak`: a bounded load test on loopback; fails on any error, non-2xx answer or RSS growth >= 10 MB.

Every other request is a new pain drawing (1-5 random regions, as an API
lookup or as an explorer page, each a query never seen before); the others
are mixed paths as real clients mix them: lists, TrP details, lookups
(repeated), diagrams with and without overlays, thumbnails, pages and
/healthz. RSS is the server's whole process tree, measured after startup,
after a warm-up (which fills the response memo and the per-catalogue caches)
and after the run: growth beyond the warm-up is a leak or an unbounded cache.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import free_port, new_drawings_script, rss_kb, serve, wrk  # noqa: E402

MAX_GROWTH_MB = 10


def mixed_paths(base: str) -> list[str]:
    tps = [t["id"] for t in httpx.get(f"{base}/api/v1/trigger-points?limit=1000").json()["items"]]
    regions = [r["id"] for r in httpx.get(f"{base}/api/v1/regions?limit=1000").json()["items"]]
    views = sorted({v for r in httpx.get(f"{base}/api/v1/regions?limit=1000").json()["items"] for v in r["views"]})
    pick = random.Random(64)
    paths = ["/", "/muscles", "/conditions", "/healthz", "/api/v1/trigger-points?limit=100", "/api/v1/muscles"]
    paths += [f"/svg/{v}.svg" for v in views]
    paths += [f"/api/v1/trigger-points/{t}" for t in tps[:40]]
    paths += [f"/svg/trigger-points/{t}.svg" for t in tps[:20]]
    paths += [f"/trigger-points/{t}" for t in tps[:10]]
    paths += [f"/svg/{views[0]}.svg?highlight={','.join(pick.sample(regions, 4))}" for _ in range(20)] if views else []
    # Distinct pain drawings, about as many as the response memo holds; tests/test_security.py checks its bound.
    paths += ["/api/v1/lookup?" + "&".join(f"region={r}" for r in pick.sample(regions, 3)) for _ in range(300)]
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()

    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--log-level", "warning"]
    with serve(command, port) as server:
        started = rss_kb(server.process.pid)
        regions = [r["id"] for r in httpx.get(f"{server.base}/api/v1/regions?limit=1000").json()["items"]]
        script = new_drawings_script(["/api/v1/lookup?", "/?"], regions, mixed=mixed_paths(server.base))
        # Warm-up at the run's concurrency: every path answered at least once, and the memory that 64 pages in
        # flight take at once (the allocator keeps its high-water mark) reached before `before` is read.
        wrk(server.base, 10, connections=args.connections, threads=2, script=script)
        before = rss_kb(server.process.pid)
        run = wrk(server.base, args.seconds, connections=args.connections, threads=2, script=script)
        after = rss_kb(server.process.pid)
    growth = (after - before) / 1024
    print(
        f"soak: {run.requests:,} requests in {args.seconds} s x {args.connections} connections "
        f"({run.rps:,.0f}/s, p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms); socket errors {run.socket_errors}, "
        f"non-2xx {run.non_2xx}; RSS after startup {started / 1024:.1f} MB, after warm-up {before / 1024:.1f} MB, "
        f"after the run {after / 1024:.1f} MB ({growth:+.1f} MB)"
    )
    ok = run.socket_errors == 0 and run.non_2xx == 0 and growth < MAX_GROWTH_MB
    print("soak ok" if ok else "soak FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
