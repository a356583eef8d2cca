"""Two figures over one catalogue: `figure=` on every diagram, the server's default, and a clear 404."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import REPO_ROOT, Settings


@pytest.fixture(scope="module")
def female_default() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=Path(REPO_ROOT / "data"), figure="female"))) as client:
        yield client


def test_the_figure_parameter_draws_the_other_figure_with_the_same_regions(real_client: TestClient) -> None:
    male = real_client.get("/svg/anterior.svg")
    female = real_client.get("/svg/anterior.svg?figure=female")
    assert male.status_code == female.status_code == 200
    assert male.text != female.text
    assert male.headers["etag"] != female.headers["etag"]
    region_ids = lambda svg: sorted(part.split('"')[0] for part in svg.split('data-region="')[1:])  # noqa: E731
    assert region_ids(male.text) == region_ids(female.text)
    assert real_client.get("/svg/anterior.svg?figure=male").text == male.text


def test_thumbnails_and_overlays_follow_the_figure(real_client: TestClient) -> None:
    for path in ("/svg/trigger-points/upper-trapezius-1.svg", "/svg/anterior.svg?trigger_point=pectoralis-major-3"):
        joiner = "&" if "?" in path else "?"
        male, female = real_client.get(path), real_client.get(f"{path}{joiner}figure=female")
        assert male.status_code == female.status_code == 200
        assert male.text != female.text
        assert 'data-trigger-point="' in female.text


def test_an_unknown_figure_is_a_404_problem_naming_the_known_ones(real_client: TestClient) -> None:
    answer = real_client.get("/svg/anterior.svg?figure=child")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert set(answer.json()["suggestions"]) == {"male", "female"}


def test_the_server_default_figure_is_drawn_when_none_is_named(
    real_client: TestClient, female_default: TestClient
) -> None:
    assert female_default.get("/svg/posterior.svg").text == real_client.get("/svg/posterior.svg?figure=female").text
    assert female_default.get("/svg/posterior.svg?figure=male").text == real_client.get("/svg/posterior.svg").text
