"""The JSON API against its own OpenAPI spec: no input makes it fail with a 500."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from multipolar.web import create_app  # noqa: E402


def test_no_server_errors_on_any_input(web_db):
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(web_db))
    failures: list[str] = []
    calls: list[int] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:
        _fuzz(operation, failures, calls)
    assert not failures, "\n".join(failures[:10])
    assert len(calls) >= 5 * len(operations), "too few generated requests to mean anything"


def _fuzz(operation, failures: list[str], calls: list[int]) -> None:
    """Call ``operation`` with a bounded number of generated requests, noting every 5xx."""

    @settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
    @given(operation.as_strategy())
    def check(case) -> None:
        response = case.call()
        calls.append(response.status_code)
        if response.status_code >= 500:
            failures.append(f"{operation.label}: {case.path_parameters} {case.query} -> {response.status_code}")

    check()
