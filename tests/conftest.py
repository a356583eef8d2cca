"""Shared fixtures: the real catalogue, a small one (real regions and views, a few TrPs), a hostile one.

Apps over them are module-scoped: most tests only read. A test that edits the
data or the app's state asks for `fresh_client`, its own app over its own folder.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

# Apps by the dozen: none draws its thumbnails in the background (tests/queries/test_diagrams.py tests that).
os.environ["TRIGGERMAP_WARM"] = "0"
os.environ["TRIGGERMAP_IDLE_WARM"] = "0"  # apps by the dozen: no warming thread each (tests of it turn it on)
os.environ["TRIGGERMAP_CACHE"] = "off"  # nor a compiled catalogue in the home folder (test_compiled.py uses its own)

from app.catalogue.index import Catalogue  # noqa: E402
from app.catalogue.loader import load_catalogue
from app.main import create_app
from app.settings import REPO_ROOT, Settings

DATA = REPO_ROOT / "data"
SHARED_FILES = ("regions.yaml", "views.yaml", "conditions.yaml", "references.yaml")

SMALL_TRIGGER_POINTS = """\
muscles:
  - id: upper-trapezius
    name: Upper trapezius
    synonyms: [trap, upper trap]
    area: neck
    action: Elevates the scapula.
    innervation: Spinal accessory nerve.
    references: [ts1-trapezius]
    trigger_points:
      - id: upper-trapezius-1
        label: TrP1
        location:
          description: Anterior border of the upper trapezius.
          regions: [neck-angle]
        referral:
          essential: [nape, mastoid, temple]
          spillover: [jaw, orbit, occiput]
        symptoms: [Temple headache]
        conditions: [tension-headache, neck-shoulder-tension]
        prevalence: very-common
        references: [ts1-trapezius]
  - id: soleus
    name: Soleus
    synonyms: [calf]
    area: leg
    references: [ts2-soleus-and-plantaris]
    trigger_points:
      - id: soleus-1
        label: TrP1
        location:
          description: Distal soleus, medial to the Achilles tendon.
          regions: [calf]
        referral:
          essential: [heel, heel-posterior]
          spillover: [achilles, arch]
        conditions: [heel-pain, plantar-fasciitis]
        prevalence: common
        references: [ts2-soleus-and-plantaris]
      - id: soleus-3
        label: TrP3
        location:
          description: Upper lateral soleus.
          regions: [calf]
        referral:
          essential: [calf]
          spillover: []
        prevalence: occasional
        references: [ts2-soleus-and-plantaris]
  - id: sternalis
    name: Sternalis
    area: chest
    references: [ts1-sternalis]
    trigger_points:
      - id: sternalis-1
        label: TrP1
        location:
          description: Over the sternum.
          regions: [sternum]
        referral:
          essential: [sternum]
          spillover: [pectoral]
        conditions: [pseudo-angina]
        prevalence: occasional
        references: [ts1-sternalis]
"""


def make_data(folder: Path, trigger_points: str = SMALL_TRIGGER_POINTS) -> Path:
    """A data folder with the real regions, views, conditions and references and the given TrPs."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SHARED_FILES:
        if (DATA / name).exists():
            shutil.copy(DATA / name, folder / name)
    (folder / "trigger_points.yaml").write_text(textwrap.dedent(trigger_points))
    return folder


# One string that is hostile everywhere it may land: HTML, attributes, SVG, CDATA, entities, bidi text.
HOSTILE = "Evil <script>alert(1)</script>\"'><svg onload=alert(2)> ]]> &amp; \u202e Zxq"


def make_hostile(folder: Path, base: Callable[[Path, str], Path] | None = None) -> Path:
    """The small catalogue with HOSTILE as muscle names, prose, a TrP's text and a region name."""
    doc: dict[str, Any] = yaml.safe_load(SMALL_TRIGGER_POINTS)
    muscles = {m["id"]: m for m in doc["muscles"]}
    muscles["upper-trapezius"]["name"] = HOSTILE
    soleus = muscles["soleus"]
    soleus["name"] = soleus["action"] = HOSTILE
    soleus["synonyms"] = [HOSTILE]
    soleus["trigger_points"][0]["location"]["description"] = HOSTILE
    soleus["trigger_points"][0]["symptoms"] = [HOSTILE]
    folder = (base or make_data)(folder, yaml.safe_dump(doc, allow_unicode=True))
    regions_file = folder / "regions.yaml"
    regions: dict[str, Any] = yaml.safe_load(regions_file.read_text())
    next(r for r in regions["regions"] if r["id"] == "temple")["name"] = HOSTILE
    regions_file.write_text(yaml.safe_dump(regions, allow_unicode=True, sort_keys=False))
    return folder


@contextmanager
def serving(data: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=data))) as test_client:
        yield test_client


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "data")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over the small catalogue, shared by a module's read-only tests."""
    with serving(make_data(tmp_path_factory.mktemp("small") / "data")) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(small_data: Path) -> Iterator[TestClient]:
    """An app of the test's own over `small_data`, for tests that edit the data or the app's state."""
    with serving(small_data) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over the hostile catalogue (real views)."""
    with serving(make_hostile(tmp_path_factory.mktemp("hostile") / "data")) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def real_catalogue() -> Catalogue:
    """The repository's own catalogue, loaded once."""
    return load_catalogue(DATA)


@pytest.fixture(scope="session")
def real_client() -> Iterator[TestClient]:
    """The app over the repository's own catalogue."""
    with serving(DATA) as test_client:
        yield test_client
