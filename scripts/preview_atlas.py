"""Render the atlas layer to PNG for an author to look at (dev tool; needs Playwright and Debian's chromium).

    .venv/bin/python scripts/preview_atlas.py OUT_DIR [--view posterior ...] [--muscle ID ...] [--labels]

Writes OUT_DIR/<view>-muscles.png (every muscle of the view, optionally with landmark names) and
OUT_DIR/tp-<id>.png (each trigger point of the given muscles in its preferred view, full size), and
prints every misplaced X the loader would refuse, as file:line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from app.body.atlas import misplaced_markers
from app.body.geometry import landmark
from app.body.render import BodyDiagrams
from app.catalogue.loader import load_catalogue
from app.errors import CatalogueInvalid
from app.settings import REPO_ROOT


def _labels(diagrams: BodyDiagrams, view_id: str, svg: str) -> str:
    """Overlay every landmark's name (small, blue) so an author can pick names for a shape."""
    view = diagrams.catalogue.views[view_id]
    marks = []
    for name in view.landmarks:
        x, y = landmark(view, name)
        marks.append(
            f'<circle cx="{x}" cy="{y}" r="1" fill="#1565c0"/>'
            f'<text x="{x + 1.5}" y="{y - 1}" font-size="4" fill="#1565c0">{name}</text>'
        )
    return svg.replace("</svg>", "".join(marks) + "</svg>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--view", action="append", default=[])
    parser.add_argument("--muscle", action="append", default=[])
    parser.add_argument("--labels", action="store_true", help="write the landmark names over the views")
    parser.add_argument("--scale", type=float, default=2.5)
    args = parser.parse_args()
    try:
        catalogue = load_catalogue(REPO_ROOT / "data")
    except CatalogueInvalid as exc:
        print("\n".join(exc.lines()))
        return
    for problem in misplaced_markers(catalogue):
        print(f"misplaced: {problem.trigger_point} [{problem.view}]: {problem.message}")
    diagrams = BodyDiagrams(catalogue)
    args.out.mkdir(parents=True, exist_ok=True)
    pictures: dict[str, tuple[str, float]] = {}
    for view_id in args.view or ([] if args.muscle else diagrams.view_ids()):
        svg = diagrams.view_svg(view_id, layer="muscles")
        if args.labels:
            svg = _labels(diagrams, view_id, svg)
        pictures[f"{view_id}-muscles"] = (svg, diagrams.geometry[view_id].width)
    for muscle_id in args.muscle:
        for tp_id in catalogue.tps_by_muscle.get(muscle_id, ()):
            view_id = diagrams.best_view(tp_id)
            pictures[f"tp-{tp_id}-{view_id}"] = (diagrams.trigger_point_svg(view_id, tp_id), diagrams.geometry[view_id].width)
            pictures[f"thumb-{tp_id}"] = (diagrams.thumbnail_svg(tp_id), 120)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        for name, (svg, width) in pictures.items():
            px = int(width * args.scale) if width > 120 else 360
            page.set_viewport_size({"width": px, "height": 400})
            page.set_content(f'<body style="margin:0"><div style="width:{px}px">{svg}</div></body>')
            page.eval_on_selector("svg", "s => { s.setAttribute('width', '100%'); }")
            page.locator("svg").first.screenshot(path=str(args.out / f"{name}.png"))
            print(args.out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
