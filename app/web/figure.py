"""Which body figure a page draws, and how the choice follows a person from page to page.

The choice lives in the URL (`?figure=female`), never in a cookie: pages are answered from a memo keyed
by path and query, and a shared or bookmarked link must show what its sender saw. So a page that names
a figure other than the server's default carries it on: every link to another page and every diagram it
embeds gets the same `figure=`, rewritten once in the rendered HTML rather than in each template.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi import Request

from app.body.figures import figure_label
from app.queries.diagrams import Diagrams
from app.queries.snapshot import Snapshot

# Links and diagram sources inside the app that show a figure: pages, the fragment, handouts, /svg.
# Not the JSON API, static files or the docs, which draw nothing.
_CARRIES = re.compile(r'(?P<attr>\b(?:href|src|action)=")(?P<url>/(?!static/|api/|docs|openapi|healthz)[^"#]*)')


def chosen(request: Request, snap: Snapshot) -> str | None:
    """The figure the URL names, if the catalogue has it (an unknown one falls back to the default)."""
    name = request.query_params.get("figure")
    return name if name in snap.figures else None


def diagrams_for(request: Request, snap: Snapshot) -> Diagrams:
    return snap.diagrams_for(chosen(request, snap))


def carried(request: Request, snap: Snapshot) -> str | None:
    """The figure a page's links must carry: one named in the URL that is not the server's default."""
    name = chosen(request, snap)
    return name if name is not None and name != snap.diagrams.figure else None


def carry(html: str, figure: str) -> str:
    """Every in-app link and diagram source of a page with `figure=` added, unless it names a figure itself
    (the figure switch's links do)."""

    def add(match: re.Match[str]) -> str:
        path, _, query = match["url"].partition("?")
        if any(p.startswith("figure=") for p in query.split("&amp;")):
            return match[0]
        joined = f"{query}&amp;" if query else ""
        return f"{match['attr']}{path}?{joined}{urlencode({'figure': figure})}"

    return _CARRIES.sub(add, html)


# Set by a route whose HTML stands in for another page (the explorer's fragment for the explorer).
PAGE_PATH = "triggermap.page_path"


def switch(request: Request, snap: Snapshot) -> list[tuple[str, str, str, bool]]:
    """The figure switch: (id, label, this page's URL with that figure, current) per figure."""
    current = chosen(request, snap) or snap.diagrams.figure
    page = request.scope.get(PAGE_PATH) or request.scope["path"]
    kept = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "figure"])
    # Each link names its figure, so the page's own figure is not carried onto it.
    return [
        (
            name,
            figure_label(snap.catalogue, name),
            f"{page}?{kept}&figure={name}" if kept else f"{page}?figure={name}",
            name == current,
        )
        for name in snap.figures
    ]
