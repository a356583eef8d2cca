"""The loader: a valid catalogue loads; every data error is reported at once as file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.catalogue.loader import load_catalogue
from app.cli import main
from app.errors import CatalogueInvalid
from tests.conftest import SMALL_TRIGGER_POINTS, make_data


def test_small_catalogue_loads_with_mirrored_regions(small_data: Path) -> None:
    catalogue = load_catalogue(small_data)
    assert set(catalogue.trigger_points) == {"upper-trapezius-1", "soleus-1", "soleus-3", "sternalis-1"}
    assert {"temple-right", "temple-left", "sternum"} <= set(catalogue.regions)
    assert catalogue.regions["temple-left"].side == "left"
    assert catalogue.regions["sternum"].side == "midline"
    assert catalogue.tps_referring_to["temple"] == ("upper-trapezius-1",)
    assert catalogue.tps_by_condition["tension-headache"] == ("upper-trapezius-1",)


def test_version_changes_with_content(small_data: Path) -> None:
    before = load_catalogue(small_data).version
    path = small_data / "trigger_points.yaml"
    path.write_text(path.read_text().replace("Temple headache", "Headache at the temple"))
    assert load_catalogue(small_data).version != before


def _broken(tmp_path: Path) -> Path:
    text = SMALL_TRIGGER_POINTS.replace("essential: [nape, mastoid, temple]", "essential: [nape, mastoid, tempel]")
    text = text.replace("id: soleus-3", "id: soleus-1")  # duplicate id
    text = text.replace(
        "        label: TrP1\n        location:\n          description: Over the sternum.",
        "        location:\n          description: Over the sternum.",
    )  # missing label
    folder = make_data(tmp_path / "data", text)
    (folder / "extra.yaml").write_text("conditions:\n  - id: ok-one\n    name: [unclosed\n")
    return folder


def test_every_error_reported_in_one_pass_with_lines(tmp_path: Path) -> None:
    folder = _broken(tmp_path)
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(folder)
    lines = caught.value.lines()
    text = "\n".join(lines)
    source = (folder / "trigger_points.yaml").read_text().splitlines()
    tempel_line = next(i for i, line in enumerate(source, 1) if "tempel" in line)
    assert (
        f"trigger_points.yaml:{tempel_line}: upper-trapezius-1: unknown region in referral.essential 'tempel'" in text
    )
    assert "did you mean 'temple'?" in text
    assert re.search(r"trigger_points\.yaml:\d+: duplicate trigger point id 'soleus-1' \(first at .*:\d+\)", text)
    assert re.search(r"trigger_points\.yaml:\d+: sternalis-1: missing required field 'label'", text)
    assert re.search(r"extra\.yaml:4: YAML syntax error: .*flow sequence started at line 3", text)
    assert len(lines) == 4


def test_unknown_field_and_bad_slug_are_named(tmp_path: Path) -> None:
    text = SMALL_TRIGGER_POINTS.replace("    synonyms: [calf]", "    synonym: [calf]").replace(
        "id: sternalis\n", "id: Sternalis_Muscle\n"
    )
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(make_data(tmp_path / "data", text))
    text_out = "\n".join(caught.value.lines())
    assert "unknown field 'synonym'" in text_out
    assert "'Sternalis_Muscle' is not a valid id" in text_out


def test_cli_validate_prints_errors_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _broken(tmp_path)
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"trigger_points\.yaml:\d+: ", err)
    assert "4 error(s)" in err


def test_cli_validate_ok(small_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(small_data)]) == 0
    assert "4 trigger points" in capsys.readouterr().out


def test_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueInvalid, match="1 error"):
        load_catalogue(tmp_path / "nope")


SEARCH_DATA = """\
symptoms:
  - id: calf-ache
    name: Calf ache
    lay_words: [sore calf]
    description: An ache in the calf.
    trigger_points: [soleus-3, soleus-9]
    references: [ts2-soleus-and-plantaris]
groups:
  - id: calf
    name: Calf muscles
    muscles: [soleus, soleos]
lay_words:
  - words: [heel spur]
    conditions: [heel-pain]
    muscles: [soleus]
  - words: [nothing at all]
"""


def test_search_data_is_checked_like_the_rest(tmp_path: Path) -> None:
    folder = make_data(tmp_path / "data")
    (folder / "search.yaml").write_text(SEARCH_DATA)
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(folder)
    text = "\n".join(caught.value.lines())
    assert "search.yaml:6: calf-ache: unknown trigger point 'soleus-9' (did you mean 'soleus-3'?)" in text
    assert "search.yaml:11: calf: unknown muscle 'soleos' (did you mean 'soleus'?)" in text
    assert "search.yaml:16: lay words need at least one target" in text
    assert len(caught.value.lines()) == 3


def test_symptoms_groups_and_lay_words_load(tmp_path: Path) -> None:
    folder = make_data(tmp_path / "data")
    (folder / "search.yaml").write_text(
        SEARCH_DATA.replace(", soleus-9", "")
        .replace("soleos", "sternalis")
        .replace("  - words: [nothing at all]\n", "")
    )
    catalogue = load_catalogue(folder)
    assert catalogue.symptoms["calf-ache"].trigger_points == ["soleus-3"]
    assert catalogue.symptoms_of_tp["soleus-3"] == ("calf-ache",)
    assert catalogue.groups["calf"].muscles == ["soleus", "sternalis"]
    assert catalogue.lay_words[0].conditions == ["heel-pain"]


def _with_flags(text: str) -> str:
    """The small catalogue with a bilateral zone, a one-sided TrP, a rare zone and a sensation."""
    text = text.replace(
        "          essential: [sternum]\n          spillover: [pectoral]\n",
        "          essential: [sternum]\n          spillover: [pectoral]\n          bilateral: [pectoral]\n",
    )
    text = text.replace(
        "        prevalence: occasional\n        references: [ts2-soleus-and-plantaris]",
        "        prevalence: occasional\n        side: right\n        evidence: described\n"
        "        references: [ts2-soleus-and-plantaris]",
    )
    return text.replace(
        "          spillover: [jaw, orbit, occiput]\n",
        "          spillover: [jaw, orbit, occiput]\n          rare: [ear]\n"
        "          sensations: [{kind: gooseflesh, regions: [upper-arm-lateral]}]\n",
    )


def test_evidence_side_and_zone_flags_load_with_defaults(tmp_path: Path) -> None:
    catalogue = load_catalogue(make_data(tmp_path / "data", _with_flags(SMALL_TRIGGER_POINTS)))
    trapezius, soleus3 = catalogue.trigger_points["upper-trapezius-1"], catalogue.trigger_points["soleus-3"]
    assert (trapezius.evidence, trapezius.side) == ("drawn", "either")
    assert (soleus3.evidence, soleus3.side) == ("described", "right")
    assert trapezius.referral.rare == ["ear"]
    assert trapezius.referral.sensations[0].kind == "gooseflesh"


def test_lookup_zones_honour_bilateral_one_sided_and_rare(tmp_path: Path) -> None:
    zones = load_catalogue(make_data(tmp_path / "data", _with_flags(SMALL_TRIGGER_POINTS))).zones_by_side
    assert zones["sternalis-1"]["right"][1] == {"pectoral-right", "pectoral-left"}  # a band on both sides
    assert zones["soleus-3"]["right"][0] == {"calf-right"}
    assert zones["soleus-3"]["left"] == (frozenset(), frozenset())  # refers from its own side only
    right = zones["upper-trapezius-1"]["right"]
    assert "ear-right" not in right[0] | right[1]  # rare zones never rank a lookup


def test_inconsistent_zone_flags_and_sources_are_errors(tmp_path: Path) -> None:
    text = SMALL_TRIGGER_POINTS.replace(
        "          spillover: [jaw, orbit, occiput]\n",
        "          spillover: [jaw, orbit, occiput]\n          bilateral: [calf]\n          rare: [jaw, eer]\n",
    )
    folder = make_data(tmp_path / "data", text)
    (folder / "more_references.yaml").write_text(
        "references:\n  - id: a-blog\n    kind: secondary\n"
        "    short: A blog\n    title: A page\n    citation: A page.\n"
    )
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(folder)
    text_out = "\n".join(caught.value.lines())
    assert "upper-trapezius-1: " in text_out
    assert "bilateral zones must also be essential or spillover: calf" in text_out
    assert "more_references.yaml:2: a-blog: " in text_out
    assert "a secondary reference needs a publisher and a url" in text_out


def test_unknown_region_in_a_rare_or_sensation_zone_is_named(tmp_path: Path) -> None:
    text = SMALL_TRIGGER_POINTS.replace(
        "          spillover: [jaw, orbit, occiput]\n",
        "          spillover: [jaw, orbit, occiput]\n          rare: [eer]\n"
        "          sensations: [{kind: tingling, regions: [uper-arm-lateral]}]\n",
    )
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(make_data(tmp_path / "data", text))
    text_out = "\n".join(caught.value.lines())
    assert "upper-trapezius-1: unknown region in referral.rare 'eer' (did you mean 'ear'?)" in text_out
    assert "unknown region in referral.sensations 'uper-arm-lateral'" in text_out


def test_a_detail_stroke_naming_an_unknown_landmark_is_named(small_data: Path) -> None:
    views = small_data / "views.yaml"
    lines = views.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(r"\s*details\s*:", line))
    stroke = next(i for i in range(at, len(lines)) if "points:" in lines[i])
    lines[stroke] = re.sub(r"points: \[([^,\]]+)", "points: [no-such-landmark", lines[stroke])
    views.write_text("\n".join(lines) + "\n")
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(small_data)
    assert any(
        f"views.yaml:{stroke + 1}: anterior: " in line and "unknown landmark 'no-such-landmark'" in line
        for line in caught.value.lines()
    )
