"""The OpenAPI spec fuzzed with schemathesis against the real app over real HTTP.

Every generated request (valid and invalid bodies) must get a documented status code, a response that
matches its schema, and never a 5xx. A server error, an undocumented status, or a body that does not
match the spec fails the test with the request that caused it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from mask_server import create_app
from mask_server.testing import KEYS, LiveServer, make_client, settings_for

AUTH = {"Authorization": f"Bearer {KEYS['admin'][0]}"}


@pytest.fixture(scope="module")
def live_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    app = create_app(settings_for(tmp), client=make_client())
    with LiveServer(app) as live:
        yield schemathesis.openapi.from_url(f"{live.url}/openapi.json")


def _operations() -> list[str]:
    return [
        "POST /api/v1/governance/pii/detect",
        "POST /api/v1/firewall/apply",
        "POST /api/v1/tokenize",
        "POST /api/v1/detokenize",
        "POST /analyze",
        "GET /supportedentities",
        "GET /health",
        "GET /metrics",
    ]


@pytest.mark.parametrize("operation", _operations())
def test_every_operation_conforms(live_schema: schemathesis.BaseSchema, operation: str) -> None:
    # schemathesis' own pytest plugin does not load under pytest 9 yet; its engine does, so the
    # operation's hypothesis strategy is driven here directly (same checks, same generation).
    method, path = operation.split(" ", 1)
    found = [r.ok() for r in live_schema.get_all_operations()]
    op = next(o for o in found if o.method.upper() == method and o.path == path)

    @given(case=op.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=AUTH)

    run()


def test_the_spec_lists_the_public_routes(live_schema: schemathesis.BaseSchema) -> None:
    paths = set(live_schema.raw_schema["paths"])
    assert {
        "/api/v1/governance/pii/detect",
        "/api/v1/firewall/apply",
        "/api/v1/tokenize",
        "/api/v1/detokenize",
        "/analyze",
        "/supportedentities",
        "/health",
        "/metrics",
    } <= paths
    assert not any(p.startswith("/console") for p in paths)
