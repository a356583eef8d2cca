"""The immutable in-memory catalogue and its indexes.

Built once per load from validated specs; every query the API and pages make
is a dictionary look-up here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from app.catalogue.models import (
    Condition,
    Figure,
    LayWords,
    Muscle,
    MuscleGroup,
    MuscleSpec,
    Reference,
    Region,
    RegionSpec,
    Symptom,
    TriggerPoint,
    View,
)
from app.catalogue.shapes import authored_view, muscle_reaches, region_polygons

SIDES = ("right", "left")


def sided_id(base: str, side: str) -> str:
    return f"{base}-{side}"


def _frozen(mapping: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in mapping.items()})


@dataclass(frozen=True)
class Catalogue:
    """Everything triggermap knows, indexed for constant-time queries."""

    regions: Mapping[str, Region]
    region_specs: Mapping[str, RegionSpec]
    views: Mapping[str, View]
    muscles: Mapping[str, Muscle]
    trigger_points: Mapping[str, TriggerPoint]
    conditions: Mapping[str, Condition]
    references: Mapping[str, Reference]
    version: str
    tps_by_muscle: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tps_by_condition: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tps_located_in: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tps_referring_to: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    regions_by_choir: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    symptoms: Mapping[str, Symptom] = field(default_factory=dict)
    groups: Mapping[str, MuscleGroup] = field(default_factory=dict)
    lay_words: tuple[LayWords, ...] = ()
    symptoms_of_tp: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    muscle_specs: Mapping[str, MuscleSpec] = field(default_factory=dict)  # as authored, with their shapes
    figures: Mapping[str, Figure] = field(default_factory=dict)  # figures other than the base (male) one

    def base_of(self, region_id: str) -> str:
        """The side-neutral id of a region id (sided or not)."""
        region = self.regions.get(region_id)
        return region.base if region else region_id

    def regions_of(self, base: str) -> tuple[str, ...]:
        """The concrete region ids a side-neutral id stands for."""
        spec = self.region_specs[base]
        return tuple(sided_id(base, side) for side in SIDES) if spec.sided else (base,)

    def on_side(self, base: str, side: str) -> str:
        """The concrete region of `base` on `side` (a midline region is its own)."""
        return sided_id(base, side) if self.region_specs[base].sided else base

    def sided(self, bases: Iterable[str], sides: Iterable[str]) -> list[str]:
        """Concrete region ids of side-neutral ids on the given sides (unknown ids skipped)."""
        sides = tuple(sides)
        return list(dict.fromkeys(self.on_side(b, s) for b in bases for s in sides if b in self.region_specs))

    def side_of(self, region_id: str) -> str:
        """The body side a region is on; a midline region counts as the right."""
        region = self.regions.get(region_id)
        return region.side if region is not None and region.side != "midline" else "right"

    @cached_property
    def zones_by_side(self) -> Mapping[str, Mapping[str, tuple[frozenset[str], frozenset[str]]]]:
        """Per TrP and side: its essential and spillover zones as concrete region ids (for the lookup)."""
        zones: dict[str, dict[str, tuple[frozenset[str], frozenset[str]]]] = {}
        for tp in self.trigger_points.values():
            zones[tp.id] = {}
            for side in SIDES:
                if tp.side not in ("either", side):  # a one-sided TrP (McBurney's point) refers from its side only
                    zones[tp.id][side] = (frozenset(), frozenset())
                    continue
                bilateral = tp.referral.bilateral
                essential: frozenset[str] = frozenset().union(
                    *(self._felt(b, side, bilateral) for b in tp.referral.essential)
                )
                spillover: frozenset[str] = frozenset().union(
                    *(self._felt(b, side, bilateral) for b in tp.referral.spillover)
                )
                zones[tp.id][side] = (essential, spillover - essential)
        return MappingProxyType(zones)

    def _felt(self, base: str, side: str, bilateral: Iterable[str]) -> frozenset[str]:
        """Where a zone is felt from a TrP on `side`: its own side, or both for a bilateral zone."""
        if base in bilateral:
            return frozenset(self.regions_of(base))
        return frozenset((self.on_side(base, side),))

    @cached_property
    def plain_names(self) -> Mapping[str, str]:
        """Concrete region id -> the region's side-neutral name, for sentences."""
        return MappingProxyType({r.id: self.region_specs[r.base].name for r in self.regions.values()})

    def counts(self) -> dict[str, int]:
        return {
            "regions": len(self.regions),
            "views": len(self.views),
            "muscles": len(self.muscles),
            "trigger_points": len(self.trigger_points),
            "conditions": len(self.conditions),
            "references": len(self.references),
        }


def _expand_regions(specs: Iterable[RegionSpec], views: Mapping[str, View]) -> dict[str, Region]:
    specs = list(specs)
    # Derived from the geometry, not hand-listed: a close-up cropped from a view shows what reaches into its box.
    shown_in: dict[str, list[str]] = defaultdict(list)
    for view_id, view in views.items():
        for region_id in region_polygons(view, views, specs):
            shown_in[region_id].append(view_id)
    regions: dict[str, Region] = {}
    for spec in specs:
        if not spec.sided:
            choir = spec.choir if isinstance(spec.choir, list) else [*spec.choir.right, *spec.choir.left]
            regions[spec.id] = Region(
                id=spec.id,
                base=spec.id,
                name=spec.name,
                side="midline",
                area=spec.area,
                aliases=list(spec.aliases),
                choir=sorted(set(choir)),
                views=shown_in[spec.id],
            )
            continue
        for side in SIDES:
            choir = getattr(spec.choir, side) if not isinstance(spec.choir, list) else spec.choir
            regions[sided_id(spec.id, side)] = Region(
                id=sided_id(spec.id, side),
                base=spec.id,
                name=f"{side} {spec.name}",
                side=side,  # type: ignore[arg-type]
                area=spec.area,
                aliases=list(spec.aliases),
                choir=sorted(set(choir)),
                views=shown_in[sided_id(spec.id, side)],
            )
    return regions


def build_catalogue(
    *,
    region_specs: list[RegionSpec],
    views: list[View],
    muscle_specs: list[MuscleSpec],
    conditions: list[Condition],
    references: list[Reference],
    version: str,
    symptoms: Iterable[Symptom] = (),
    groups: Iterable[MuscleGroup] = (),
    lay_words: Iterable[LayWords] = (),
    figures: Iterable[Figure] = (),
) -> Catalogue:
    """Assemble the served catalogue from validated specs (references already proven)."""
    view_map = {view.id: view for view in views}
    regions = _expand_regions(region_specs, view_map)
    trigger_points: dict[str, TriggerPoint] = {}
    muscles: dict[str, Muscle] = {}
    by_muscle: dict[str, list[str]] = defaultdict(list)
    by_condition: dict[str, list[str]] = defaultdict(list)
    located: dict[str, list[str]] = defaultdict(list)
    referring: dict[str, list[str]] = defaultdict(list)
    for spec in muscle_specs:
        for tp in spec.trigger_points:
            trigger_points[tp.id] = TriggerPoint(
                id=tp.id,
                muscle=spec.id,
                muscle_name=spec.name,
                name=f"{spec.name} {tp.label}",
                **tp.model_dump(exclude={"id"}),
            )
            by_muscle[spec.id].append(tp.id)
            for condition in dict.fromkeys(tp.conditions):
                by_condition[condition].append(tp.id)
            for base in dict.fromkeys(tp.location.regions):
                located[base].append(tp.id)
            for base in dict.fromkeys([*tp.referral.essential, *tp.referral.spillover]):
                referring[base].append(tp.id)
        drawn = [
            v
            for v in view_map
            if (source := authored_view(v, view_map)) in spec.shapes
            and muscle_reaches(spec.shapes[source], view_map[v], view_map)
        ]
        shown: dict[str, None] = dict.fromkeys(drawn)
        for tp in spec.trigger_points:
            for base in tp.location.regions:
                for view_id in regions[_right_or_midline(base, regions)].views:
                    shown[view_id] = None
        muscles[spec.id] = Muscle(
            id=spec.id,
            name=spec.name,
            synonyms=list(spec.synonyms),
            area=spec.area,
            action=spec.action,
            innervation=spec.innervation,
            notes=spec.notes,
            references=list(spec.references),
            trigger_points=list(by_muscle[spec.id]),
            views=[v for v in view_map if v in shown],
            drawn_in=drawn,
        )
    symptoms_of_tp: dict[str, list[str]] = defaultdict(list)
    symptom_map = {s.id: s for s in symptoms}
    for symptom in symptom_map.values():
        for tp_id in dict.fromkeys(symptom.trigger_points):
            symptoms_of_tp[tp_id].append(symptom.id)
    by_choir: dict[int, list[str]] = defaultdict(list)
    for region in regions.values():
        for code in region.choir:
            by_choir[code].append(region.id)
    return Catalogue(
        regions=MappingProxyType(regions),
        region_specs=MappingProxyType({spec.id: spec for spec in region_specs}),
        views=MappingProxyType(view_map),
        muscles=MappingProxyType(muscles),
        trigger_points=MappingProxyType(trigger_points),
        conditions=MappingProxyType({c.id: c for c in conditions}),
        references=MappingProxyType({r.id: r for r in references}),
        version=version,
        tps_by_muscle=_frozen(by_muscle),
        tps_by_condition=_frozen(by_condition),
        tps_located_in=_frozen(located),
        tps_referring_to=_frozen(referring),
        regions_by_choir=MappingProxyType({code: tuple(ids) for code, ids in sorted(by_choir.items())}),
        symptoms=MappingProxyType(symptom_map),
        groups=MappingProxyType({g.id: g for g in groups}),
        lay_words=tuple(lay_words),
        symptoms_of_tp=_frozen(symptoms_of_tp),
        muscle_specs=MappingProxyType({spec.id: spec for spec in muscle_specs}),
        figures=MappingProxyType({f.id: f for f in figures}),
    )


def _right_or_midline(base: str, regions: Mapping[str, Region]) -> str:
    """The concrete region standing for a side-neutral id when only its views matter."""
    right = sided_id(base, "right")
    return right if right in regions else base
