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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

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


def _join_names(plain: Mapping[str, str], ids: Sequence[str]) -> str:
    # Left and right share a name: each once. Names may hold "and" themselves ("eye and orbit").
    if len(ids) == 1:
        return plain[ids[0]]
    return ", ".join(dict.fromkeys(map(plain.__getitem__, ids)))


def _head(tp: TriggerPoint, sides: Sequence[str]) -> str:
    where = "both sides" if len(sides) == 2 else f"the {sides[0]} side"
    return f"A trigger point in the {tp.muscle_name.lower()} ({tp.label}, {where}). "


def _zones_text(plain: Mapping[str, str], essential: Sequence[str], spillover: Sequence[str]) -> str:
    parts = []
    if essential:
        parts.append(f"main pain zone: {_join_names(plain, essential)}")
    if spillover:
        parts.append(f"sometimes also: {_join_names(plain, spillover)}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _unexplained_text(plain: Mapping[str, str], unexplained: Sequence[str]) -> str:
    return f" It does not explain your pain at: {_join_names(plain, unexplained)}." if unexplained else ""


def explain(
    catalogue: Catalogue,
    tp: TriggerPoint,
    sides: Sequence[str],
    essential: Sequence[str],
    spillover: Sequence[str],
    unexplained: Sequence[str],
) -> str:
    """One sentence a patient can read."""
    plain = catalogue.plain_names
    return _head(tp, sides) + _zones_text(plain, essential, spillover) + "." + _unexplained_text(plain, unexplained)


# A concrete region lies on the right (1) or the left (2) side of a TrP's zone, or on the midline (3): both.
_SIDES_OF_MASK: tuple[tuple[str, ...], ...] = ((), ("right",), ("left",), SIDES)


@dataclass(frozen=True, slots=True)
class Pattern:
    """The TrPs of one muscle that share one drawn referral zone: they always score alike, so one candidate."""

    lead: TriggerPoint  # the one a candidate shows: the highest prior, then the first name
    twins: tuple[str, ...]  # the others' ids in that order (`same_pattern`)
    order: int  # the lead's rank by (-prior, name) among all patterns: the tie-break after the score
    # The zone as concrete region ids, both sides: a region is essential or spillover whichever side it is on.
    essential_zone: frozenset[str]
    spillover_zone: frozenset[str]
    side_zones: tuple[frozenset[str], frozenset[str]]  # the whole zone on the right, on the left
    zone_size: tuple[float, ...]  # by side mask: essential regions + 0.5 * spillover ones (fit's denominator)
    heads: tuple[str, ...]  # by side mask: the explanation's first sentence


@dataclass(frozen=True, slots=True)
class Posting:
    """One concrete region in one pattern's zone, and what that region alone would make of the candidate."""

    pattern: Pattern
    order: int  # the pattern's
    region: str
    side_mask: int
    # When this is the only painted region the pattern matches (most patterns, for a short drawing):
    explained_weight: float  # the numerator of `explained`
    half_tier: float  # 0.5 * tier
    fit_term: float  # 0.3 * fit
    fields: dict[str, object]  # all the candidate's fields, the drawing's three blank: copied, never changed
    text: str  # the explanation up to its unexplained regions


@dataclass(frozen=True, slots=True)
class LookupIndex:
    """What the lookup needs that depends only on the catalogue, built once per catalogue.

    An inverted index, concrete region id -> the postings of the patterns whose zone holds the region, so
    a lookup visits only the patterns the drawing touches, and a pattern touched by one painted region
    needs only its precomputed terms and the drawing's total weight.
    """

    patterns: tuple[Pattern, ...]
    postings: Mapping[str, tuple[Posting, ...]]
    weight: Mapping[str, float]  # region id -> specificity
    plain_names: Mapping[str, str]

    @classmethod
    def build(cls, catalogue: Catalogue) -> LookupIndex:
        groups: dict[tuple[str, frozenset[str], frozenset[str], str, frozenset[str]], list[TriggerPoint]] = {}
        for tp in catalogue.trigger_points.values():
            key = (
                tp.muscle,
                frozenset(tp.referral.essential),
                frozenset(tp.referral.spillover),
                tp.side,
                frozenset(tp.referral.bilateral),
            )
            groups.setdefault(key, []).append(tp)
        members = sorted((sorted(group, key=_tie_break) for group in groups.values()), key=lambda g: _tie_break(g[0]))
        weight = {rid: specificity(catalogue, rid) for rid in catalogue.regions}
        plain = dict(catalogue.plain_names)
        patterns: list[Pattern] = []
        postings: dict[str, list[Posting]] = {}
        for order, (lead, *twins) in enumerate(members):
            zones = {side: _zones(catalogue, lead, side) for side in SIDES}
            zone_size = [0.0]
            for sides in _SIDES_OF_MASK[1:]:
                ess_zone = frozenset().union(*(zones[side][0] for side in sides))
                spill_zone = frozenset().union(*(zones[side][1] for side in sides)) - ess_zone
                zone_size.append(len(ess_zone) + SPILLOVER_ZONE_WEIGHT * len(spill_zone))
            ess_zone = zones["right"][0] | zones["left"][0]
            spill_zone = (zones["right"][1] | zones["left"][1]) - ess_zone
            pattern = Pattern(
                lead=lead,
                twins=tuple(tp.id for tp in twins),
                order=order,
                essential_zone=ess_zone,
                spillover_zone=spill_zone,
                side_zones=(zones["right"][0] | zones["right"][1], zones["left"][0] | zones["left"][1]),
                zone_size=tuple(zone_size),
                heads=("", *(_head(lead, sides) for sides in _SIDES_OF_MASK[1:])),
            )
            patterns.append(pattern)
            for rid in sorted(ess_zone | spill_zone):
                # The sides of the TrP whose zone holds the region: its own side, both for a midline region or a
                # bilateral zone, only the TrP's side for a one-sided TrP.
                sides_mask = (1 if rid in pattern.side_zones[0] else 0) | (2 if rid in pattern.side_zones[1] else 0)
                postings.setdefault(rid, []).append(
                    _posting(pattern, rid, rid in ess_zone, sides_mask, weight[rid], plain)
                )
        return cls(
            patterns=tuple(patterns),
            postings={rid: tuple(items) for rid, items in postings.items()},
            weight=weight,
            plain_names=plain,
        )


_INDEX_KEY = "_lookup_index"


def index_of(catalogue: Catalogue) -> LookupIndex:
    """The catalogue's lookup index, built on first use and kept with that catalogue (never a module global).

    It lives in the catalogue's own `__dict__`, as a cached_property would, so the catalogue need not
    import the lookup; two threads racing on first use build the same index twice, harmlessly.
    """
    found: LookupIndex | None = catalogue.__dict__.get(_INDEX_KEY)
    if found is None:
        found = catalogue.__dict__[_INDEX_KEY] = LookupIndex.build(catalogue)
    return found


def _tie_break(tp: TriggerPoint) -> tuple[float, str]:
    return (-tp.prior, tp.name)


def _zones(catalogue: Catalogue, tp: TriggerPoint, side: str) -> tuple[frozenset[str], frozenset[str]]:
    """A TrP's essential and spillover zones on one side, as concrete region ids (one-sided TrPs and
    bilateral zones as the catalogue resolves them)."""
    return catalogue.zones_by_side[tp.id][side]


def _posting(
    pattern: Pattern, rid: str, essential: bool, mask: int, weight: float, plain: Mapping[str, str]
) -> Posting:
    matched: tuple[tuple[str, ...], tuple[str, ...]] = ((rid,), ()) if essential else ((), (rid,))
    # `_score`'s very expressions for a one-region match, so the floats are the same.
    essential_weight, spillover_weight = (weight, 0.0) if essential else (0.0, weight)
    explained_weight = essential_weight * ESSENTIAL_WEIGHT + spillover_weight * SPILLOVER_WEIGHT
    fit = (len(matched[0]) + SPILLOVER_ZONE_WEIGHT * len(matched[1])) / pattern.zone_size[mask]
    return Posting(
        pattern=pattern,
        order=pattern.order,
        region=rid,
        side_mask=mask,
        explained_weight=explained_weight,
        half_tier=0.5 * (1.0 if essential else 0.0),
        fit_term=0.3 * fit,
        fields={
            "trigger_point": pattern.lead,
            "sides": _SIDES_OF_MASK[mask],
            "essential": matched[0],
            "spillover": matched[1],
            "same_pattern": pattern.twins,
            "score": 0.0,  # these three depend on the rest of the drawing: `_page` sets them in a copy
            "unexplained": (),
            "explanation": "",
        },
        text=pattern.heads[mask] + _zones_text(plain, *matched) + ".",
    )


def _score(pattern: Pattern, painted: frozenset[str], weight: Mapping[str, float], total_weight: float) -> float:
    """A pattern's score, before rounding, from all the painted regions in its zone (a posting's terms, in general)."""
    essential = painted & pattern.essential_zone
    spillover = painted & pattern.spillover_zone
    get = weight.__getitem__
    # An empty part adds 0.0 either way; sum() over it costs as much as over a few regions.
    essential_weight = sum(map(get, essential)) if essential else 0.0
    spillover_weight = sum(map(get, spillover)) if spillover else 0.0
    explained = (essential_weight * ESSENTIAL_WEIGHT + spillover_weight * SPILLOVER_WEIGHT) / total_weight
    right, left = pattern.side_zones  # _side_mask, inlined: a big drawing scores ~180 patterns here
    mask = (0 if painted.isdisjoint(right) else 1) | (0 if painted.isdisjoint(left) else 2)
    fit = (len(essential) + SPILLOVER_ZONE_WEIGHT * len(spillover)) / pattern.zone_size[mask]
    tier = 1.0 if essential else 0.0
    return 0.5 * tier + 0.5 * (0.7 * explained + 0.3 * fit)


def _side_mask(pattern: Pattern, painted: frozenset[str]) -> int:
    """The sides on which the drawing touches the pattern's zone."""
    right, left = pattern.side_zones
    return (0 if painted.isdisjoint(right) else 1) | (0 if painted.isdisjoint(left) else 2)


def lookup(catalogue: Catalogue, painted: Sequence[str], limit: int = 20) -> list[Candidate]:
    """Rank the TrPs whose referral zones cover the painted (concrete) regions."""
    index = index_of(catalogue)
    postings, weight = index.postings, index.weight
    painted_set = frozenset(painted)
    total_weight = sum([weight[rid] if rid in weight else specificity(catalogue, rid) for rid in painted_set])
    single: dict[int, Posting] = {}  # pattern order -> its posting, for the patterns one painted region touches
    several: set[int] = set()  # the orders of those several painted regions touch
    for rid in painted_set:
        for posting in postings.get(rid, ()):
            if single.setdefault(posting.order, posting) is not posting:
                several.add(posting.order)
    for order in several:
        del single[order]
    # Scores before rounding: a pattern touched once from its posting's terms, the others in full.
    scored = [
        (p.half_tier + 0.5 * (0.7 * (p.explained_weight / total_weight) + p.fit_term), order)
        for order, p in single.items()
    ]
    patterns = index.patterns
    scored += [(_score(patterns[order], painted_set, weight, total_weight), order) for order in several]
    return _page(index, painted_set, _ranked(scored, limit), single)


# Patterns beyond the page above which sorting the raw scores first (to round only the page) pays.
_ROUND_ALL_BELOW = 8


def _ranked(scored: list[tuple[float, int]], limit: int) -> list[tuple[float, int]]:
    """The page as (-score rounded to 4 places, pattern order), best first: ties go to the order.

    Rounding never reorders two scores, it can only tie them. A short drawing (~25 patterns for 5 regions)
    rounds every score and sorts once; a big one (~180) sorts the raw scores first and rounds only the
    page and those tied with its last, 20 rounds instead of 180.
    """
    if limit > 0 and len(scored) > limit + _ROUND_ALL_BELOW:
        scored.sort(reverse=True)
        last = round(scored[limit - 1][0], 4)
        end = limit
        while end < len(scored) and round(scored[end][0], 4) == last:
            end += 1
        del scored[end:]
    keys = []
    for score, order in scored:
        # round(score, 4) without its trip through a decimal string (a tenth of a short lookup): where
        # score * 10^4 lies clearly off a half (its error is ~1e-12), the nearest integer n is the decimal
        # rounding of the exact score, and n / 10^4, correctly rounded, is the double round() returns.
        # Near a half (a possible tie, or n off by one), round() itself.
        scaled = score * 10000.0
        n = int(scaled + 0.5)
        keys.append((-(n / 10000.0) if -0.4999 < scaled - n < 0.4999 else -round(score, 4), order))
    keys.sort()
    return keys[:limit]


def _page(
    index: LookupIndex,
    painted_set: frozenset[str],
    keys: Sequence[tuple[float, int]],
    single: Mapping[int, Posting],
) -> list[Candidate]:
    """The returned candidates, explained: the only part that lists unexplained regions and builds sentences."""
    if not keys:
        return []
    plain = index.plain_names
    rest = _Unexplained(painted_set, plain)
    alone = rest.alone()
    # `Candidate(**fields)` at a third of the cost: a frozen dataclass's __init__ sets each field through
    # object.__setattr__, a fifth of a 5-region lookup. Setting the instance's __dict__ gives the same
    # instance (the property test compares the results with `Candidate(...)`s field by field).
    new, set_dict = object.__new__, object.__setattr__
    out = []
    for neg_score, order in keys:
        posting = single.get(order)
        if posting is not None:
            unexplained, tail = alone[posting.region]
            fields = posting.fields.copy()  # all of Candidate's fields, the last three to fill in
            fields["score"] = -neg_score
            fields["unexplained"] = unexplained
            fields["explanation"] = posting.text + tail
        else:
            pattern = index.patterns[order]
            mask = _side_mask(pattern, painted_set)
            essential_set = painted_set & pattern.essential_zone
            spillover_set = painted_set & pattern.spillover_zone
            essential, spillover = tuple(sorted(essential_set)), tuple(sorted(spillover_set))
            unexplained, tail = rest.of(essential_set | spillover_set)
            fields = {
                "trigger_point": pattern.lead,
                "sides": _SIDES_OF_MASK[mask],
                "essential": essential,
                "spillover": spillover,
                "same_pattern": pattern.twins,
                "score": -neg_score,
                "unexplained": unexplained,
                "explanation": pattern.heads[mask] + _zones_text(plain, essential, spillover) + "." + tail,
            }
        candidate = new(Candidate)
        set_dict(candidate, "__dict__", fields)
        out.append(candidate)
    return out


class _Unexplained:
    """The painted regions a candidate leaves unexplained, sorted, and the sentence naming them.

    For a big drawing (~190 regions, of which a candidate explains ~10) the regions and their names are
    listed once and each candidate cuts out the few it explains, unless that moves a name shared by a
    left and a right region, whose names are then listed again.

    Most candidates of a short drawing explain one painted region: `alone()` maps each painted region to
    what the others leave, all listed at once as the drawing's list less one place (for a big drawing,
    on demand).
    """

    BIG = 32  # regions; below, listing afresh is cheaper than cutting

    def __init__(self, painted: frozenset[str], plain: Mapping[str, str]) -> None:
        self.plain = plain
        self.regions = tuple(sorted(painted))
        self.memo: dict[frozenset[str], tuple[tuple[str, ...], str]] = {}

    def alone(self) -> dict[str, tuple[tuple[str, ...], str]]:
        """Painted region -> `of({region})`: for a short drawing every painted region at once, for a big one
        each on first use (the mapping refers to this object, not the other way round: no cycle to collect)."""
        if len(self.regions) >= self.BIG:
            return _OnDemand(self)
        regions = self.regions
        if len(regions) == 1:
            return {regions[0]: ((), "")}
        names = tuple(map(self.plain.__getitem__, regions))
        shared = len(set(names)) < len(names)  # a left and a right of one name: each name once
        each = {}
        for i, rid in enumerate(regions):
            others: Iterable[str] = names[:i] + names[i + 1 :]
            if shared:
                others = dict.fromkeys(others)
            each[rid] = (regions[:i] + regions[i + 1 :], f" It does not explain your pain at: {', '.join(others)}.")
        return each

    def of(self, matched: frozenset[str]) -> tuple[tuple[str, ...], str]:
        """(unexplained region ids, the sentence naming them, or "") for `matched`, a subset of the drawing."""
        known = self.memo.get(matched)
        if known is not None:
            return known
        if len(self.regions) < self.BIG:
            regions = tuple([rid for rid in self.regions if rid not in matched])
            names: Iterable[str] = dict.fromkeys(map(self.plain.__getitem__, regions))
        else:
            regions = _cut(self.regions, [self._position[rid] for rid in matched])
            names = self._names(matched, regions)
        result = (regions, f" It does not explain your pain at: {', '.join(names)}.") if regions else ((), "")
        self.memo[matched] = result
        return result

    @cached_property
    def _position(self) -> dict[str, int]:
        return {rid: i for i, rid in enumerate(self.regions)}

    @cached_property
    def _holders(self) -> dict[str, list[str]]:
        """Name -> the painted regions with that name, sorted (names in order of first appearance)."""
        holders: dict[str, list[str]] = {}
        for rid in self.regions:
            holders.setdefault(self.plain[rid], []).append(rid)
        return holders

    @cached_property
    def _name_list(self) -> tuple[str, ...]:
        return tuple(self._holders)

    @cached_property
    def _name_position(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self._name_list)}

    def _names(self, matched: frozenset[str], regions: Sequence[str]) -> Iterable[str]:
        """The names of `regions` (the drawing less `matched`), each once, in order of first appearance."""
        explained: dict[str, int] = {}  # name -> how many of its painted regions `matched` holds
        for rid in matched:
            name = self.plain[rid]
            explained[name] = explained.get(name, 0) + 1
        dropped = []
        for name, count in explained.items():
            holders = self._holders[name]
            if count == len(holders):
                dropped.append(self._name_position[name])
            elif holders[0] in matched:  # the name now first appears later: its place may change
                return dict.fromkeys(map(self.plain.__getitem__, regions))
        return _cut(self._name_list, dropped)


class _OnDemand(dict[str, tuple[tuple[str, ...], str]]):
    """`_Unexplained.alone()` for a big drawing: each region's entry made on first use."""

    def __init__(self, rest: _Unexplained) -> None:
        super().__init__()
        self.rest = rest

    def __missing__(self, region: str) -> tuple[tuple[str, ...], str]:
        found = self[region] = self.rest.of(frozenset((region,)))
        return found


def _cut(items: tuple[str, ...], positions: list[int]) -> tuple[str, ...]:
    """`items` less those at `positions` (distinct, any order): a copy, deleted from last to first.

    Each deletion is one memmove in C; joining the slices in between through an iterator took twice as
    long (~6 µs for 200 items less 14, twice per candidate of a whole-body drawing).
    """
    out = list(items)
    positions.sort(reverse=True)
    for i in positions:
        del out[i]
    return tuple(out)
