"""Pydantic models of the catalogue as authored in YAML.

They reject what they do not know (`extra="forbid"`), so a typo in a key is
an error with a line number rather than silently ignored data.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
AREAS: tuple[str, ...] = Area.__args__  # type: ignore[attr-defined]
Side = Literal["left", "right", "midline"]
Prevalence = Literal["very-common", "common", "occasional", "rare"]

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
    width: float
    height: float
    mirror_x: float | None = Field(default=None, description="Axis across which the left side mirrors the right.")
    mirror_of: Slug | None = Field(default=None, description="This view is the other view flipped, sides swapped.")
    landmarks: dict[str, Point] = Field(default_factory=dict)
    outlines: list[Outline] = Field(default_factory=list)
    details: list[Stroke] = Field(default_factory=list, description="Strokes drawn for anatomy cues.")
    landmark_lines: list[Stroke] = Field(
        default_factory=list,
        description="Faint bony and surface landmarks (costal margin, iliac crest, C7, ASIS...), drawn on request.",
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
    volume: int | None = None
    edition: str | None = None
    chapter: int | None = None
    chapter_title: str | None = None


class Condition(Model):
    id: Slug
    name: Text
    aliases: list[str] = Field(default_factory=list)
    description: Text


class Location(Model):
    description: Text
    regions: list[Slug] = Field(min_length=1)
    markers: dict[str, Point] = Field(default_factory=dict, description="Optional marker point per view.")


class Referral(Model):
    essential: list[Slug] = Field(min_length=1)
    spillover: list[Slug] = Field(default_factory=list)


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
