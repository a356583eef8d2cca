"""Schemathesis over the app's own OpenAPI document: no 5xx, no response outside its documented schema.

Runs in-process over the repository's catalogue, with fixed seeds and a
bounded number of examples, so a run is repeatable and takes seconds.
The schema is loaded at import rather than through `schemathesis.pytest.from_fixture`:
the lazy loader of schemathesis 4.32 breaks on pytest 9 (it sets `node._nodeid`).
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, seed, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from app.main import create_app
from app.settings import Settings
from tests.conftest import DATA

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
QUICK = settings(
    deadline=None,
    database=None,  # nothing written to .hypothesis/: a run depends on the seed alone
    suppress_health_check=list(HealthCheck),
)

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(data_dir=DATA)))


@schema.parametrize()
@seed(1)
@settings(QUICK, max_examples=EXAMPLES_PER_OPERATION)
def test_no_server_error_and_every_response_matches_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


class Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """Sequences that feed ids from one response (a list, the export) into the next request, so
    real records are fetched and drawn, not only random ids answered 404."""

    def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
        case.validate_response(response, checks=CHECKS)


def test_workflows_over_real_ids() -> None:
    run_state_machine_as_test(
        Workflow, settings=settings(QUICK, max_examples=30, stateful_step_count=4, derandomize=True)
    )
