"""Response models of the JSON API v1, separate from the catalogue's data models.

These are the published contract: fields are only ever added, never renamed
within /api/v1.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel

from app.catalogue.models import Area, Evidence, Prevalence, ReferenceKind, Side, TrPSide

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ReferenceOut(Out):
    id: str = Field(examples=["ts1-trapezius"])
    short: str = Field(examples=["T&S 1:6 (Trapezius)"])
    citation: str
    kind: ReferenceKind = Field(
        default="manual", description="manual (the Trigger Point Manual), peer-reviewed, or secondary (a summary)."
    )
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    volume: int | None = None
    edition: str | None = None
    chapter: int | None = None
    chapter_title: str | None = None


class RegionOut(Out):
    id: str = Field(
        description="Concrete region id: side-neutral id plus -right/-left, or a midline id.", examples=["temple-right"]
    )
    base: str = Field(description="The side-neutral id trigger points name.", examples=["temple"])
    name: str = Field(examples=["right temple"])
    side: Side = Field(examples=["right"])
    area: Area = Field(examples=["head"])
    aliases: list[str] = Field(examples=[["temporal region"]])
    choir: list[int] = Field(description="CHOIR body map codes this region lies in.", examples=[[101]])
    views: list[str] = Field(description="Diagram views that show this region.", examples=[["anterior"]])


class SensationOut(Out):
    kind: str = Field(description="What is felt that is not pain.", examples=["gooseflesh"])
    regions: list[str]


class ZonesOut(Out):
    essential: list[str] = Field(description="Region ids of the essential zone (solid in the Manual's drawing).")
    spillover: list[str] = Field(description="Region ids of the spillover zone (stippled).")
    bilateral: list[str] = Field(
        default_factory=list, description="Zones (of essential or spillover) felt on both sides of the body."
    )
    rare: list[str] = Field(
        default_factory=list, description="Zones the sources call rare; shown, never used to rank a lookup."
    )
    sensations: list[SensationOut] = Field(default_factory=list, description="What is felt that is not pain.")


class LocationOut(Out):
    description: str
    regions: list[str] = Field(description="Side-neutral region ids where the trigger point lies.")
    markers: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="Where the X is drawn, per view id, in that view's SVG coordinates, for a trigger point on "
        "the person's right side (the left is its mirror image across the view's midline).",
        examples=[{"posterior": [226.0, 154.0]}],
    )


class TriggerPointSummary(Out):
    id: str = Field(examples=["upper-trapezius-1"])
    name: str = Field(examples=["Upper trapezius TrP1"])
    label: str = Field(examples=["TrP1"])
    muscle: str = Field(examples=["upper-trapezius"])
    muscle_name: str = Field(examples=["Upper trapezius"])
    prevalence: Prevalence = Field(examples=["very-common"])
    evidence: Evidence = Field(
        description="What the pattern rests on: drawn (the Manual's figure), described (its text), "
        "derived (a rule it states) or study (a separate study).",
        examples=["drawn"],
    )
    evidence_note: str = Field(description="The evidence in words.", examples=["drawn in the Manual's figure"])
    side: TrPSide = Field(description="either, or right/left for a TrP found on one side only.", examples=["either"])
    referral: ZonesOut = Field(description="Side-neutral region ids of the referral zones.")
    conditions: list[str]


class TriggerPointOut(TriggerPointSummary):
    location: LocationOut
    preferred_view: str = Field(
        description="The view its page and thumbnail open with (the one that shows its muscle, X and pattern best).",
        examples=["posterior"],
    )
    referral_by_side: dict[str, ZonesOut] = Field(
        description="The referral zones as concrete region ids, for a TrP on the right and on the left side "
        "(only the sides it occurs on; a bilateral zone is listed on both sides)."
    )
    symptoms: list[str]
    perpetuating_factors: list[str]
    self_care: list[str]
    needling: str | None
    references: list[ReferenceOut]
    links: dict[str, str] = Field(
        description="Related resources: `muscle` (its API record), `thumbnail` (an SVG of the pattern; "
        "`diagram` is its older name), `page`."
    )


class MuscleSummary(Out):
    id: str = Field(examples=["upper-trapezius"])
    name: str = Field(examples=["Upper trapezius"])
    synonyms: list[str] = Field(examples=[["trap", "upper trap"]])
    area: Area = Field(examples=["neck"])
    trigger_points: list[str]


class MuscleOut(MuscleSummary):
    action: str | None
    innervation: str | None
    notes: str | None = Field(
        description="Remarks, e.g. that the Manual gives the muscle no referral pattern of its own."
    )
    views: list[str] = Field(description="Views that draw the muscle or show where its trigger points lie.")
    drawn_in: list[str] = Field(
        description="Views that draw the muscle itself (`/svg/{view}.svg?layer=muscles`, `data-muscle`)."
    )
    references: list[ReferenceOut]
    conditions: list[str] = Field(description="Conditions linked to any of its trigger points.")


class ConditionSummary(Out):
    id: str = Field(examples=["tension-headache"])
    name: str = Field(examples=["Tension headache"])
    aliases: list[str]
    trigger_point_count: int


class ConditionOut(ConditionSummary):
    description: str
    trigger_points: list[str]
    muscles: list[str]


class SymptomSummary(Out):
    id: str = Field(examples=["dizziness-imbalance"])
    name: str = Field(examples=["Dizziness and imbalance"])
    lay_words: list[str] = Field(description="What people call it.", examples=[["dizzy", "vertigo"]])
    caveat: str | None = Field(description="When to see a doctor before anything else; shown first.")
    trigger_point_count: int


class SymptomOut(SymptomSummary):
    description: str
    trigger_points: list[str] = Field(description="Most typical first.")
    muscles: list[str]
    references: list[ReferenceOut]


class Page(Out, Generic[T]):
    items: list[T]
    total: int = Field(description="Items matching the query, all pages together.")
    limit: int
    offset: int


class MatchedOut(Out):
    essential: list[str] = Field(description="Painted regions in the TrP's essential zone.")
    spillover: list[str] = Field(description="Painted regions only in its spillover zone.")


class LookupItem(Out):
    trigger_point: TriggerPointSummary
    sides: list[str] = Field(description="Side(s) of the body on which this TrP would explain the pain.")
    score: float = Field(ge=0, le=1, description="Ranking score in [0, 1]; see the lookup's description.")
    matched: MatchedOut
    unexplained: list[str] = Field(description="Painted regions this TrP does not refer to.")
    explanation: str
    same_pattern: list[str] = Field(
        default_factory=list, description="Other TrPs of the same muscle with the same drawn pattern."
    )


class LookupOut(Out):
    regions: list[str] = Field(description="The painted regions, resolved to concrete ids.")
    items: list[LookupItem]


SearchKind = Literal["symptom", "condition", "muscle", "region", "trigger-point"]
SearchHow = Literal["name", "synonym", "lay word", "group", "symptom", "part", "typo", "text", "fuzzy"]


class SearchHit(Out):
    kind: SearchKind = Field(examples=["muscle"])
    id: str = Field(examples=["sternocleidomastoid"])
    name: str = Field(examples=["Sternocleidomastoid"])
    detail: str = Field(description="What the hit is, in words.", examples=["muscle, neck"])
    score: float = Field(ge=0, le=1, description="Closeness in [0, 1]; 1 is an exact name.")
    matched: str = Field(description="The name, synonym, lay word or symptom line that matched.", examples=["SCM"])
    how: SearchHow = Field(
        description="How it matched: a name, synonym or lay word (the meaning), through a muscle group or a "
        "symptom it belongs to, part of a name, after correcting a typo, a word of a TrP's symptom line, or a "
        "near spelling.",
        examples=["synonym"],
    )
    via: str | None = Field(
        default=None,
        description="The group or symptom that brought this hit in, if any.",
        examples=["Dizziness and imbalance"],
    )
    url: str = Field(description="The hit's page.", examples=["/muscles/sternocleidomastoid"])
    api: str = Field(description="The hit's API record.", examples=["/api/v1/muscles/sternocleidomastoid"])


class SearchOut(Out):
    query: str
    items: list[SearchHit]
    total: int = Field(description="Number of items returned.")


class Health(Out):
    status: str = Field(examples=["ok"])
    version: str = Field(description="Content hash of the catalogue being served.")
    counts: dict[str, int]
    loaded_at: str
    catalogue_errors: list[str] = Field(
        description="file:line errors of the last rejected edit (with --reload-data); empty when the data is valid."
    )


class SuggestionsById(RootModel[dict[str, list[str]]]):
    """For several unknown ids at once: the closest known ids of each."""


class Problem(Out):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    suggestions: list[str] | SuggestionsById | None = Field(
        default=None, description="Closest known ids: a list, or per unknown id."
    )
    unknown: list[str] | None = Field(default=None, description="The ids that were not found.")
    errors: list[dict[str, object]] | None = Field(default=None, description="Each invalid parameter (422).")


class CatalogueExport(Out):
    """The whole catalogue in one document; each record is what its /api/v1 detail route returns."""

    version: str = Field(description="Content hash of the catalogue; the same as /healthz reports.")
    notice: str = Field(description="What the data is and is not.")
    counts: dict[str, int] = Field(examples=[{"regions": 184, "muscles": 122, "trigger_points": 175}])
    regions: list[RegionOut]
    muscles: list[MuscleOut]
    trigger_points: list[TriggerPointOut]
    conditions: list[ConditionOut]
    references: list[ReferenceOut]
