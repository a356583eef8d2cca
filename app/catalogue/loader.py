"""YAML files -> validated models -> Catalogue, collecting every error in one pass."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from app.catalogue.index import Catalogue, build_catalogue
from app.catalogue.models import (
    BASE_FIGURE,
    LAY_WORD_TARGETS,
    Condition,
    Figure,
    LayWords,
    MuscleGroup,
    MuscleSpec,
    Reference,
    RegionSpec,
    Symptom,
    View,
)
from app.catalogue.yaml_source import PathKey, SourceDocument, display_name, read_yaml
from app.errors import CatalogueInvalid, DataError, Misplaced

SECTIONS: dict[str, type[BaseModel]] = {
    "regions": RegionSpec,
    "views": View,
    "conditions": Condition,
    "references": Reference,
    "muscles": MuscleSpec,
    "symptoms": Symptom,
    "groups": MuscleGroup,
    "lay_words": LayWords,
    "figures": Figure,
}
# Sections whose items have ids of their own, checked for duplicates.
ID_SECTIONS = ("regions", "views", "conditions", "references", "muscles", "symptoms", "groups", "figures")


# Reports an unknown id: (id, known ids, what it is, whose, document, path).
Need = Callable[[str, set[str], str, str, SourceDocument, PathKey], None]
# A check that needs the built catalogue (the drawing's geometry), run by the loader's caller's choice:
# the catalogue package knows no geometry, so app/body supplies it (see app/body/atlas.py).
BuiltCheck = Callable[[Catalogue], Iterable[Misplaced]]


@dataclass(frozen=True)
class Located:
    """A validated item and where it came from."""

    item: Any
    doc: SourceDocument
    path: PathKey


def data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def catalogue_version(files: Iterable[Path], folder: Path) -> str:
    """A content hash of the data: the catalogue's version and every ETag's root."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _friendly(error: dict[str, Any]) -> str:
    """Rewrite a pydantic error in the words of someone editing YAML."""
    loc = [str(part) for part in error["loc"] if not str(part).startswith("function-")]
    field = loc[-1] if loc else "value"
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid id in '{field}': use lower-case letters, digits and single hyphens"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"'{value}' is not allowed in '{field}'; expected {allowed}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "too_short" and isinstance(value, list):
        return f"'{field}' needs at least {error.get('ctx', {}).get('min_length', 1)} item(s)"
    return f"{'.'.join(loc) or 'value'}: {error['msg']}"


def _suggest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _owner_id(entry: Any, loc: tuple[int | str, ...]) -> str | None:
    """The id of the innermost record on the error's path (a TrP rather than its muscle)."""
    owner = None
    node = entry
    for part in (None, *loc):
        if part is not None:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            owner = node["id"]
    return owner


class _Collector:
    """Gathers validated items per section and every error on the way."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.items: dict[str, list[Located]] = {name: [] for name in SECTIONS}

    def add_document(self, doc: SourceDocument) -> None:
        if doc.data is None:
            return
        if not isinstance(doc.data, dict):
            self.errors.append(doc.error((), "the file must be a mapping of sections, e.g. 'muscles:'"))
            return
        for section, entries in doc.data.items():
            model = SECTIONS.get(section)
            if model is None:
                hint = _suggest(section, SECTIONS)
                self.errors.append(doc.error((section,), f"unknown section '{section}'{hint}"))
                continue
            if not isinstance(entries, list):
                self.errors.append(doc.error((section,), f"'{section}' must be a list"))
                continue
            for index, entry in enumerate(entries):
                path: PathKey = (section, index)
                try:
                    item = model.model_validate(entry)
                except ValidationError as exc:
                    for err in exc.errors():
                        owner = _owner_id(entry, err["loc"])
                        prefix = f"{owner}: " if owner else ""
                        self.errors.append(doc.error((*path, *err["loc"]), prefix + _friendly(dict(err))))
                    continue
                self.items[section].append(Located(item, doc, path))


def _check_unique(kind: str, entries: Iterable[tuple[str, SourceDocument, PathKey]]) -> list[DataError]:
    first_seen: dict[str, str] = {}
    errors = []
    for ident, doc, path in entries:
        where = f"{doc.file}:{doc.line_of((*path, 'id'))}"
        if ident in first_seen:
            errors.append(doc.error((*path, "id"), f"duplicate {kind} id '{ident}' (first at {first_seen[ident]})"))
        else:
            first_seen[ident] = where
    return errors


def _drawn_in_a_crop(doc: SourceDocument, where: PathKey, owner: str, view: View) -> DataError:
    """A crop has no landmarks of its own: shapes and X's are drawn in the view it frames and show in it."""
    return doc.error(where, f"{owner}: view {view.id} is a close-up of {view.crop_of}; draw there and it shows here")


def _check_references(c: _Collector) -> list[DataError]:
    errors: list[DataError] = []
    regions = {loc.item.id for loc in c.items["regions"]}
    conditions = {loc.item.id for loc in c.items["conditions"]}
    references = {loc.item.id for loc in c.items["references"]}
    views = {loc.item.id: loc.item for loc in c.items["views"]}

    def need(ident: str, known: set[str], what: str, owner: str, doc: SourceDocument, path: PathKey) -> None:
        if ident not in known:
            hint = _suggest(ident, known)
            errors.append(doc.error(path, f"{owner}: unknown {what} '{ident}'{hint}"))

    def need_landmark(name: str, view: View, owner: str, doc: SourceDocument, path: PathKey) -> None:
        """A landmark name as the renderer will resolve it: `~name` needs a view that mirrors."""
        if name.startswith("~") and view.mirror_x is None:
            errors.append(doc.error(path, f"{owner}: '{name}' mirrors a landmark, but view {view.id} has no mirror_x"))
            return
        base = name.lstrip("~")
        if base not in view.landmarks:
            hint = _suggest(base, set(view.landmarks))
            where = "" if owner == view.id else f" in view {view.id}"
            errors.append(doc.error(path, f"{owner}: unknown landmark '{base}'{where}{hint}"))

    for loc in c.items["views"]:
        view: View = loc.item
        # A view drawn from another (a mirror, a crop) names the view that is drawn, not another derived one.
        for key, verb, noun in (("mirror_of", "mirrors", "mirror"), ("crop_of", "crops", "crop")):
            named = getattr(view, key)
            if named is None:
                continue
            need(named, set(views), "view", view.id, loc.doc, (*loc.path, key))
            source = views.get(named)
            if source is not None and getattr(source, key) is not None:
                message = f"{view.id}: {verb} {source.id}, which is itself a {noun}; name the view it {verb}"
                errors.append(loc.doc.error((*loc.path, key), message))
        for key, curves in (("outlines", view.outlines), ("details", view.details)):
            for o, curve in enumerate(curves):
                for part in ("points", "corners"):
                    for p, name in enumerate(getattr(curve, part)):
                        need_landmark(name, view, view.id, loc.doc, (*loc.path, key, o, part, p))
    for loc in c.items["regions"]:
        spec: RegionSpec = loc.item
        for view_id, polygon in spec.shapes.items():
            if view_id not in views:
                need(view_id, set(views), "view", spec.id, loc.doc, (*loc.path, "shapes", view_id))
                continue
            if views[view_id].crop_of is not None:
                errors.append(_drawn_in_a_crop(loc.doc, (*loc.path, "shapes", view_id), spec.id, views[view_id]))
                continue
            for p, name in enumerate(polygon):
                need_landmark(name, views[view_id], spec.id, loc.doc, (*loc.path, "shapes", view_id, p))
    for loc in c.items["muscles"]:
        muscle: MuscleSpec = loc.item
        for r, ref in enumerate(muscle.references):
            need(ref, references, "reference", muscle.id, loc.doc, (*loc.path, "references", r))
        for view_id, shape in muscle.shapes.items():
            where: PathKey = (*loc.path, "shapes", view_id)
            if view_id not in views:
                need(view_id, set(views), "view in shapes", muscle.id, loc.doc, where)
                continue
            if views[view_id].mirror_of is not None:
                errors.append(
                    loc.doc.error(where, f"{muscle.id}: view {view_id} mirrors {views[view_id].mirror_of}; draw there")
                )
                continue
            if views[view_id].crop_of is not None:
                errors.append(_drawn_in_a_crop(loc.doc, where, muscle.id, views[view_id]))
                continue
            for k, outline in enumerate(shape.parts):
                for p, point in enumerate(outline):
                    if isinstance(point, str):
                        need_landmark(point, views[view_id], muscle.id, loc.doc, (*where, "parts", k, p))
        for t, tp in enumerate(muscle.trigger_points):
            base: PathKey = (*loc.path, "trigger_points", t)
            if tp.preferred_view is not None:
                need(tp.preferred_view, set(views), "view", tp.id, loc.doc, (*base, "preferred_view"))
            for i, region in enumerate(tp.location.regions):
                need(region, regions, "region", tp.id, loc.doc, (*base, "location", "regions", i))
            for view_id in tp.location.markers:
                where = (*base, "location", "markers", view_id)
                need(view_id, set(views), "view in location.markers", tp.id, loc.doc, where)
                if view_id in views and views[view_id].crop_of is not None:
                    errors.append(_drawn_in_a_crop(loc.doc, where, tp.id, views[view_id]))
            for zone in ("essential", "spillover", "rare"):
                for i, region in enumerate(getattr(tp.referral, zone)):
                    need(
                        region,
                        regions,
                        f"region in referral.{zone}",
                        tp.id,
                        loc.doc,
                        (*base, "referral", zone, i),
                    )
            for s, sensation in enumerate(tp.referral.sensations):
                for i, region in enumerate(sensation.regions):
                    where = (*base, "referral", "sensations", s, "regions", i)
                    need(region, regions, "region in referral.sensations", tp.id, loc.doc, where)
            for i, condition in enumerate(tp.conditions):
                need(condition, conditions, "condition", tp.id, loc.doc, (*base, "conditions", i))
            for i, ref in enumerate(tp.references):
                need(ref, references, "reference", tp.id, loc.doc, (*base, "references", i))
    for loc in c.items["figures"]:
        figure: Figure = loc.item
        if figure.id == BASE_FIGURE:
            errors.append(loc.doc.error((*loc.path, "id"), f"'{BASE_FIGURE}' is the figure views.yaml draws"))
        for key in ("warps", "landmarks", "details", "hide_details"):
            for view_id in getattr(figure, key):
                where = (*loc.path, key, view_id)
                if view_id not in views:
                    need(view_id, set(views), f"view in {key}", figure.id, loc.doc, where)
                elif views[view_id].mirror_of is not None:
                    errors.append(loc.doc.error(where, f"{figure.id}: view {view_id} mirrors another; warp that one"))
        muscle_ids = {m.item.id for m in c.items["muscles"]}
        tp_ids = {tp.id for m in c.items["muscles"] for tp in m.item.trigger_points}
        for key, known, what in (("shapes", muscle_ids, "muscle"), ("markers", tp_ids, "trigger point")):
            for ident, per_view in getattr(figure, key).items():
                need(ident, known, f"{what} in {key}", figure.id, loc.doc, (*loc.path, key, ident))
                for view_id in per_view:
                    where = (*loc.path, key, ident, view_id)
                    if view_id not in views:
                        need(view_id, set(views), f"view in {key}", figure.id, loc.doc, where)
                    elif views[view_id].mirror_of is not None or views[view_id].crop_of is not None:
                        errors.append(loc.doc.error(where, f"{figure.id}: draw in the view {view_id} shows"))
        for view_id, hidden in figure.hide_details.items():
            drawn = [stroke.points for stroke in views[view_id].details] if view_id in views else []
            for h, points in enumerate(hidden):
                if view_id in views and points not in drawn:
                    where = (*loc.path, "hide_details", view_id, h)
                    errors.append(loc.doc.error(where, f"{figure.id}: view {view_id} draws no stroke {points}"))
        for view_id, strokes in figure.details.items():
            if view_id not in views:
                continue
            extra = View(
                **{
                    **views[view_id].model_dump(),
                    "landmarks": {**views[view_id].landmarks, **figure.landmarks.get(view_id, {})},
                }
            )
            for s, stroke in enumerate(strokes):
                for part in ("points", "corners"):
                    for p, name in enumerate(getattr(stroke, part)):
                        need_landmark(name, extra, figure.id, loc.doc, (*loc.path, "details", view_id, s, part, p))
    errors += _check_search_data(c, need)
    return errors


def _check_search_data(c: _Collector, need: Need) -> list[DataError]:
    """Symptoms, muscle groups and lay words point at things that exist (errors go through `need`)."""
    known = {
        "conditions": {loc.item.id for loc in c.items["conditions"]},
        "regions": {loc.item.id for loc in c.items["regions"]},
        "muscles": {loc.item.id for loc in c.items["muscles"]},
        "groups": {loc.item.id for loc in c.items["groups"]},
        "symptoms": {loc.item.id for loc in c.items["symptoms"]},
        "trigger_points": {tp.id for loc in c.items["muscles"] for tp in loc.item.trigger_points},
    }
    references = {loc.item.id for loc in c.items["references"]}
    for loc in c.items["symptoms"]:
        symptom: Symptom = loc.item
        for i, tp in enumerate(symptom.trigger_points):
            need(tp, known["trigger_points"], "trigger point", symptom.id, loc.doc, (*loc.path, "trigger_points", i))
        for i, ref in enumerate(symptom.references):
            need(ref, references, "reference", symptom.id, loc.doc, (*loc.path, "references", i))
    for loc in c.items["groups"]:
        group: MuscleGroup = loc.item
        for i, muscle in enumerate(group.muscles):
            need(muscle, known["muscles"], "muscle", group.id, loc.doc, (*loc.path, "muscles", i))
    for loc in c.items["lay_words"]:
        words: LayWords = loc.item
        for target in LAY_WORD_TARGETS:
            what = target[:-1].replace("_", " ")
            for i, ident in enumerate(getattr(words, target)):
                need(ident, known[target], what, f"'{words.words[0]}'", loc.doc, (*loc.path, target, i))
    return []


def _misplaced_errors(c: _Collector, problems: Iterable[Misplaced]) -> list[DataError]:
    """Each problem on the line of its marker in that view, else of its trigger point."""
    where: dict[str, tuple[SourceDocument, PathKey]] = {}
    for loc in c.items["muscles"]:
        for t, tp in enumerate(loc.item.trigger_points):
            where[tp.id] = (loc.doc, (*loc.path, "trigger_points", t))
    errors = []
    for problem in problems:
        doc, base = where[problem.trigger_point]
        errors.append(
            doc.error((*base, "location", "markers", problem.view), f"{problem.trigger_point}: {problem.message}")
        )
    return errors


def load_catalogue(folder: Path, checks: Iterable[BuiltCheck] = ()) -> Catalogue:
    """Load and validate the data folder; raise CatalogueInvalid with every error.

    `checks` run on the built catalogue (e.g. every X inside its muscle); their problems are reported
    like any other, as file:line, and the catalogue is refused.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CatalogueInvalid([DataError(display_name(folder), 0, "data folder not found")])
    files = data_files(folder)
    collector = _Collector()
    for path in files:
        doc = read_yaml(path)
        if isinstance(doc, DataError):
            collector.errors.append(doc)
        else:
            collector.add_document(doc)
    errors = collector.errors
    for section in ID_SECTIONS:
        errors += _check_unique(section[:-1], ((x.item.id, x.doc, x.path) for x in collector.items[section]))
    errors += _check_unique(
        "trigger point",
        (
            (tp.id, x.doc, (*x.path, "trigger_points", i))
            for x in collector.items["muscles"]
            for i, tp in enumerate(x.item.trigger_points)
        ),
    )
    errors += _check_references(collector)
    if not files:
        errors.append(DataError(display_name(folder), 0, "no YAML files in the data folder"))
    if errors:
        raise CatalogueInvalid(sorted(set(errors), key=lambda e: (e.file, e.line, e.message)))
    items = {name: [x.item for x in located] for name, located in collector.items.items()}
    catalogue = build_catalogue(
        region_specs=items["regions"],
        views=items["views"],
        muscle_specs=items["muscles"],
        conditions=items["conditions"],
        references=items["references"],
        symptoms=items["symptoms"],
        groups=items["groups"],
        lay_words=items["lay_words"],
        figures=items["figures"],
        version=catalogue_version(files, folder),
    )
    errors = _misplaced_errors(collector, (problem for check in checks for problem in check(catalogue)))
    if errors:
        raise CatalogueInvalid(sorted(set(errors), key=lambda e: (e.file, e.line, e.message)))
    return catalogue
