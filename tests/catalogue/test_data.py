"""The shipped catalogue: valid, referenced, and faithful to well-known patterns of the Manual.

A regression in the data (a zone dropped, a TrP moved) fails here.
"""

from __future__ import annotations

import pytest

from app.catalogue.index import Catalogue

SEED_CONDITIONS = (
    "tension-headache",
    "neck-shoulder-tension",
    "repetitive-strain-injury",
    "back-pain",
    "buttock-pain",
    "plantar-fasciitis",
    "muscle-strain",
)

# (trigger point, zone, regions that must be in it): patterns every account of the Manual agrees on.
PATTERNS = [
    ("upper-trapezius-1", "essential", {"nape", "temple"}),
    ("sternocleidomastoid-1", "essential", {"orbit", "occiput"}),
    ("sternocleidomastoid-2", "essential", {"forehead", "ear"}),
    ("masseter-1", "essential", {"upper-teeth"}),
    ("temporalis-1", "essential", {"temple"}),
    ("infraspinatus-1", "essential", {"deltoid-anterior"}),
    ("supraspinatus-1", "essential", {"deltoid-lateral"}),
    ("subscapularis-1", "essential", {"deltoid-posterior"}),
    ("levator-scapulae-1", "essential", {"neck-angle"}),
    ("gluteus-minimus-1", "essential", {"thigh-lateral", "leg-lateral"}),
    ("gluteus-medius-1", "essential", {"sacroiliac"}),
    ("quadratus-lumborum-1", "essential", {"iliac-crest"}),
    ("soleus-1", "essential", {"heel"}),
    ("soleus-3", "essential", {"sacroiliac"}),
    ("gastrocnemius-1", "essential", {"arch"}),
    ("tibialis-anterior-1", "essential", {"great-toe"}),
    ("rectus-femoris-1", "essential", {"patella"}),
    ("vastus-medialis-1", "essential", {"patella"}),
    ("peroneus-longus-1", "essential", {"lateral-malleolus"}),
    ("splenius-capitis-1", "essential", {"vertex"}),
]


@pytest.fixture(scope="module")
def catalogue(real_catalogue: Catalogue) -> Catalogue:
    return real_catalogue


def test_catalogue_size(catalogue: Catalogue) -> None:
    assert len(catalogue.muscles) >= 120
    assert len(catalogue.trigger_points) >= 170


def test_every_trigger_point_referenced_with_an_essential_zone(catalogue: Catalogue) -> None:
    for tp in catalogue.trigger_points.values():
        assert tp.references, tp.id
        assert tp.referral.essential, tp.id


def test_seed_conditions_each_link_three_trigger_points(catalogue: Catalogue) -> None:
    for condition in SEED_CONDITIONS:
        assert len(catalogue.tps_by_condition.get(condition, ())) >= 3, condition


def test_every_condition_is_linked(catalogue: Catalogue) -> None:
    unlinked = [c for c in catalogue.conditions if not catalogue.tps_by_condition.get(c)]
    assert unlinked == []


@pytest.mark.parametrize(("tp_id", "zone", "regions"), PATTERNS)
def test_well_known_patterns(catalogue: Catalogue, tp_id: str, zone: str, regions: set[str]) -> None:
    tp = catalogue.trigger_points[tp_id]
    assert regions <= set(getattr(tp.referral, zone)), f"{tp.name}: {getattr(tp.referral, zone)}"


def test_thoracic_trigger_points_warn_of_pneumothorax(catalogue: Catalogue) -> None:
    for muscle_id in ("serratus-anterior", "intercostals", "pectoralis-minor"):
        for tp_id in catalogue.tps_by_muscle.get(muscle_id, ()):
            needling = (catalogue.trigger_points[tp_id].needling or "").lower()
            assert "pneumothorax" in needling or "lung" in needling, tp_id


def test_how_sure_and_one_sided_entries(catalogue: Catalogue) -> None:
    tps = catalogue.trigger_points
    assert tps["rectus-abdominis-3"].side == "right"  # McBurney's point
    assert set(tps["rectus-abdominis-2"].referral.bilateral) == {"sacroiliac", "lumbar"}
    assert tps["soleus-3"].referral.rare == ["jaw"]
    assert {tps[f"palmar-interossei-hand-{f}"].evidence for f in ("index", "ring", "little")} == {"derived"}
    assert tps["dorsal-interossei-hand-3"].evidence == "study"
    assert all(catalogue.references[ref].kind == "secondary" for ref in tps["rectus-femoris-distal"].references[1:])


def test_secondary_sources_are_cited_with_title_publisher_and_url(catalogue: Catalogue) -> None:
    secondary = [r for r in catalogue.references.values() if r.kind == "secondary"]
    assert len(secondary) >= 20
    assert all(r.title and r.publisher and r.url for r in secondary)
