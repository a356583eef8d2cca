"""The body map inlined into pages, so its regions are real, keyboard-reachable links.

The diagrams carry their own `<style>` for when they are served as files; a
page's Content-Security-Policy forbids inline styles, so the inlined copy drops
it and site.css styles the same classes.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_PROLOGUE = re.compile(r"<\?xml[^>]*\?>\s*")
_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S)
# svgwrite writes xlink:href; SVG 2's plain href is what scripts and every current browser use.
_XLINK_HREF = re.compile(r" xlink:href=")


def inline(svg: str | bytes | None) -> Markup | None:
    """An SVG document as markup to place inside HTML (svgwrite has escaped its text)."""
    if svg is None:
        return None
    return Markup(inline_text(svg.decode() if isinstance(svg, bytes) else svg))


def inline_text(text: str) -> str:
    """`inline` as text to text. Each rewrite lies within one element's markup, so a map's stencil may apply
    it to its static text once (app/body/stencil.py) instead of to every state's whole map."""
    return _XLINK_HREF.sub(" href=", _STYLE.sub("", _PROLOGUE.sub("", text)))
