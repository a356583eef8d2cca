"""HTML pages: the same queries as the JSON API, rendered by templates/."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.settings import REPO_ROOT

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=REPO_ROOT / "templates")


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "detail": detail}, status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    snap = request.app.state.store.snapshot
    return templates.TemplateResponse(request, "home.html", {"counts": snap.catalogue.counts()})
