"""create_app(settings) -> FastAPI: wiring only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__, http
from app.api import docs, exports, health, lookup_routes, resources, search_routes, svg_routes
from app.errors import ProblemError
from app.middleware import ReplayResponses, SecurityHeaders
from app.settings import Settings
from app.state import Store
from app.web import pages

DESCRIPTION = """\
Myofascial trigger points, their referred-pain patterns and a reverse lookup
("it hurts here: which trigger points may cause it?"), as JSON.

Every response carries a strong ETag and `Cache-Control`; send `If-None-Match`
to get a `304`. Errors are RFC 9457 `application/problem+json`. Read-only and
public: CORS allows GET from any origin.

triggermap informs; it does not diagnose.
"""
STATIC_DIR = __import__("pathlib").Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    store = Store(settings.data_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.reload_data:
            store.watch(settings.reload_interval)
        yield
        store.stop()

    app = FastAPI(
        title="triggermap",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.add_exception_handler(ProblemError, http.on_problem)
    app.add_exception_handler(RequestValidationError, http.on_validation)
    app.add_exception_handler(StarletteHTTPException, http.on_http)
    for router in (
        health.router,
        resources.router,
        lookup_routes.router,
        search_routes.router,
        exports.router,
        svg_routes.router,
        docs.router,
        pages.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(ReplayResponses, store=store)  # innermost: replays pass through the others
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
    return app
