"""The command line: validate, stats and render as a data author uses them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.catalogue.loader import load_catalogue
from app.cli import main
from app.settings import REPO_ROOT


def test_stats_prints_coverage(small_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--data", str(small_data)]) == 0
    out = capsys.readouterr().out
    assert "muscles: 3" in out
    assert "trigger points: 4" in out
    assert "per body area" in out
    assert "Tension headache" in out


def test_validate_uses_environment_data_folder(small_data: Path) -> None:
    env = {"TRIGGERMAP_DATA": str(small_data), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "validate"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "4 trigger points" in result.stdout


def test_render_writes_every_view(small_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "svg"
    assert main(["render", "--data", str(small_data), "--out", str(out)]) == 0
    written = sorted(p.name for p in out.glob("*.svg"))
    views = load_catalogue(small_data).views
    assert written == sorted(f"{v}.svg" for v in views)
    assert {"anterior", "posterior", "lateral-right", "lateral-left", "plantar"} <= set(views)


def test_shipped_catalogue_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(REPO_ROOT / "data")]) == 0
