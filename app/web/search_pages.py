"""Pages that are not one record: search and About."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.queries.search import search_result
from app.search import MAX_QUERY
from app.web.templating import render, snapshot

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    """Typo-tolerant search; an over-long query is cut, not refused, since a person typed it."""
    q = q[:MAX_QUERY].strip()
    found = search_result(snapshot(request), q, 40)
    twins = ["/api/v1/search?" + urlencode({"q": q})] if q else []
    items = [hit.model_dump(mode="json") for hit in found.items]
    return render(request, "search.html", {"q": q, "items": items}, twins=twins)


@router.get("/about", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    counts = snapshot(request).catalogue.counts()
    return render(request, "about.html", {"counts": counts}, twins=["/healthz"])
