"""A small typed Python client for the triggermap API, on httpx.

    with TriggermapClient("http://127.0.0.1:8000") as tm:
        hits = tm.lookup(regions=["temple-right"])
        print(hits.items[0].explanation)

Results are the API's own response models, so an app gets attributes and
types rather than dictionaries. An error answered as problem+json raises
`TriggermapError`, which carries the problem (status, title, detail,
suggestions) for the app to show.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel

from app.schemas import (
    CatalogueExport,
    ConditionOut,
    ConditionSummary,
    LookupOut,
    MuscleOut,
    MuscleSummary,
    Page,
    Problem,
    RegionOut,
    TriggerPointOut,
    TriggerPointSummary,
)

M = TypeVar("M", bound=BaseModel)
API = "/api/v1"
PAGE_SIZE = 100


class TriggermapError(Exception):
    """The API answered with an RFC 9457 problem: `problem` holds it, `status` its HTTP status."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(f"{problem.status} {problem.title}: {problem.detail}")
        self.problem = problem
        self.status = problem.status


class TriggermapClient:
    """Reads the triggermap API. `transport` swaps the network for e.g. an in-process app in tests."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 10.0,
    ) -> None:
        self._http = httpx.Client(base_url=base_url, transport=transport, timeout=timeout)

    def __enter__(self) -> TriggermapClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _get(self, path: str, params: dict[str, Any] | None = None) -> httpx.Response:
        # Unset filters are left out rather than sent empty: the API reads an empty value as a filter.
        query = {key: value for key, value in (params or {}).items() if value is not None}
        response = self._http.get(path, params=query)
        if response.is_error and response.headers.get("content-type", "").startswith("application/problem+json"):
            raise TriggermapError(Problem.model_validate_json(response.content))
        response.raise_for_status()  # a problem without problem+json (a proxy, a crash): httpx's own error
        return response

    def _model(self, model: type[M], path: str, params: dict[str, Any] | None = None) -> M:
        return model.model_validate_json(self._get(path, params).content)

    def _all(self, model: type[M], path: str, params: dict[str, Any]) -> Iterator[M]:
        offset = 0
        while True:
            page = self._model(Page[model], path, {**params, "limit": PAGE_SIZE, "offset": offset})  # type: ignore[valid-type]
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    # Lists: one page, with the API's filters as keyword arguments.
    def regions(self, *, limit: int = PAGE_SIZE, offset: int = 0, **filters: str | None) -> Page[RegionOut]:
        return self._model(Page[RegionOut], f"{API}/regions", {**filters, "limit": limit, "offset": offset})

    def muscles(self, *, limit: int = PAGE_SIZE, offset: int = 0, **filters: str | None) -> Page[MuscleSummary]:
        return self._model(Page[MuscleSummary], f"{API}/muscles", {**filters, "limit": limit, "offset": offset})

    def trigger_points(
        self, *, limit: int = PAGE_SIZE, offset: int = 0, **filters: str | None
    ) -> Page[TriggerPointSummary]:
        params = {**filters, "limit": limit, "offset": offset}
        return self._model(Page[TriggerPointSummary], f"{API}/trigger-points", params)

    def conditions(self, *, limit: int = PAGE_SIZE, offset: int = 0, q: str | None = None) -> Page[ConditionSummary]:
        return self._model(Page[ConditionSummary], f"{API}/conditions", {"q": q, "limit": limit, "offset": offset})

    def all_trigger_points(self, **filters: str | None) -> Iterator[TriggerPointSummary]:
        """Every trigger point matching the filters, following the pages."""
        return self._all(TriggerPointSummary, f"{API}/trigger-points", filters)

    # Records by id.
    def region(self, region_id: str) -> RegionOut:
        return self._model(RegionOut, f"{API}/regions/{_segment(region_id)}")

    def muscle(self, muscle_id: str) -> MuscleOut:
        return self._model(MuscleOut, f"{API}/muscles/{_segment(muscle_id)}")

    def trigger_point(self, trigger_point_id: str) -> TriggerPointOut:
        return self._model(TriggerPointOut, f"{API}/trigger-points/{_segment(trigger_point_id)}")

    def condition(self, condition_id: str) -> ConditionOut:
        return self._model(ConditionOut, f"{API}/conditions/{_segment(condition_id)}")

    def lookup(self, regions: Sequence[str] = (), *, choir: Sequence[int | str] = (), limit: int = 20) -> LookupOut:
        """Which trigger points may cause pain in these regions (ids) or CHOIR body map codes."""
        params = {"region": list(regions), "choir": [str(code) for code in choir], "limit": limit}
        return self._model(LookupOut, f"{API}/lookup", params)

    # Exports.
    def export_catalogue(self) -> CatalogueExport:
        return self._model(CatalogueExport, f"{API}/export/catalogue.json")

    def export_trigger_points_csv(self) -> str:
        return self._get(f"{API}/export/trigger-points.csv").text

    def export_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = self._get(f"{API}/export/schema.json").json()
        return schema


def _segment(ident: str) -> str:
    """An id as one path segment: a slash or a dot-dot in it must not reach another route."""
    quoted = quote(ident, safe="")
    return quoted.replace(".", "%2E") if set(ident) <= {"."} else quoted
