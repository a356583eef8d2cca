"""HTML pages: the same queries as the JSON API, rendered by templates/. One router for create_app."""

from __future__ import annotations

from fastapi import APIRouter

from app.web import catalogue_pages, explorer, info
from app.web.templating import error_page

router = APIRouter(include_in_schema=False)
for _family in (explorer.router, catalogue_pages.router, info.router):
    router.include_router(_family)

__all__ = ["error_page", "router"]
