"""Settings in one typed place: the data folder, host, port and flags, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The source checkout (for its data/ and svg/); an installed wheel has no data of its own and is given --data.
REPO_ROOT = PACKAGE_DIR.parent


def default_figure() -> str:
    """`TRIGGERMAP_FIGURE` (e.g. "female"), else the male figure: drawn when a request names none."""
    return os.environ.get("TRIGGERMAP_FIGURE") or "male"


def default_data_dir() -> Path:
    """`TRIGGERMAP_DATA`, else the repository's data/ folder."""
    return Path(os.environ.get("TRIGGERMAP_DATA") or REPO_ROOT / "data")


def default_warm() -> bool:
    """`TRIGGERMAP_WARM=1`: draw every thumbnail in the background after startup (off by default: on a small
    machine it takes the first seconds of CPU from the first requests)."""
    return os.environ.get("TRIGGERMAP_WARM", "0") == "1"


def default_cache_dir() -> Path | None:
    """Where compiled catalogues are kept (app/queries/compiled.py): `TRIGGERMAP_CACHE` (a folder, or "off"),
    else the user's cache folder."""
    chosen = os.environ.get("TRIGGERMAP_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "triggermap"


def default_idle_warm() -> bool:
    """`TRIGGERMAP_IDLE_WARM=0` turns off warming in the quiet between requests (app/queries/warming.py)."""
    return os.environ.get("TRIGGERMAP_IDLE_WARM", "1") != "0"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8000
    reload_data: bool = False
    figure: str = field(default_factory=default_figure)
    # How often the data folder is checked when reload_data is on.
    reload_interval: float = 0.3
    # Draw every thumbnail once in a background thread after startup (tests turn it off: apps by the dozen).
    warm: bool = field(default_factory=default_warm)
    # Compiled catalogues, so a restart over the same data and code skips the YAML and the checks (None: off).
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    # Precompute what new drawings on the explorer need, only while no request is being answered.
    idle_warm: bool = field(default_factory=default_idle_warm)
    # Shipped inside the package, so an installed wheel serves every page.
    templates_dir: Path = PACKAGE_DIR / "templates"
    static_dir: Path = PACKAGE_DIR / "static"
