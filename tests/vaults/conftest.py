"""Real servers for the vault tests, started once per session on free loopback ports.

A missing server binary skips the tests that need it, with the reason, unless ``MASK_REQUIRE_SERVERS=1``
(CI), where it fails them: CI must never pass by skipping. ``.ci/run`` installs redis-server and
memcached; moto's server comes with the ``test`` dependency group.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from mask_core.testing.servers import (
    RedisCluster,
    ServerMissing,
    ServerProcess,
    start_memcached,
    start_moto,
    start_redis,
    start_redis_cluster,
)
from mask_core.vault._retry import RetryPolicy

# Read at import: the root conftest clears MASK_* variables around every test.
REQUIRE_SERVERS = os.environ.get("MASK_REQUIRE_SERVERS", "") == "1"
#: moto is a single Python process: under a loaded CI machine a request can take seconds, so vaults on
#: it get a larger budget than the 2 s default (the fault tests set their own, tight, budget).
MOTO_POLICY = RetryPolicy(timeout=10.0)
AWS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region": "us-east-1"}
T = TypeVar("T")


def start_or_skip(start: Callable[[], T]) -> T:
    """Start a server; a missing binary skips (or fails under MASK_REQUIRE_SERVERS=1)."""
    try:
        return start()
    except ServerMissing as exc:
        if REQUIRE_SERVERS:
            pytest.fail(f"MASK_REQUIRE_SERVERS=1 but {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def server_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="session")
def redis_server(server_dir: Path) -> Iterator[ServerProcess]:
    server = start_or_skip(lambda: start_redis(server_dir / "redis"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_url(redis_server: ServerProcess) -> str:
    return f"redis://127.0.0.1:{redis_server.port}/0"


@pytest.fixture(scope="session")
def redis_cluster(server_dir: Path) -> Iterator[RedisCluster]:
    cluster = start_or_skip(lambda: start_redis_cluster(server_dir / "cluster"))
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def memcached_server() -> Iterator[ServerProcess]:
    server = start_or_skip(start_memcached)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moto_server() -> Iterator[ServerProcess]:
    server = start_or_skip(start_moto)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moto_url(moto_server: ServerProcess) -> str:
    return f"http://127.0.0.1:{moto_server.port}"


@pytest.fixture(scope="session")
def dynamodb_table(moto_url: str) -> str:
    from mask_core.vault.dynamodb import DynamoDBVault

    with DynamoDBVault("mask-test", endpoint_url=moto_url, **AWS) as vault:
        vault.create_table()
    return "mask-test"


@pytest.fixture
def prefix() -> str:
    """A key prefix of its own for each test: vaults on a shared server start empty."""
    return f"t{uuid.uuid4().hex[:12]}:"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Conformance tests that let a real server's clock run (expiry, refreshed TTLs) wait seconds each;
    they are ``slow``, so the local loop leaves them to CI (the memory vault runs them on a fake clock)."""
    for item in items:
        if item.path.name == "test_conformance.py" and "advance" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
