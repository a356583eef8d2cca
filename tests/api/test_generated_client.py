"""Other apps generate clients from /openapi.json: a standard generator must build one without a warning."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
# SVG is a binary body to a generated client; the generator wants that said rather than guessed.
CONFIG = "content_type_overrides:\n  image/svg+xml: application/octet-stream\n"


def test_openapi_python_client_builds_a_client_without_warnings(real_client: TestClient, tmp_path: Path) -> None:
    if not GENERATOR.exists():
        pytest.fail("openapi-python-client is a dev dependency; run `make test` to install it")
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(real_client.get("/openapi.json").json()))
    (tmp_path / "config.yaml").write_text(CONFIG)
    env = {**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(spec), "--output-path", str(tmp_path / "client")]
        + ["--config", str(tmp_path / "config.yaml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "warning" not in output.lower(), output
    package = tmp_path / "client" / "triggermap_client"
    api = {p.stem for p in (package / "api").rglob("*.py")}
    assert {"lookup", "get_trigger_point", "list_regions", "search"} <= api
    shutil.rmtree(tmp_path / "client")
