"""create_app(settings) -> FastAPI: wiring only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__
from app.api import catalogue, docs, exports, health, lookup, responses, search, svg
from app.errors import ProblemError
from app.http.activity import Activity, TrackActivity
from app.http.middleware import ReplayResponses, ResponseMemo, SecurityHeaders
from app.http.problems import error_handler
from app.http.shortcuts import Shortcuts
from app.queries.store import Store
from app.queries.warming import IdleWarmer
from app.settings import Settings
from app.web import explorer, pages
from app.web.kept import Kept
from app.web.templating import error_page, make_templates

DESCRIPTION = """\
Myofascial trigger points, their referred-pain patterns and a reverse lookup
("it hurts here: which trigger points may cause it?"), as JSON.

Every response carries a strong ETag and `Cache-Control`; send `If-None-Match`
to get a `304`. Errors are RFC 9457 `application/problem+json`. Read-only and
public: CORS allows GET from any origin.

triggermap informs; it does not diagnose.
"""


def operation_id(route: APIRoute) -> str:
    """Clean OpenAPI operation ids (`list_regions`, `lookup`), not `list_regions_api_v1_regions_get`."""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    store = Store(settings.data_dir, settings.figure, warm=settings.warm, cache_dir=settings.cache_dir)
    activity = Activity()
    warmer: IdleWarmer | None = None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm:  # thumbnails drawn once, after startup, not on request
            store.snapshot.warm_in_background()
        if warmer is not None:
            warmer.start()
        if settings.reload_data:
            store.watch(settings.reload_interval)
        yield
        if warmer is not None:
            warmer.stop()
        store.stop()

    app = FastAPI(
        title="triggermap",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    published = app.openapi
    app.openapi = lambda: responses.publish_problem(published())  # type: ignore[method-assign]
    app.state.store = store
    # Templates re-read on change only where data is too (`serve --reload-data`, an author at work).
    app.state.templates = make_templates(settings.templates_dir, auto_reload=settings.reload_data)
    app.state.kept = Kept()  # page parts rendered once per catalogue (app/web/kept.py)
    handle = error_handler(error_page)  # one decision for every error: HTML for pages, problem+json for the API
    for kind in (ProblemError, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(kind, handle)
    for router in (
        health.router,
        catalogue.router,
        lookup.router,
        search.router,
        exports.router,
        svg.router,
        docs.router,
        pages.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    # New pain drawings skip routing and validation when plainly valid (app/http/shortcuts.py).
    shortcuts = {lookup.PATH: lookup.lookup_shortcut(lambda: store.snapshot), **explorer.shortcuts()}
    app.add_middleware(Shortcuts, routes=shortcuts)
    # Then replays, which pass through the others. The memo empties whenever the catalogue version changes.
    app.state.replay_memo = ResponseMemo()
    app.add_middleware(ReplayResponses, version=lambda: store.snapshot.version, memo=app.state.replay_memo)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["If-None-Match", "Accept", "Content-Type"],
        expose_headers=["ETag", "Link"],
        max_age=86400,
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrackActivity, activity=activity)
    if settings.idle_warm:
        warmer = IdleWarmer(lambda: store.snapshot, lambda snap: explorer.warm_steps(app, snap), activity.idle)
    app.state.warmer = warmer
    return app
