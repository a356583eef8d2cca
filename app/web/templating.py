"""Rendering pages: the app's Jinja2 environment, its name filters, and the JSON twin every page links.

Each page is the HTML face of one JSON query; `render` puts the twin's URL in
a `Link` header and in the template's `<link rel="alternate">` (as datasette
does), so a reader of any page can ask for the same data as JSON. The
environment belongs to the app (made by `make_templates` in create_app), not
to this module, so two apps never share filters or state.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from app import urls
from app.catalogue.index import Catalogue
from app.http.caching import mark_replayable
from app.queries.snapshot import Snapshot
from app.web import figure


def snapshot(request: Request) -> Snapshot:
    snap: Snapshot = request.app.state.store.snapshot
    return snap


def _snap(context: Context) -> Snapshot:
    return snapshot(context["request"])


@pass_context
def region_name(context: Context, region_id: str) -> str:
    """A concrete or side-neutral region id as words ("right temple", "temple")."""
    return region_label(_snap(context).catalogue, region_id)


def region_label(c: Catalogue, region_id: str) -> str:
    """`region_name` without a template context."""
    if region_id in c.regions:
        return c.regions[region_id].name
    spec = c.region_specs.get(region_id)
    return spec.name if spec else region_id


@pass_context
def condition_name(context: Context, condition_id: str) -> str:
    found = _snap(context).catalogue.conditions.get(condition_id)
    return found.name if found else condition_id


@pass_context
def muscle_name(context: Context, muscle_id: str) -> str:
    found = _snap(context).catalogue.muscles.get(muscle_id)
    return found.name if found else muscle_id


@pass_context
def tp_name(context: Context, tp_id: str) -> str:
    found = _snap(context).catalogue.trigger_points.get(tp_id)
    return found.name if found else tp_id


def words(items: Sequence[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def make_templates(directory: Path, auto_reload: bool = True) -> Jinja2Templates:
    """The Jinja2 environment of one app, with its filters and the URL builder as a global.

    Without `auto_reload`, a template is read once: no file system check on every page (three a page).
    """
    templates = Jinja2Templates(directory=directory)
    templates.env.auto_reload = auto_reload
    templates.env.filters.update(
        region_name=region_name, condition_name=condition_name, muscle_name=muscle_name, tp_name=tp_name, words=words
    )
    templates.env.globals.update(urls=urls)
    return templates


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    twins: Sequence[str] = (),
    status: int = 200,
) -> HTMLResponse:
    """A page from its template, linking its JSON twin(s) in the head and in a `Link` header."""
    templates: Jinja2Templates = request.app.state.templates
    snap = snapshot(request)
    carried = figure.carried(request, snap)
    context = {
        **context,
        "twins": list(twins),
        "figure_switch": figure.switch(request, snap),
        "carried_figure": carried,  # GET forms carry it in a hidden field: their action's query is dropped
    }
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status)
    return respond(request, bytes(response.body).decode(), twins, status, carried)


def respond(
    request: Request, html: str, twins: Sequence[str] = (), status: int = 200, carried: str | None = None
) -> HTMLResponse:
    """A rendered page as the response: the figure chosen carried on its links, its JSON twins in a `Link`
    header, and marked replayable (a page is a pure function of catalogue, path and query)."""
    if carried is None:
        carried = figure.carried(request, snapshot(request))
    if carried is not None:  # the figure chosen follows the person to every page this one links
        html = figure.carry(html, carried)
    response = HTMLResponse(html, status_code=status)
    if status == 200:
        mark_replayable(request)
    if twins:
        response.headers["Link"] = ", ".join(f'<{t}>; rel="alternate"; type="application/json"' for t in twins)
    return response


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    """The HTML face of every error on a page (the app's one error handler calls it)."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "detail": detail}, status_code=status)
