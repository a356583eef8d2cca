"""Catalogue records -> the published records (dictionaries built through the response models).

Everything here runs when a catalogue is loaded, not per request: the routes
only slice, filter and serialize what these functions prepared.
"""

from __future__ import annotations

from typing import Any

from app import schemas, urls
from app.catalogue.index import SIDES, Catalogue
from app.catalogue.models import EVIDENCE_MEANING, Condition, Muscle, Region, Symptom, TriggerPoint


def _dump(model: schemas.Out) -> dict[str, Any]:
    return model.model_dump(mode="json")


def region(r: Region) -> dict[str, Any]:
    return _dump(schemas.RegionOut(**r.model_dump()))


def references(catalogue: Catalogue, ids: list[str]) -> list[schemas.ReferenceOut]:
    return [schemas.ReferenceOut(**catalogue.references[i].model_dump()) for i in ids]


def _zones(tp: TriggerPoint) -> schemas.ZonesOut:
    return schemas.ZonesOut(
        **tp.referral.model_dump(include={"essential", "spillover", "bilateral", "rare"}),
        sensations=[schemas.SensationOut(**s.model_dump()) for s in tp.referral.sensations],
    )


def summary_model(tp: TriggerPoint) -> schemas.TriggerPointSummary:
    """A trigger point's summary as its published model (the lookup embeds it in every candidate)."""
    return schemas.TriggerPointSummary(
        id=tp.id,
        name=tp.name,
        label=tp.label,
        muscle=tp.muscle,
        muscle_name=tp.muscle_name,
        prevalence=tp.prevalence,
        evidence=tp.evidence,
        evidence_note=EVIDENCE_MEANING[tp.evidence],
        side=tp.side,
        referral=_zones(tp),
        conditions=list(tp.conditions),
    )


def trigger_point(catalogue: Catalogue, tp: TriggerPoint, preferred_view: str) -> dict[str, Any]:
    def concrete(bases: list[str], side: str) -> list[str]:
        both = set(tp.referral.bilateral)
        return [r for b in bases for r in (catalogue.regions_of(b) if b in both else (catalogue.on_side(b, side),))]

    by_side = {
        side: schemas.ZonesOut(
            essential=concrete(tp.referral.essential, side),
            spillover=concrete(tp.referral.spillover, side),
            bilateral=list(tp.referral.bilateral),
            rare=[catalogue.on_side(b, side) for b in tp.referral.rare],
            sensations=[
                schemas.SensationOut(kind=s.kind, regions=[catalogue.on_side(b, side) for b in s.regions])
                for s in tp.referral.sensations
            ],
        )
        for side in SIDES
        if tp.side in ("either", side)
    }
    out = schemas.TriggerPointOut(
        **summary_model(tp).model_dump(),
        location=schemas.LocationOut(
            description=tp.location.description,
            regions=list(tp.location.regions),
            markers=dict(tp.location.markers),
        ),
        preferred_view=preferred_view,
        referral_by_side=by_side,
        symptoms=list(tp.symptoms),
        perpetuating_factors=list(tp.perpetuating_factors),
        self_care=list(tp.self_care),
        needling=tp.needling,
        references=references(catalogue, tp.references),
        links={
            "muscle": urls.api("muscle", tp.muscle),
            "thumbnail": urls.thumbnail(tp.id),
            "diagram": urls.thumbnail(tp.id),  # the first name of `thumbnail`, kept for clients of v1
            "page": urls.trigger_point(tp.id),
        },
    )
    return _dump(out)


def muscle_summary(m: Muscle) -> dict[str, Any]:
    return _dump(
        schemas.MuscleSummary(id=m.id, name=m.name, synonyms=m.synonyms, area=m.area, trigger_points=m.trigger_points)
    )


def muscle(catalogue: Catalogue, m: Muscle) -> dict[str, Any]:
    conditions = dict.fromkeys(c for t in m.trigger_points for c in catalogue.trigger_points[t].conditions)
    out = schemas.MuscleOut(
        id=m.id,
        name=m.name,
        synonyms=m.synonyms,
        area=m.area,
        trigger_points=m.trigger_points,
        action=m.action,
        innervation=m.innervation,
        notes=m.notes,
        views=m.views,
        drawn_in=m.drawn_in,
        references=references(catalogue, m.references),
        conditions=list(conditions),
    )
    return _dump(out)


def condition_summary(catalogue: Catalogue, c: Condition) -> dict[str, Any]:
    return _dump(
        schemas.ConditionSummary(
            id=c.id, name=c.name, aliases=c.aliases, trigger_point_count=len(catalogue.tps_by_condition.get(c.id, ()))
        )
    )


def condition(catalogue: Catalogue, c: Condition) -> dict[str, Any]:
    tps = list(catalogue.tps_by_condition.get(c.id, ()))
    muscles = list(dict.fromkeys(catalogue.trigger_points[t].muscle for t in tps))
    out = schemas.ConditionOut(
        id=c.id,
        name=c.name,
        aliases=c.aliases,
        trigger_point_count=len(tps),
        description=c.description,
        trigger_points=tps,
        muscles=muscles,
    )
    return _dump(out)


def symptom_summary(s: Symptom) -> dict[str, Any]:
    return _dump(
        schemas.SymptomSummary(
            id=s.id, name=s.name, lay_words=s.lay_words, caveat=s.caveat, trigger_point_count=len(s.trigger_points)
        )
    )


def symptom(catalogue: Catalogue, s: Symptom) -> dict[str, Any]:
    out = schemas.SymptomOut(
        id=s.id,
        name=s.name,
        lay_words=s.lay_words,
        caveat=s.caveat,
        trigger_point_count=len(s.trigger_points),
        description=s.description,
        trigger_points=s.trigger_points,
        muscles=list(dict.fromkeys(catalogue.trigger_points[t].muscle for t in s.trigger_points)),
        references=references(catalogue, s.references),
    )
    return _dump(out)


RELATED = 6


def located(catalogue: Catalogue, summaries: list[dict[str, Any]], region_id: str) -> list[dict[str, Any]]:
    """Summaries of the TrPs lying in a region (the same as /api/v1/trigger-points?region=)."""
    ids = set(catalogue.tps_located_in.get(catalogue.base_of(region_id), ()))
    return [t for t in summaries if t["id"] in ids]


def related_trigger_points(catalogue: Catalogue, tp_id: str) -> list[str]:
    """The same muscle's other TrPs, then those whose essential zones overlap most with this one's."""
    tp = catalogue.trigger_points[tp_id]
    same = [t for t in catalogue.tps_by_muscle.get(tp.muscle, ()) if t != tp_id]
    mine = set(tp.referral.essential)
    overlap = sorted(
        (-len(mine & set(other.referral.essential)), other.name, other.id)
        for other in catalogue.trigger_points.values()
        if other.id != tp_id and other.muscle != tp.muscle and mine & set(other.referral.essential)
    )
    return same + [ident for _, _, ident in overlap[:RELATED]]
