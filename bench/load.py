"""`make bench`: triggermap's hot paths against a bare FastAPI endpoint, side by side in one run.

Both apps run under uvicorn with the same flags (1 worker, loopback, no
access log); wrk drives each endpoint with -t1 -c16 (the acceptance check's
method). The bare baseline is measured before and after and averaged, to damp
drift on a shared machine. Also: startup to healthy, RSS after startup, 1 vs
2 workers, and the home page in headless Chromium (bytes and timing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import WrkResult, free_port, new_drawings_script, rss_kb, serve, uvicorn_command, wrk  # noqa: E402

TRIGGERMAP = "app.main:create_app()"
CHROMIUM = "/usr/bin/chromium"


@dataclass
class Row:
    name: str
    path: str
    result: WrkResult


def endpoints(base: str) -> dict[str, str]:
    """The repeated paths the issue names, with ids taken from the running catalogue (as the check does)."""
    tp = httpx.get(f"{base}/api/v1/trigger-points?limit=1").json()["items"][0]["id"]
    regions = [r["id"] for r in httpx.get(f"{base}/api/v1/regions?limit=100").json()["items"]]
    return {
        "TrP detail": f"/api/v1/trigger-points/{tp}",
        "lookup, 3 regions (repeated)": "/api/v1/lookup?" + "&".join(f"region={r}" for r in regions[:3]),
        "TrP list (100)": "/api/v1/trigger-points?limit=100",
        "/svg/anterior.svg": "/svg/anterior.svg",
        "thumbnail": f"/svg/trigger-points/{tp}.svg",
        "home page (repeated)": "/",
    }


def all_regions(base: str) -> list[str]:
    return [r["id"] for r in httpx.get(f"{base}/api/v1/regions?limit=1000").json()["items"]]


# Each request a new pain drawing of 1-5 random regions, as the acceptance check makes them: no memo answers.
NEW_DRAWINGS = {"lookup, new drawing": "/api/v1/lookup?", "explorer page, new state": "/?"}


def measure_ratios(seconds: int) -> tuple[float, list[Row], float, int]:
    """(bare rps, rows, triggermap startup s, triggermap RSS KB after startup)."""
    bare_port, app_port = free_port(), free_port()
    with (
        serve(uvicorn_command("bare:app", bare_port), bare_port, health="/c") as bare,
        serve(uvicorn_command(TRIGGERMAP, app_port), app_port) as app,
    ):
        rss = rss_kb(app.process.pid)
        paths = endpoints(app.base)
        for path in paths.values():  # warm: first answers fill the response memo
            httpx.get(app.base + path, timeout=10).raise_for_status()
        before = wrk(f"{bare.base}/c", seconds)
        rows = [Row(name, path, wrk(app.base + path, seconds)) for name, path in paths.items()]
        regions = all_regions(app.base)
        for name, prefix in NEW_DRAWINGS.items():
            script = new_drawings_script(prefix, regions)
            rows.append(Row(name, f"{prefix}region=...&n=...", wrk(app.base, seconds, script=script)))
        after = wrk(f"{bare.base}/c", seconds)
    return (before.rps + after.rps) / 2, rows, app.startup_s, rss


def in_process_lookup() -> list[tuple[str, int, float]]:
    """(drawing, painted regions, µs per call) of `app.lookup.lookup` in this process, as bench/lookup.py times it."""
    from lookup import FIVE, per_call_us

    from app.catalogue.loader import load_catalogue
    from app.lookup import lookup, resolve_regions
    from app.settings import REPO_ROOT

    catalogue = load_catalogue(REPO_ROOT / "data")
    every_choir = [str(code) for code in catalogue.regions_by_choir]
    out = []
    for name, regions, choir, number in (
        ("5 regions", FIVE, [], 2000),
        (f"all {len(every_choir)} CHOIR codes", [], every_choir, 200),
    ):
        painted = resolve_regions(catalogue, regions, choir)
        lookup(catalogue, painted)  # the index, built once
        out.append((name, len(painted), per_call_us(lambda p=painted: lookup(catalogue, p), number=number)[0]))
    return out


def startup_times(runs: int = 3) -> dict[str, list[float]]:
    """Seconds from `triggermap serve` to the first 200 from /healthz, what a person starting it waits: the
    first start over new data or code (no compiled catalogue yet), and a restart (app/queries/compiled.py)."""
    times: dict[str, list[float]] = {"first start": [], "restart": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            for kind in times:
                port = free_port()
                command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--log-level", "warning"]
                with serve(command, port, env={"TRIGGERMAP_CACHE": cache}) as server:
                    times[kind].append(server.startup_s)
    return times


def access_log_cost(path: str, seconds: int) -> WrkResult:
    """The same endpoint under `triggermap serve` defaults, which log every request (log level info)."""
    port = free_port()
    with serve([sys.executable, "-m", "app.cli", "serve", "--port", str(port)], port) as server:
        httpx.get(server.base + path).raise_for_status()
        return wrk(server.base + path, seconds)


def workers(seconds: int, path: str) -> dict[str, tuple[float, int]]:
    """(req/s, RSS KB) of one path: 1 worker, uvicorn --workers 2, and two independent processes.

    uvicorn's --workers mode hands workers a pre-bound socket without IPPROTO_TCP, so asyncio never sets
    TCP_NODELAY and each keep-alive request waits ~40 ms for a delayed ACK (Kludex/uvicorn#3149, open).
    Two plain processes, each its own listener, are what scaling out behind a load balancer looks like.
    """
    out = {}
    for label, count in (("1 worker", 1), ("uvicorn --workers 2", 2)):
        port = free_port()
        with serve(uvicorn_command(TRIGGERMAP, port, workers=count), port) as server:
            for _ in range(count * 8):  # each worker has its own memo
                httpx.get(server.base + path).raise_for_status()
            out[label] = (wrk(server.base + path, seconds, connections=32, threads=2).rps, rss_kb(server.process.pid))
    ports = [free_port(), free_port()]
    with (
        serve(uvicorn_command(TRIGGERMAP, ports[0]), ports[0]) as one,
        serve(uvicorn_command(TRIGGERMAP, ports[1]), ports[1]) as two,
        ThreadPoolExecutor(2) as pool,
    ):
        for server in (one, two):
            httpx.get(server.base + path).raise_for_status()
        runs = list(pool.map(lambda server: wrk(server.base + path, seconds), (one, two)))
        out["2 processes"] = (sum(r.rps for r in runs), rss_kb(one.process.pid) + rss_kb(two.process.pid))
    return out


def home_page_in_chromium(runs: int = 5) -> dict[str, float] | None:
    """Bytes of everything the home page loads (uncompressed and as sent) and its navigation timing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    port = free_port()
    with serve(uvicorn_command(TRIGGERMAP, port), port) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        samples: list[dict[str, float]] = []
        for _ in range(runs + 1):  # the first load warms the server's memo and Chromium's own startup
            context = browser.new_context()
            page = context.new_page()
            bodies: dict[str, int] = {}
            page.on("response", lambda r, bodies=bodies: bodies.__setitem__(r.url, len(r.body())))
            page.goto(server.base + "/", wait_until="load")
            timing = page.evaluate(
                """() => {
                const n = performance.getEntriesByType('navigation')[0];
                const all = [n, ...performance.getEntriesByType('resource')];
                return {ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                        sent: all.reduce((s, e) => s + e.encodedBodySize, 0)};
            }"""
            )
            samples.append({**timing, "bytes": sum(bodies.values()), "files": len(bodies)})
            context.close()
        browser.close()
    return {key: statistics.median(s[key] for s in samples[1:]) for key in samples[1]}


def line(name: str, r: WrkResult, bare_rps: float) -> str:
    return f"{name:<32} {r.rps:>8,.0f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.rps / bare_rps:>7.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    args = parser.parse_args()

    bare_rps, rows, _, rss = measure_ratios(args.seconds)
    print(f"\nwrk -t1 -c16 -d{args.seconds:g}s, 1 worker each, loopback, no access log")
    print(f"bare FastAPI constant JSON: {bare_rps:,.0f} req/s (mean of before and after)\n")
    print(f"{'endpoint':<32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'x bare':>7}")
    for row in rows:
        print(line(row.name, row.result, bare_rps))
    print("\nin process, app.lookup.lookup with the default page of 20 (CPU time, median of 9 rounds):")
    for name, painted, us in in_process_lookup():
        print(f"  {name:<24} {painted:>4} regions  {us:>8.1f} µs")
    detail = next(row for row in rows if row.name == "TrP detail")
    print(line("TrP detail, access log on", access_log_cost(detail.path, args.seconds), bare_rps))
    print("  (`triggermap serve` at its default log level logs every request; the rows above do not)")

    print("\nstartup to healthy (`triggermap serve`):")
    for kind, times in startup_times().items():
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"  {kind:<12} median {statistics.median(times):.2f} s ({runs})")
    print(f"RSS after startup, 1 worker: {rss / 1024:.0f} MB")

    print("\nTrP detail, 1 vs 2 workers (wrk -t2 -c32; two processes: one wrk -t1 -c16 each, summed):")
    for label, (rps, tree_kb) in workers(args.seconds, detail.path).items():
        print(f"  {label:<22} {rps:>8,.0f} req/s   RSS {tree_kb / 1024:>4.0f} MB")

    if not args.no_browser:
        home = home_page_in_chromium()
        if home is None:
            print("\nhome page in Chromium: skipped (no playwright or no /usr/bin/chromium)")
        else:
            print(f"\nhome page in headless Chromium (median of 5 fresh loads): {home['files']:.0f} files,")
            kb, sent = home["bytes"] / 1024, home["sent"] / 1024
            print(f"  {kb:.0f} KB uncompressed (HTML, CSS, JS, SVG), {sent:.0f} KB as sent;")
            print(f"  TTFB {home['ttfb']:.0f} ms, DOMContentLoaded {home['dcl']:.0f} ms, load {home['load']:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
