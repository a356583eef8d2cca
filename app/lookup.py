"""Pain regions -> ranked, explained trigger point candidates (pure functions).

The question: "it hurts here; which trigger points could cause it?"

Scoring, for a painted set P of concrete regions (each side-specific, or midline):

* A trigger point is considered on each side whose mirrored zones touch P
  (left-sided pain suggests left-sided TrPs; a midline region matches both
  sides). A candidate is one TrP with the side(s) it matches on.
* ``tier``: 1 if at least one painted region lies in the essential zone, else
  0. Essential-zone matches always outrank spillover-only ones.
* ``explained``: the share of the drawing the TrP explains. Each painted region
  counts with a specificity weight ``1 / log2(2 + n)``, where n is the number
  of TrPs that refer to it, so a region every TrP refers to says little; an
  essential match counts fully, a spillover match 0.4.
* ``fit``: the share of the TrP's own zone the drawing covers (essential
  regions count 1, spillover 0.5), so a huge, unspecific zone does not drown
  specific ones.
* ``score = 0.5 * tier + 0.5 * (0.7 * explained + 0.3 * fit)``, in [0, 1].
* Several TrPs of one muscle that share one drawn pattern (the Manual often
  marks several Xs with one zone) are one candidate, the others listed as
  ``same_pattern``, so they do not crowd other muscles out of the list.
* Ties are broken by the clinical prior (the TrP's ``prevalence``: how often
  the Manual finds it involved), then by name. The result is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.catalogue.index import SIDES, Catalogue
from app.catalogue.models import TriggerPoint
from app.errors import BadRequest, NotFound
from app.suggest import closest

ESSENTIAL_WEIGHT = 1.0
SPILLOVER_WEIGHT = 0.4
SPILLOVER_ZONE_WEIGHT = 0.5


@dataclass(frozen=True)
class Candidate:
    trigger_point: TriggerPoint
    sides: tuple[str, ...]
    score: float
    essential: tuple[str, ...]
    spillover: tuple[str, ...]
    unexplained: tuple[str, ...]
    explanation: str
    same_pattern: tuple[str, ...] = ()


def resolve_regions(catalogue: Catalogue, region_ids: Iterable[str], choir: Iterable[int | str] = ()) -> list[str]:
    """Concrete region ids from region ids and CHOIR codes; unknown ones raise NotFound naming them all."""
    resolved: dict[str, None] = {}
    unknown: list[str] = []
    for rid in region_ids:
        if rid in catalogue.regions:
            resolved[rid] = None
        elif rid in catalogue.region_specs:  # a side-neutral id means both sides
            resolved.update(dict.fromkeys(catalogue.regions_of(rid)))
        else:
            unknown.append(rid)
    for code in choir:
        ids = catalogue.regions_by_choir.get(int(code)) if str(code).isdigit() else None
        if ids:
            resolved.update(dict.fromkeys(ids))
        else:
            unknown.append(f"choir:{code}")
    if unknown:
        suggestions = {u: closest(u, catalogue.regions) for u in unknown if not u.startswith("choir:")}
        raise NotFound(f"unknown region(s): {', '.join(unknown)}", unknown=unknown, suggestions=suggestions)
    if not resolved:
        raise BadRequest("select at least one region (region=ID or choir=CODE)")
    return list(resolved)


def specificity(catalogue: Catalogue, region_id: str) -> float:
    """How much a painted region says: less when many TrPs refer to it."""
    n = len(catalogue.tps_referring_to.get(catalogue.base_of(region_id), ()))
    return 1.0 / math.log2(2 + n)


def _names(catalogue: Catalogue, ids: Iterable[str]) -> str:
    plain = catalogue.plain_names
    names = list(dict.fromkeys(plain[i] for i in ids))
    return ", ".join(names)  # names may hold "and" themselves ("eye and orbit")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def explain(
    catalogue: Catalogue,
    tp: TriggerPoint,
    sides: Sequence[str],
    essential: Sequence[str],
    spillover: Sequence[str],
    unexplained: Sequence[str],
) -> str:
    """One sentence a patient can read."""
    where = "both sides" if len(sides) == 2 else f"the {sides[0]} side"
    parts = []
    if essential:
        parts.append(f"main pain zone: {_names(catalogue, essential)}")
    if spillover:
        parts.append(f"sometimes also: {_names(catalogue, spillover)}")
    sentence = (
        f"A trigger point in the {tp.muscle_name.lower()} ({tp.label}, {where}). "
        + _sentence_case("; ".join(parts))
        + "."
    )
    if unexplained:
        sentence += f" It does not explain your pain at: {_names(catalogue, unexplained)}."
    return sentence


def lookup(catalogue: Catalogue, painted: Sequence[str], limit: int = 20) -> list[Candidate]:
    """Rank the TrPs whose referral zones cover the painted (concrete) regions."""
    painted_set = frozenset(painted)
    weights = {rid: specificity(catalogue, rid) for rid in painted_set}
    total_weight = sum(weights.values())
    bases = {catalogue.base_of(rid) for rid in painted_set}
    candidate_ids = {tp_id for base in bases for tp_id in catalogue.tps_referring_to.get(base, ())}
    zones_by_side = catalogue.zones_by_side
    rows: list[tuple[float, float, str, TriggerPoint, tuple[str, ...], frozenset[str], frozenset[str]]] = []
    for tp_id in candidate_ids:
        tp = catalogue.trigger_points[tp_id]
        by_side = zones_by_side[tp_id]
        sides = tuple(side for side in SIDES if not painted_set.isdisjoint(by_side[side][0] | by_side[side][1]))
        if not sides:
            continue
        ess_zone = frozenset().union(*(by_side[side][0] for side in sides))
        spill_zone = frozenset().union(*(by_side[side][1] for side in sides)) - ess_zone
        essential = painted_set & ess_zone
        spillover = painted_set & spill_zone
        explained = (
            sum(weights[r] for r in essential) * ESSENTIAL_WEIGHT
            + sum(weights[r] for r in spillover) * SPILLOVER_WEIGHT
        ) / total_weight
        fit = (len(essential) + SPILLOVER_ZONE_WEIGHT * len(spillover)) / (
            len(ess_zone) + SPILLOVER_ZONE_WEIGHT * len(spill_zone)
        )
        tier = 1.0 if essential else 0.0
        score = round(0.5 * tier + 0.5 * (0.7 * explained + 0.3 * fit), 4)
        rows.append((-score, -tp.prior, tp.name, tp, sides, essential, spillover))
    rows.sort(key=lambda row: row[:3])
    kept: dict[tuple[str, frozenset[str], frozenset[str]], list[str]] = {}
    selected = []
    for row in rows:
        tp = row[3]
        key = (tp.muscle, frozenset(tp.referral.essential), frozenset(tp.referral.spillover))
        if key in kept:
            kept[key].append(tp.id)
            continue
        kept[key] = []
        selected.append((row, kept[key]))
    out = []
    for (neg_score, _prior, _name, tp, sides, essential_set, spillover_set), twins in selected[:limit]:
        essential = sorted(essential_set)
        spillover = sorted(spillover_set)
        unexplained = sorted(painted_set - essential_set - spillover_set)
        out.append(
            Candidate(
                trigger_point=tp,
                sides=sides,
                score=-neg_score,
                essential=tuple(essential),
                spillover=tuple(spillover),
                unexplained=tuple(unexplained),
                explanation=explain(catalogue, tp, sides, essential, spillover, unexplained),
                same_pattern=tuple(twins),
            )
        )
    return out
