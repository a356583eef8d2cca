"""Pydantic models of the catalogue as authored in YAML.

They reject what they do not know (`extra="forbid"`), so a typo in a key is
an error with a line number rather than silently ignored data.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]

Area = Literal[
    "head",
    "neck",
    "shoulder",
    "arm",
    "forearm",
    "hand",
    "chest",
    "abdomen",
    "upper back",
    "low back",
    "buttock and pelvis",
    "hip",
    "thigh",
    "knee",
    "leg",
    "ankle",
    "foot",
]
Side = Literal["left", "right", "midline"]
# The explorer's view switcher groups the views under these headings, in this order.
ViewGroup = Literal["whole body", "head and trunk", "arms and hands", "legs and feet"]
VIEW_GROUPS: tuple[str, ...] = ("whole body", "head and trunk", "arms and hands", "legs and feet")
Prevalence = Literal["very-common", "common", "occasional", "rare"]
# How sure an entry is: what in the Manual (or beside it) the pattern rests on.
Evidence = Literal["drawn", "described", "derived", "study"]
EVIDENCE_MEANING: dict[str, str] = {
    "drawn": "drawn in the Manual's figure",
    "described": "described in the Manual's text (or a summary of it), no figure of its own",
    "derived": "derived from a rule the Manual states, not drawn",
    "study": "from a separate study, not from the Manual",
}
# Which side a trigger point occurs on: almost always either, mirrored.
TrPSide = Literal["either", "right", "left"]
ReferenceKind = Literal["manual", "peer-reviewed", "secondary"]
# What a referral zone feels like when it is not pain.
SensationKind = Literal["gooseflesh", "tingling", "numbness", "burning", "stiffness"]

# The figure views.yaml draws; other figures (figures.yaml) are warps of it.
BASE_FIGURE = "male"

# The clinical prior behind each prevalence word, used to break ranking ties.
PREVALENCE_PRIOR: dict[str, float] = {"very-common": 1.0, "common": 0.75, "occasional": 0.5, "rare": 0.25}


class Model(BaseModel):
    """Base of every catalogue model: strict, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SidedChoir(Model):
    right: list[int] = Field(default_factory=list)
    left: list[int] = Field(default_factory=list)


Point = tuple[float, float]


class Outline(Model):
    """A closed, smooth outline through landmarks (a part of the silhouette)."""

    points: list[str] = Field(min_length=3)
    mirror: bool = Field(default=True, description="Also draw the outline mirrored to the other side.")
    corners: list[str] = Field(default_factory=list, description="Landmarks where the curve turns sharply.")


class Stroke(Model):
    """An open (or closed) smooth line through landmarks: an anatomy cue such as a clavicle."""

    points: list[str] = Field(min_length=2)
    mirror: bool = Field(default=True, description="Also draw the stroke mirrored to the other side.")
    closed: bool = False
    corners: list[str] = Field(default_factory=list)
    bold: bool = Field(default=False, description="Drawn like the silhouette edge (e.g. an arm in front of the trunk).")


class View(Model):
    """One diagram view: its canvas, landmarks and silhouette.

    Landmarks are authored for the person's right side and the midline; a
    name prefixed with `~` means the mirror image of that landmark.
    """

    id: Slug
    name: Text
    short_name: str | None = Field(default=None, description="A label for tight spaces, e.g. 'Front'.")
    group: ViewGroup = Field(default="whole body", description="Where the explorer's view switcher lists the view.")
    width: float
    height: float
    mirror_x: float | None = Field(default=None, description="Axis across which the left side mirrors the right.")
    mirror_of: Slug | None = Field(default=None, description="This view is the other view flipped, sides swapped.")
    crop_of: Slug | None = Field(
        default=None,
        description="This view is a close-up of part of another view: the same drawing, framed by `box`.",
    )
    box: tuple[float, float, float, float] | None = Field(
        default=None, description="The frame of a crop, in the cropped view's units: min x, min y, max x, max y."
    )
    landmarks: dict[str, Point] = Field(default_factory=dict)
    outlines: list[Outline] = Field(default_factory=list)
    details: list[Stroke] = Field(default_factory=list, description="Strokes drawn for anatomy cues.")
    landmark_lines: list[Stroke] = Field(
        default_factory=list,
        description="Faint bony and surface landmarks (costal margin, iliac crest, C7, ASIS...), drawn on request.",
    )

    @model_validator(mode="before")
    @classmethod
    def _a_crop_is_as_big_as_its_box(cls, data: object) -> object:
        """A crop's canvas is its box: authors give the box once, not a width and height that could disagree."""
        if isinstance(data, dict) and data.get("crop_of") is not None and isinstance(data.get("box"), list | tuple):
            box = data["box"]
            if len(box) == 4 and all(isinstance(v, int | float) for v in box):
                data = {**data, "width": box[2] - box[0], "height": box[3] - box[1]}
        return data

    @model_validator(mode="after")
    def _a_crop_has_a_box(self) -> View:
        if (self.crop_of is None) != (self.box is None):
            raise ValueError("a crop view needs both crop_of and box, any other view neither")
        if self.box is not None and not (self.box[0] < self.box[2] and self.box[1] < self.box[3]):
            raise ValueError("box must be [min x, min y, max x, max y] with min < max")
        if self.crop_of is not None and (self.mirror_of is not None or self.mirror_x is not None):
            raise ValueError("a crop view takes its sides from the view it crops: no mirror_of or mirror_x")
        return self


# A point of a muscle outline: a landmark name (`~name` mirrored) or literal view coordinates.
ShapePoint = str | Point


class MuscleShape(Model):
    """A muscle drawn in one view, authored for the person's right side like the regions.

    Written as a list of points (one outline), or as a mapping with `points` or `parts` (several
    outlines, e.g. two heads) and `deep: true` for a muscle reached through another, drawn dashed.
    Each outline is a smooth closed curve through its points.
    """

    parts: list[list[ShapePoint]] = Field(min_length=1)
    deep: bool = Field(default=False, description="Lies under another muscle in this view: drawn dashed.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        if isinstance(value, list):
            return {"parts": [value]}
        if isinstance(value, dict) and "points" in value:
            rest = {k: v for k, v in value.items() if k != "points"}
            if "parts" in rest:
                return value  # both given: let validation name the stray key
            return {**rest, "parts": [value["points"]]}
        return value

    @model_validator(mode="after")
    def _outlines_have_area(self) -> MuscleShape:
        if any(len(part) < 3 for part in self.parts):
            raise ValueError("each outline needs at least 3 points")
        return self


class ControlPoint(Model):
    """One pin of a figure's warp: the point `at` of the base figure moves `to` (right side and midline)."""

    at: Point
    to: Point


class Figure(Model):
    """A second body figure drawn by warping the base one, so it keeps every region, muscle and X.

    The base figure is the one views.yaml draws (male). A figure moves its landmarks, muscle outlines and
    X's by a smooth warp pinned at `warps` control points per view (mirrored where the view mirrors);
    a pin with `to` equal to `at` holds a place still. `landmarks` and `details` add what only this
    figure has (the breasts' contour, say), over its own warped landmarks.
    """

    id: Slug
    name: Text
    short_name: str | None = None
    warps: dict[str, list[ControlPoint]] = Field(default_factory=dict)
    landmarks: dict[str, dict[str, Point]] = Field(default_factory=dict, description="Per view: extra landmarks.")
    details: dict[str, list[Stroke]] = Field(default_factory=dict, description="Per view: extra strokes.")
    hide_details: dict[str, list[list[str]]] = Field(
        default_factory=dict, description="Per view: base strokes (by their points) this figure leaves out."
    )
    shapes: dict[str, dict[str, MuscleShape]] = Field(
        default_factory=dict,
        description="Per muscle id, per view: this figure's own outline where its anatomy differs (the pelvic "
        "floor), in this figure's coordinates; it replaces the warped base outline.",
    )
    markers: dict[str, dict[str, Point]] = Field(
        default_factory=dict,
        description="Per trigger point id, per view: this figure's own X (its coordinates, right side), where "
        "the muscle under it is drawn differently on this figure.",
    )


class RegionSpec(Model):
    """A region as authored: side-neutral, expanded to left and right if sided."""

    id: Slug
    name: Text
    area: Area
    sided: bool
    aliases: list[str] = Field(default_factory=list)
    choir: SidedChoir | list[int] = Field(default_factory=list)
    shapes: dict[str, list[str]] = Field(
        default_factory=dict, description="Per view id: polygon over landmark names (right side)."
    )


class Reference(Model):
    id: Slug
    short: Text
    citation: Text
    kind: ReferenceKind = Field(
        default="manual", description="The Manual itself, a peer-reviewed paper, or a secondary public source."
    )
    title: str | None = Field(default=None, description="Title of a page or paper (secondary and peer-reviewed).")
    publisher: str | None = Field(default=None, description="Who publishes a secondary source.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    volume: int | None = None
    edition: str | None = None
    chapter: int | None = None
    chapter_title: str | None = None

    @model_validator(mode="after")
    def _secondary_sources_are_findable(self) -> Reference:
        if self.kind != "manual" and not self.title:
            raise ValueError(f"a {self.kind} reference needs a title")
        if self.kind == "secondary" and not (self.publisher and self.url):
            raise ValueError("a secondary reference needs a publisher and a url")
        return self


class Condition(Model):
    id: Slug
    name: Text
    aliases: list[str] = Field(default_factory=list)
    description: Text


class Location(Model):
    description: Text
    regions: list[Slug] = Field(min_length=1)
    markers: dict[str, Point] = Field(
        default_factory=dict,
        description="Where the X goes, per view (right side; mirrored for the left), inside the muscle and a region.",
    )


class Sensation(Model):
    """Something felt in a zone that is not pain (e.g. gooseflesh); never used to rank pain lookups."""

    kind: SensationKind
    regions: list[Slug] = Field(min_length=1)


class Referral(Model):
    essential: list[Slug] = Field(min_length=1)
    spillover: list[Slug] = Field(default_factory=list)
    bilateral: list[Slug] = Field(
        default_factory=list,
        description="Zones (from essential or spillover) felt on both sides, e.g. a band across the low back.",
    )
    rare: list[Slug] = Field(
        default_factory=list,
        description="Zones the sources call rare (soleus to the jaw): shown, but not used to rank lookups.",
    )
    sensations: list[Sensation] = Field(default_factory=list, description="What is felt that is not pain.")

    @model_validator(mode="after")
    def _zones_are_consistent(self) -> Referral:
        painful = {*self.essential, *self.spillover}
        if stray := [r for r in self.bilateral if r not in painful]:
            raise ValueError(f"bilateral zones must also be essential or spillover: {', '.join(stray)}")
        if both := [r for r in self.rare if r in painful]:
            raise ValueError(f"a rare zone cannot also be essential or spillover: {', '.join(both)}")
        return self


class TriggerPointSpec(Model):
    id: Slug
    label: Text
    location: Location
    referral: Referral
    symptoms: list[Text] = Field(default_factory=list)
    conditions: list[Slug] = Field(default_factory=list)
    perpetuating_factors: list[Text] = Field(default_factory=list)
    self_care: list[Text] = Field(default_factory=list)
    needling: str | None = None
    prevalence: Prevalence = "common"
    evidence: Evidence = Field(default="drawn", description="What the pattern rests on (see EVIDENCE_MEANING).")
    side: TrPSide = Field(default="either", description="'right' or 'left' for a TrP the Manual gives one side only.")
    preferred_view: Slug | None = Field(
        default=None, description="The view its page and thumbnail open with (else the best view is chosen)."
    )
    references: list[Slug] = Field(min_length=1)


class MuscleSpec(Model):
    id: Slug
    name: Text
    synonyms: list[str] = Field(default_factory=list)
    area: Area
    action: str | None = None
    innervation: str | None = None
    notes: str | None = Field(
        default=None, description="What the Manual says beyond the TrPs, e.g. 'no pattern of its own'."
    )
    references: list[Slug] = Field(default_factory=list)
    shapes: dict[str, MuscleShape] = Field(
        default_factory=dict, description="Per view id: the muscle's outline over the view's landmarks."
    )
    trigger_points: list[TriggerPointSpec] = Field(default_factory=list)


class Region(Model):
    """A concrete region as served: one side of a sided region, or a midline one."""

    id: Slug
    base: Slug
    name: str
    side: Side
    area: Area
    aliases: list[str]
    choir: list[int]
    views: list[str]


class TriggerPoint(Model):
    """A trigger point as served, with its muscle id resolved in."""

    id: Slug
    muscle: Slug
    muscle_name: str
    name: str
    label: str
    location: Location
    referral: Referral
    symptoms: list[str]
    conditions: list[Slug]
    perpetuating_factors: list[str]
    self_care: list[str]
    needling: str | None
    prevalence: Prevalence
    evidence: Evidence
    side: TrPSide
    preferred_view: str | None
    references: list[Slug]

    @property
    def prior(self) -> float:
        return PREVALENCE_PRIOR[self.prevalence]


class Muscle(Model):
    id: Slug
    name: str
    synonyms: list[str]
    area: Area
    action: str | None
    innervation: str | None
    notes: str | None
    references: list[Slug]
    trigger_points: list[Slug]
    views: list[str]
    drawn_in: list[str] = Field(default_factory=list, description="Views in which the muscle itself is drawn.")


class Symptom(Model):
    """A symptom other than pain that the Manual ties to trigger points (dizziness, tinnitus, ...)."""

    id: Slug
    name: Text
    lay_words: list[str] = Field(default_factory=list, description="What people type, e.g. 'ringing in the ear'.")
    description: Text
    trigger_points: list[Slug] = Field(min_length=1, description="Most typical first.")
    caveat: str | None = Field(default=None, description="Shown first: when to see a doctor before anything else.")
    references: list[Slug] = Field(min_length=1)


class MuscleGroup(Model):
    """Muscles people name together ('quadriceps', 'rotator cuff'); a search for the group finds every member."""

    id: Slug
    name: Text
    words: list[str] = Field(default_factory=list, description="Other names of the group, e.g. 'quads'.")
    muscles: list[Slug] = Field(min_length=2)


class LayWords(Model):
    """Words people type for something the catalogue names differently ('golfer's elbow' -> inner elbow).

    Used by search only; unlike an alias, a lay word need not be the same thing as its target.
    """

    words: list[Text] = Field(min_length=1)
    conditions: list[Slug] = Field(default_factory=list)
    regions: list[Slug] = Field(default_factory=list, description="Side-neutral region ids.")
    muscles: list[Slug] = Field(default_factory=list)
    groups: list[Slug] = Field(default_factory=list)
    symptoms: list[Slug] = Field(default_factory=list)
    trigger_points: list[Slug] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_a_target(self) -> LayWords:
        if not any(getattr(self, name) for name in LAY_WORD_TARGETS):
            raise ValueError(f"lay words need at least one target: {', '.join(LAY_WORD_TARGETS)}")
        return self


LAY_WORD_TARGETS = ("conditions", "regions", "muscles", "groups", "symptoms", "trigger_points")
