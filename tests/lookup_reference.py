"""The lookup as it was before the inverted index (commit 96cf1d7), kept to prove the fast one identical.

Only the plumbing changed: the zones per TrP and side, which `Catalogue.zones_by_side` used to hold,
are computed here (`zones_by_side`, pass them in to time the ranking alone); `explain` and its helpers
are the old copies; the constants, `specificity` and `Candidate` come from `app.lookup`.
Do not "improve" this file: it is the specification by example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from app.catalogue.index import SIDES, Catalogue
from app.catalogue.models import TriggerPoint
from app.lookup import ESSENTIAL_WEIGHT, SPILLOVER_WEIGHT, SPILLOVER_ZONE_WEIGHT, Candidate, specificity

Zones = Mapping[str, Mapping[str, tuple[frozenset[str], frozenset[str]]]]


def zones_by_side(catalogue: Catalogue) -> Zones:
    """Per TrP and side: its essential and spillover zones as concrete region ids (the catalogue's own)."""
    return {tp_id: dict(by_side) for tp_id, by_side in catalogue.zones_by_side.items()}


def _names(catalogue: Catalogue, ids: Iterable[str]) -> str:
    plain = catalogue.plain_names
    names = list(dict.fromkeys(plain[i] for i in ids))
    return ", ".join(names)


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


def lookup(
    catalogue: Catalogue, painted: Sequence[str], limit: int = 20, zones: Zones | None = None
) -> list[Candidate]:
    painted_set = frozenset(painted)
    weights = {rid: specificity(catalogue, rid) for rid in painted_set}
    total_weight = sum(weights.values())
    bases = {catalogue.base_of(rid) for rid in painted_set}
    candidate_ids = {tp_id for base in bases for tp_id in catalogue.tps_referring_to.get(base, ())}
    zones_by_side_ = zones if zones is not None else zones_by_side(catalogue)
    rows = []
    for tp_id in candidate_ids:
        tp = catalogue.trigger_points[tp_id]
        by_side = zones_by_side_[tp_id]
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
        key = (
            tp.muscle,
            frozenset(tp.referral.essential),
            frozenset(tp.referral.spillover),
            tp.side,
            frozenset(tp.referral.bilateral),
        )
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
