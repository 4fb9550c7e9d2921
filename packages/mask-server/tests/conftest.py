"""Fixtures: the real app served by uvicorn on a loopback port, and a throwaway PostgreSQL cluster."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from mask_core import reset_default_client
from mask_server import create_app
from mask_server.testing import LiveServer, Running, make_client, postgres_cluster, settings_for


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("MASK_") and name != "MASK_REQUIRE_SERVERS":
            monkeypatch.delenv(name)
    reset_default_client()
    yield
    reset_default_client()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Running]:
    client = make_client()
    app = create_app(settings_for(tmp_path), client=client)
    with LiveServer(app) as live:
        yield Running(live.url, app, client, tmp_path)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_cluster() as url:
        if url is None:
            if os.environ.get("MASK_REQUIRE_SERVERS") == "1":
                pytest.fail("PostgreSQL (initdb, pg_ctl) is required: apt-get install postgresql")
            pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
        yield url
