"""Read YAML while keeping the line of every node, so errors map back to file:line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.errors import DataError

PathKey = tuple[str | int, ...]


@dataclass
class SourceDocument:
    """Plain Python data of one YAML file, with the line of each node by path."""

    file: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: PathKey) -> int:
        """The line of the deepest known node on `path` (1-based)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1

    def error(self, path: PathKey, message: str) -> DataError:
        return DataError(self.file, self.line_of(path), message)


def display_name(path: Path) -> str:
    """A path as a person would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    """Record the line of every node below `node`, keyed by its path in the document."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, str(key_node.value))
            lines[child] = key_node.start_mark.line + 1
            _lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _lines(item, child, lines)


# The C loader when PyYAML was built with libyaml: loading is then ~10x faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> SourceDocument | DataError:
    """Parse one file; a syntax error comes back as a DataError, never raised."""
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return DataError(name, 1, f"cannot read file: {exc}")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        return DataError(name, line, f"YAML syntax error: {what}")
    except yaml.YAMLError as exc:
        return DataError(name, 1, f"YAML error: {exc}")
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {(): 1}
    if node is not None:
        _lines(node, (), lines)
    return SourceDocument(name, data, lines)
