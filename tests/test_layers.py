"""The house in app/, enforced: which package may import which (read from the source with ast, lazy imports too).

From the top: main and cli -> api and web -> http and queries -> schemas ->
lookup, search, body -> catalogue -> errors and settings. api/ and web/ never
import each other; the query layer imports no web framework; the SDK imports
only the published schemas.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
FRAMEWORKS = ("fastapi", "starlette", "jinja2", "uvicorn")
# package -> packages (of the app) it may not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "app.api": ("app.web", "app.main", "app.cli"),
    "app.web": ("app.api", "app.main", "app.cli"),
    "app.http": ("app.api", "app.web", "app.queries", "app.main", "app.cli"),
    "app.queries": ("app.api", "app.web", "app.http", "app.main", "app.cli"),
    "app.schemas": ("app.api", "app.web", "app.http", "app.queries", "app.body", "app.main", "app.cli"),
    "app.lookup": ("app.api", "app.web", "app.http", "app.queries", "app.body", "app.main", "app.cli"),
    "app.search": ("app.api", "app.web", "app.http", "app.queries", "app.body", "app.main", "app.cli"),
    "app.body": ("app.api", "app.web", "app.http", "app.queries", "app.lookup", "app.search", "app.main"),
    "app.catalogue": ("app.api", "app.web", "app.http", "app.queries", "app.body", "app.lookup", "app.search"),
    "app.client": ("app.api", "app.web", "app.http", "app.queries", "app.main"),
}
NO_FRAMEWORK = ("app.queries", "app.schemas", "app.lookup", "app.search", "app.body", "app.catalogue", "app.client")
FLOOR = ("app.errors", "app.settings")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports, relative imports resolved, with its line."""
    me = module_name(path).split(".")
    package = me if path.name == "__init__.py" else me[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def under(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def crossings() -> list[str]:
    found = []
    for path in sorted(APP.rglob("*.py")):
        me = module_name(path)
        for line, target in imports(path):
            where = f"app/{path.relative_to(APP)}:{line}"
            for package, forbidden in FORBIDDEN.items():
                if under(me, package) and under(target, *forbidden):
                    found.append(f"{where}: {me} imports {target}")
            if under(me, *NO_FRAMEWORK) and under(target, *FRAMEWORKS):
                found.append(f"{where}: {me} imports the web framework ({target})")
            if me in FLOOR and under(target, "app") and not under(target, *FLOOR):
                found.append(f"{where}: {me} is the floor but imports {target}")
            if under(target, "app.cli") and me != "app.cli":
                found.append(f"{where}: nothing imports the CLI")
    return sorted(set(found))


def test_no_import_crosses_a_wall() -> None:
    assert crossings() == []


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_each_layer_exists(package: str) -> None:
    """A rule about a package that is gone would pass silently."""
    name = package.removeprefix("app.").replace(".", "/")
    assert (APP / name).is_dir() or (APP / f"{name}.py").is_file()
