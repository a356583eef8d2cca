"""Shared fixtures: a small catalogue in tmp_path (real regions and views, a few TrPs) and an app per test."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

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


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "data")


@pytest.fixture
def client(small_data: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=small_data))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def real_client() -> Iterator[TestClient]:
    """The app over the repository's own catalogue."""
    with TestClient(create_app(Settings(data_dir=DATA))) as test_client:
        yield test_client
