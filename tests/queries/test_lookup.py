"""The lookup's body, built as dictionaries, is the LookupOut model's, byte for byte."""

from __future__ import annotations

import random

import orjson
import pytest

from app import lookup, schemas
from app.catalogue.index import Catalogue
from app.errors import BadRequest, NotFound
from app.queries.lookup import MAX_REGIONS, lookup_body, lookup_items
from app.queries.snapshot import Snapshot, build_snapshot


@pytest.fixture(scope="module")
def snap(real_catalogue: Catalogue) -> Snapshot:
    return build_snapshot(real_catalogue)


def reference(snap: Snapshot, regions: list[str], choir: list[str], limit: int) -> bytes:
    """The body as the route built it before: a LookupOut of validated models, dumped."""
    painted = lookup.resolve_regions(snap.catalogue, regions, choir)
    out = schemas.LookupOut(
        regions=painted,
        items=[
            schemas.LookupItem(
                trigger_point=schemas.TriggerPointSummary(**snap.tp_summaries[c.trigger_point.id]),
                sides=list(c.sides),
                score=c.score,
                matched=schemas.MatchedOut(essential=list(c.essential), spillover=list(c.spillover)),
                unexplained=list(c.unexplained),
                explanation=c.explanation,
                same_pattern=list(c.same_pattern),
            )
            for c in lookup.lookup(snap.catalogue, painted, limit=limit)
        ],
    )
    return orjson.dumps(out.model_dump(mode="json"))


def test_random_drawings_serialize_as_the_model_does(snap: Snapshot) -> None:
    c = snap.catalogue
    concrete, neutral, codes = list(c.regions), list(c.region_specs), [str(k) for k in c.regions_by_choir]
    pick = random.Random(16)
    for _ in range(300):
        regions = pick.sample(concrete, pick.randint(0, 5)) + pick.sample(neutral, pick.choice([0, 0, 1, 2]))
        choir = pick.sample(codes, pick.choice([0, 0, 1, 3]))
        if not regions and not choir:
            regions = [pick.choice(concrete)]
        limit = pick.choice([1, 5, 20, 100])
        body = lookup_body(snap, regions, choir, limit)
        assert body == reference(snap, regions, choir, limit)
        schemas.LookupOut.model_validate_json(body)


def test_the_whole_body_at_once(snap: Snapshot) -> None:
    codes = [str(k) for k in snap.catalogue.regions_by_choir]
    assert lookup_body(snap, [], codes, 100) == reference(snap, [], codes, 100)


def test_items_share_the_snapshots_summaries(snap: Snapshot) -> None:
    painted, items = lookup_items(snap, ["temple-right"], [], 20)
    assert painted == ["temple-right"]
    assert items[0]["trigger_point"] is snap.tp_summaries[items[0]["trigger_point"]["id"]]
    lookup_body(snap, ["temple-right"], [], 20)  # serializing must not replace the shared summaries
    assert isinstance(snap.tp_summaries[items[0]["trigger_point"]["id"]], dict)


def test_errors(snap: Snapshot) -> None:
    with pytest.raises(NotFound):
        lookup_body(snap, ["nowhere"], [], 20)
    with pytest.raises(BadRequest):
        lookup_body(snap, [], [], 20)
    with pytest.raises(BadRequest):
        lookup_body(snap, ["temple-right"] * (MAX_REGIONS + 1), [], 20)
