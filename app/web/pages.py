"""HTML pages: the same queries as the JSON API, rendered by templates/. One router for create_app."""

from __future__ import annotations

from fastapi import APIRouter

from app.web import catalogue_pages, explorer, search_pages

router = APIRouter(include_in_schema=False)
for _family in (explorer.router, catalogue_pages.router, search_pages.router):
    router.include_router(_family)
