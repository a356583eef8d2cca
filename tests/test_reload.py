"""Live data editing: `triggermap serve --reload-data` serves valid edits and never a broken catalogue.

The main test drives a real server process over a copy of a small catalogue,
because what matters is the whole chain a data author relies on: the polling
thread, the snapshot swap, the response memo dropped with the old snapshot,
and /healthz telling what was rejected and where.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.queries.store import Store
from app.settings import REPO_ROOT

BROKEN_SYNTAX = "\n  - id: [unclosed\n    : : :\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate: Callable[[], bool], timeout: float) -> float:
    """Seconds until predicate() held; fails the test when it never does."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            pytest.fail(f"condition not met within {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - started


@pytest.fixture
def server(small_data: Path) -> Iterator[httpx.Client]:
    """`triggermap serve --reload-data` over small_data on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--reload-data", "--data", str(small_data)]
    command += ["--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5)

    def healthy() -> bool:
        if process.poll() is not None:
            pytest.fail(f"server exited: {process.stderr.read().decode()[-500:] if process.stderr else ''}")
        try:
            return http.get("/healthz").status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_for(healthy, timeout=20)
        yield http
    finally:
        http.close()
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def soleus_name(http: httpx.Client) -> str:
    name: str = http.get("/api/v1/muscles/soleus").json()["name"]
    return name


def health(http: httpx.Client) -> dict[str, Any]:
    doc: dict[str, Any] = http.get("/healthz").json()
    return doc


def test_edits_are_served_live_and_a_broken_edit_keeps_the_last_good_catalogue(
    server: httpx.Client, small_data: Path
) -> None:
    tps = small_data / "trigger_points.yaml"
    original = tps.read_text()
    # Asked once before the edit, so a stale replay from memory would show.
    assert soleus_name(server) == "Soleus"
    first_version = health(server)["version"]

    tps.write_text(original.replace("name: Soleus", "name: Soleus (edited)"))
    took = wait_for(lambda: soleus_name(server) == "Soleus (edited)", timeout=5)
    assert took <= 2.0, f"a valid edit took {took:.1f} s to be served"
    good = health(server)
    assert good["status"] == "ok"
    assert good["catalogue_errors"] == []
    assert good["version"] != first_version
    served = server.get("/api/v1/trigger-points?limit=1000").content

    tps.write_text(original.replace("name: Soleus", "name: Soleus (broken)") + BROKEN_SYNTAX)
    wait_for(lambda: bool(health(server)["catalogue_errors"]), timeout=3)
    degraded = health(server)
    assert degraded["status"] == "degraded"
    assert degraded["version"] == good["version"]
    assert any(re.search(r"trigger_points\.yaml:\d+: ", line) for line in degraded["catalogue_errors"])
    assert soleus_name(server) == "Soleus (edited)"
    assert server.get("/api/v1/trigger-points?limit=1000").content == served

    tps.write_text(original)
    wait_for(lambda: not health(server)["catalogue_errors"], timeout=3)
    assert health(server)["status"] == "ok"
    assert soleus_name(server) == "Soleus"


def test_a_dangling_reference_is_rejected_with_its_line(small_data: Path) -> None:
    store = Store(small_data)
    served = store.snapshot
    tps = small_data / "trigger_points.yaml"
    lines = tps.read_text().splitlines(keepends=True)
    bad_line = next(i for i, line in enumerate(lines) if "essential: [heel, heel-posterior]" in line)
    lines[bad_line] = lines[bad_line].replace("heel-posterior", "heel-posterier")
    tps.write_text("".join(lines))

    assert store.reload() is False
    assert store.snapshot is served
    assert any(f"trigger_points.yaml:{bad_line + 1}:" in e and "heel-posterier" in e for e in store.errors)


def test_a_deleted_file_is_an_error_not_an_empty_catalogue(small_data: Path) -> None:
    store = Store(small_data)
    muscles = store.snapshot.catalogue.counts()["muscles"]
    (small_data / "trigger_points.yaml").unlink()

    store.check_for_changes()
    assert store.snapshot.catalogue.counts()["muscles"] == muscles
    assert store.errors, "deleting the TrP file must be reported, not served as an empty catalogue"
