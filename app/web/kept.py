"""Page parts that depend only on the catalogue: rendered once per catalogue, then filled per state.

The explorer lists every region as a checkbox (~190) for screen readers and
browsers without the map; rendering that list through Jinja costs more than
the rest of the page. It is rendered once with a slot where a state puts
`checked`, and each state joins the text with its own values. The explorer
page itself is rendered once per shape (`KeptPage`): its template's
conditions fixed, everything else a slot.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Mapping
from typing import Any

from markupsafe import Markup, escape

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in the catalogue's text
_SLOT = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")


def slot(key: str) -> Markup:
    """A place a state fills, named by `key` (to put in the text rendered once)."""
    return Markup(f"{_OPEN}{key}{_CLOSE}")


class Slotted:
    """Text rendered once, split at its slots: static text at even positions of `parts`, slots at odd ones."""

    def __init__(self, text: str, pool: dict[str, str] | None = None) -> None:
        """`pool` shares equal static pieces between texts (the variants of one card are mostly alike)."""
        pieces = _SLOT.split(text)
        shared = pool if pool is not None else {}
        self.parts = [shared.setdefault(piece, piece) if i % 2 == 0 else "" for i, piece in enumerate(pieces)]
        self.keys = pieces[1::2]
        self.where: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            self.where.setdefault(key, []).append(2 * i + 1)
        self.slots = [(2 * i + 1, key) for i, key in enumerate(self.keys)]

    def filled(self, values: Mapping[str, str]) -> str:
        """The text with each slot's (escaped) value from `values`, which names every key."""
        parts = self.parts.copy()
        for at, key in self.slots:
            parts[at] = values[key]
        return "".join(parts)

    def checked(self, selected: Collection[str]) -> Markup:
        """Each slot ` checked` when its key is selected, else nothing."""
        parts = self.parts.copy()
        for key in selected:
            for at in self.where.get(key, ()):
                parts[at] = " checked"
        return Markup("".join(parts))


class Kept:
    """One app's page parts for the catalogue it serves; a new catalogue (a reload) starts afresh."""

    def __init__(self) -> None:
        self._version = ""
        self._parts: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, version: str, name: str, build: Callable[[], Any]) -> Any:
        if version == self._version and name in self._parts:
            return self._parts[name]
        with self._lock:
            if version != self._version:
                self._parts = {}
                self._version = version
            if name not in self._parts:
                self._parts[name] = build()
            return self._parts[name]


class Calls:
    """Stands in for an object while a template is rendered once: the attributes in `fixed` are the object's
    own, and each method call returns a slot, recorded so that `KeptPage.fill` makes it on the real object."""

    def __init__(self, fixed: Mapping[str, Any], prefix: str = "call:") -> None:
        self._fixed = dict(fixed)
        self._prefix = prefix
        self.made: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._fixed:
            return self._fixed[name]

        def call(*args: Any, **kwargs: Any) -> Markup:
            key = f"{self._prefix}{len(self.made)}"
            self.made[key] = (name, args, kwargs)
            return slot(key)

        return call


class KeptPage:
    """A page rendered once for every state of one shape (what its template's conditions depend on), with a
    slot for each value that differs within the shape: a state joins the text with its own values."""

    def __init__(self, text: str, calls: Calls, pool: dict[str, str] | None = None) -> None:
        self.slotted = Slotted(text, pool)
        self.calls = calls.made

    def fill(self, real: object, values: Mapping[str, str]) -> str:
        """The page of one state: each recorded call made on `real` and escaped, the other slots from
        `values` (escaped HTML)."""
        filled = dict(values)
        for key, (name, args, kwargs) in self.calls.items():
            filled[key] = escape(getattr(real, name)(*args, **kwargs))
        return self.slotted.filled(filled)
