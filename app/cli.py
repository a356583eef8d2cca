"""`triggermap serve | validate | render | stats`.

Data errors and user errors are caught here, in one place: a data error is
printed as one `file:line: message` per line with exit code 1; anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from app.body.atlas import ATLAS_CHECKS
from app.catalogue.index import Catalogue
from app.catalogue.loader import load_catalogue
from app.errors import CatalogueInvalid
from app.settings import REPO_ROOT, Settings, default_data_dir, default_figure


def cmd_validate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    catalogue = load_catalogue(Path(args.data), checks=ATLAS_CHECKS)
    counts = catalogue.counts()
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"ok: {counts['muscles']} muscles, {counts['trigger_points']} trigger points, "
        f"{counts['regions']} regions, {counts['views']} views, {counts['conditions']} conditions "
        f"(version {catalogue.version}, loaded in {elapsed:.0f} ms)"
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(Path(args.data), checks=ATLAS_CHECKS)
    print(stats_text(catalogue))
    return 0


def stats_text(catalogue: Catalogue) -> str:
    """Coverage of the catalogue: totals, per body area and per condition."""
    counts = catalogue.counts()
    lines = [
        f"muscles: {counts['muscles']}",
        f"trigger points: {counts['trigger_points']}",
        f"regions: {counts['regions']} in {counts['views']} views",
        f"conditions: {counts['conditions']}",
        "",
        "per body area (muscles / trigger points):",
    ]
    muscles_per_area = Counter(m.area for m in catalogue.muscles.values())
    tps_per_area = Counter(catalogue.muscles[tp.muscle].area for tp in catalogue.trigger_points.values())
    for area in sorted(muscles_per_area):
        lines.append(f"  {area:<20} {muscles_per_area[area]:>4} / {tps_per_area[area]:>4}")
    lines += ["", "per condition (trigger points):"]
    for condition in sorted(catalogue.conditions.values(), key=lambda c: c.name):
        lines.append(f"  {condition.name:<45} {len(catalogue.tps_by_condition.get(condition.id, ())):>4}")
    return "\n".join(lines)


def cmd_render(args: argparse.Namespace) -> int:
    from app.body.render import write_views

    catalogue = load_catalogue(Path(args.data), checks=ATLAS_CHECKS)
    written = write_views(catalogue, Path(args.out))
    for path in written:
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app

    settings = Settings(
        data_dir=Path(args.data), host=args.host, port=args.port, reload_data=args.reload_data, figure=args.figure
    )
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="triggermap", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    data_help = "data folder (default: $TRIGGERMAP_DATA or the repository's data/)"

    serve = sub.add_parser("serve", help="start the web app and JSON API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--data", default=str(default_data_dir()), help=data_help)
    serve.add_argument("--reload-data", action="store_true", help="watch the data folder and reload valid edits")
    serve.add_argument("--log-level", default="info")
    serve.add_argument(
        "--figure",
        default=default_figure(),
        help="figure drawn when a request names none (default: $TRIGGERMAP_FIGURE or male)",
    )
    serve.set_defaults(func=cmd_serve)

    validate = sub.add_parser("validate", help="check the catalogue; print every error as file:line")
    validate.add_argument("data", nargs="?", default=str(default_data_dir()), help=data_help)
    validate.set_defaults(func=cmd_validate)

    render = sub.add_parser("render", help="write the body diagrams to svg/<view>.svg")
    render.add_argument("--out", default=str(REPO_ROOT / "svg"))
    render.add_argument("--data", default=str(default_data_dir()), help=data_help)
    render.set_defaults(func=cmd_render)

    stats = sub.add_parser("stats", help="print catalogue coverage")
    stats.add_argument("--data", default=str(default_data_dir()), help=data_help)
    stats.set_defaults(func=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CatalogueInvalid as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"{len(exc.errors)} error(s); the catalogue was not loaded.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
