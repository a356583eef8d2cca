"""What load.py and soak.py share: servers on free loopback ports, wrk runs parsed, RSS of a process tree.

Only the standard library (and httpx, already a dependency), so the
benchmarks run from the project's venv with nothing else installed.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# One set of server settings for the bare app and triggermap: the ratio then measures the app, not uvicorn.
UVICORN_FLAGS = ("--host", "127.0.0.1", "--log-level", "warning")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    startup_s: float


def uvicorn_command(target: str, port: int, workers: int = 1) -> list[str]:
    """`uvicorn` for an app object (module:attr) or, with a trailing `()`, an app factory."""
    command = [sys.executable, "-m", "uvicorn", *UVICORN_FLAGS, "--port", str(port), "--workers", str(workers)]
    if target.endswith("()"):
        return [*command, "--factory", target[:-2]]
    return [*command, target]


@contextmanager
def serve(
    command: Sequence[str], port: int, health: str = "/healthz", env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Start a server, wait until `health` answers 200, stop it (and its workers) on exit."""
    base = f"http://127.0.0.1:{port}"
    poller = httpx.Client(timeout=1)  # one client: a new one per poll costs an SSL context, ~30 ms of CPU
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=ROOT,
        env={**os.environ, **(env or {}), "PYTHONPATH": str(BENCH)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so workers stop with it
    )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}: {' '.join(command)}")
            try:
                if poller.get(base + health).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.perf_counter() - started > 30:
                raise RuntimeError(f"server not healthy within 30 s: {' '.join(command)}")
            time.sleep(0.01)
        yield Server(process, base, time.perf_counter() - started)
    finally:
        poller.close()
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


def process_tree(pid: int) -> list[int]:
    """pid and all its descendants (uvicorn's workers are children of the supervisor)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, ()))
    return tree


def rss_kb(pid: int) -> int:
    """Resident memory of a process tree, in KB."""
    total = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        total += int(found.group(1)) if found else 0
    return total


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    socket_errors: int
    non_2xx: int
    output: str


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, seconds: float, connections: int = 16, threads: int = 1, script: str | None = None) -> WrkResult:
    """Run Debian's wrk with latency percentiles; a Lua script may choose the paths."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "--timeout", "5s"]
    with tempfile.TemporaryDirectory() as tmp:
        if script is not None:
            lua = Path(tmp) / "paths.lua"
            lua.write_text(script)
            command += ["-s", str(lua)]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(int(n) for n in errors.groups()) if errors else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(rps, p50, p99, requests, socket_errors, int(non_2xx.group(1)) if non_2xx else 0, output)


def paths_script(paths: Sequence[str]) -> str:
    """A wrk Lua script cycling through paths in order (wrk itself counts non-2xx answers)."""
    quoted = ",\n".join(f'  "{p}"' for p in paths)
    return f"""local paths = {{
{quoted}
}}
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
"""


def new_drawings_script(prefix: str | Sequence[str], regions: Sequence[str], mixed: Sequence[str] = ()) -> str:
    """A wrk Lua script whose every request is a new pain drawing: 1-5 random regions under `prefix` (a path and
    its "?"; several take turns), made unique by an extra `n` parameter, as the acceptance check draws them.
    With `mixed` paths, every other request is the next of those instead (new drawings among other traffic)."""
    prefixes = ",".join(f'"{p}"' for p in ([prefix] if isinstance(prefix, str) else prefix))
    ids = ",".join(f'"{r}"' for r in regions)
    others = ",\n".join(f'  "{p}"' for p in mixed)
    return f"""local ids = {{{ids}}}
local prefixes = {{{prefixes}}}
local mixed = {{
{others}
}}
local n = 0
request = function()
  n = n + 1
  if #mixed > 0 and n % 2 == 0 then return wrk.format("GET", mixed[math.floor(n / 2) % #mixed + 1]) end
  local q = {{}}
  for i = 1, math.random(1, 5) do q[#q + 1] = "region=" .. ids[math.random(1, #ids)] end
  local prefix = prefixes[n % #prefixes + 1]
  return wrk.format("GET", prefix .. table.concat(q, "&") .. "&n=" .. n .. math.random(1, 1000000))
end
"""
