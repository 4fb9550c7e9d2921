"""Faults on real servers: down, frozen, killed mid-run and restarted. Fail-shut, then recover.

Every backend must turn an unreachable server into VaultUnavailableError within its configured timeout
(MASK_VAULT_TIMEOUT), return nothing in clear, and work again once the server is back, without a new
process or a new vault object.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mask_core import (
    MaskClient,
    MaskConfigurationError,
    MemoryVault,
    TokenNotFoundError,
    VaultUnavailableError,
)
from mask_core.keys import generate_key
from mask_core.settings import MaskSettings
from mask_core.testing import assert_no_pii
from mask_core.testing.servers import (
    ServerProcess,
    free_port,
    start_memcached,
    start_moto,
    start_redis,
    start_redis_cluster,
)
from mask_core.vault._retry import RetryPolicy
from mask_core.vault.base import Vault

from .conftest import AWS, start_or_skip

# Servers killed, frozen and restarted, timeouts waited out: seconds per test.
pytestmark = [pytest.mark.servers, pytest.mark.slow]

TIMEOUT = 1.0
SLACK = 0.6  # scheduling noise on a loaded 2-core machine
PII = "alice.johnson@example.com"
POLICY = RetryPolicy(timeout=TIMEOUT)


def _vault(kind: str, port: int, **kw: Any) -> Vault:
    if kind in ("redis", "redis-cluster"):
        from mask_core.vault.redis import RedisVault

        return RedisVault(f"redis://127.0.0.1:{port}/0", cluster=kind == "redis-cluster", policy=POLICY, **kw)
    if kind == "memcached":
        from mask_core.vault.memcached import MemcachedVault

        return MemcachedVault([f"127.0.0.1:{port}"], policy=POLICY, **kw)
    from mask_core.vault.dynamodb import DynamoDBVault

    return DynamoDBVault("mask-faults", endpoint_url=f"http://127.0.0.1:{port}", policy=POLICY, **AWS, **kw)


def _refuses_in_time(call: Callable[[], object]) -> VaultUnavailableError:
    started = time.monotonic()
    with pytest.raises(VaultUnavailableError) as info:
        call()
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK, f"took {elapsed:.2f}s, budget {TIMEOUT}s"
    assert_no_pii(str(info.value), repr(info.value), str(info.value.__cause__))
    return info.value


@pytest.mark.parametrize("kind", ["redis", "redis-cluster", "memcached", "dynamodb"])
def test_server_down_fails_shut_within_the_timeout(kind: str) -> None:
    key = generate_key()
    token = MaskClient(tenant="acme", master_key=key, vault=MemoryVault()).encode(PII)
    with _vault(kind, free_port()) as vault:
        client = MaskClient(tenant="acme", master_key=key, vault=vault)
        _refuses_in_time(lambda: client.encode(PII))
        _refuses_in_time(lambda: client.decode(token))
        _refuses_in_time(lambda: client.deep_encode({"to": PII}))
        _refuses_in_time(lambda: client.deep_decode({"to": token}))
        _refuses_in_time(lambda: client.detokenize_text(f"write to {token}"))
        _refuses_in_time(lambda: asyncio.run(client.aencode(PII)))
        _refuses_in_time(lambda: asyncio.run(client.adeep_decode({"to": token})))


# -- a frozen server: connections open, no answers ----------------------------------------------------
def _start(kind: str, tmp_path: Path) -> ServerProcess:
    if kind == "redis":
        return start_or_skip(lambda: start_redis(tmp_path, persistent=True))
    if kind == "memcached":
        return start_or_skip(start_memcached)
    return start_or_skip(start_moto)


@pytest.fixture
def own_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerProcess]:
    server = _start(request.param, tmp_path)
    yield server
    server.stop()


def _warm_up_moto(server: ServerProcess) -> None:
    """moto loads its DynamoDB backend on the first request (seconds): not what these tests measure."""
    from mask_core.vault.dynamodb import DynamoDBVault

    with DynamoDBVault("warm-up", endpoint_url=f"http://127.0.0.1:{server.port}", **AWS) as admin:
        admin.create_table()


def _ready_vault(kind: str, server: ServerProcess) -> Vault:
    vault = _vault(kind, server.port)
    if kind == "dynamodb":
        vault.create_table()  # type: ignore[attr-defined]
    return vault


@pytest.mark.parametrize(
    ("own_server", "kind"), [(k, k) for k in ("redis", "memcached", "dynamodb")], indirect=["own_server"]
)
def test_frozen_server_times_out_then_recovers(own_server: ServerProcess, kind: str) -> None:
    with _ready_vault(kind, own_server) as vault:
        client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
        token = client.encode(PII)
        own_server.freeze()
        try:
            _refuses_in_time(lambda: client.encode("bob.martinez@example.com"))
            _refuses_in_time(lambda: client.decode(token))
            _refuses_in_time(lambda: asyncio.run(client.adecode(token)))
        finally:
            own_server.thaw()
        assert client.decode(token) == PII
        assert asyncio.run(client.adecode(token)) == PII


# -- killed mid-run, restarted on the same port ---------------------------------------------------------
@pytest.mark.parametrize("own_server", ["redis"], indirect=True)
def test_redis_killed_mid_run_recovers_and_loses_nothing(own_server: ServerProcess) -> None:
    """Encoding continues in a thread while the server dies and comes back (AOF fsync always)."""
    with _vault("redis", own_server.port) as vault:
        client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
        done: dict[str, str] = {}
        errors: list[BaseException] = []
        stop = threading.Event()

        def work() -> None:
            i = 0
            while not stop.is_set():
                value = f"user{i}@example.com"
                try:
                    done[value] = client.encode(value)
                    i += 1
                except BaseException as exc:
                    errors.append(exc)
                    time.sleep(0.05)

        worker = threading.Thread(target=work)
        worker.start()
        try:
            _wait_for(lambda: len(done) >= 50)
            own_server.kill()
            _wait_for(lambda: len(errors) >= 3)
            own_server.start()
            count = len(done)
            _wait_for(lambda: len(done) >= count + 50)
        finally:
            stop.set()
            worker.join()
        assert all(isinstance(e, VaultUnavailableError) for e in errors), {type(e) for e in errors}
        for value, token in done.items():
            assert client.decode(token) == value
            assert client.encode(value) == token


def test_async_client_recovers_after_restart(tmp_path: Path) -> None:
    server = start_or_skip(lambda: start_redis(tmp_path, persistent=True))
    try:
        with _vault("redis", server.port) as vault:
            client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)

            async def scenario() -> None:  # one event loop, one async client, throughout
                token = await client.aencode(PII)
                server.kill()
                with pytest.raises(VaultUnavailableError):
                    await client.adecode(token)
                server.start()
                assert await client.adecode(token) == PII
                assert await client.aencode(PII) == token

            asyncio.run(scenario())
    finally:
        server.stop()


@pytest.mark.parametrize("own_server", ["memcached"], indirect=True)
def test_memcached_restart_recovers_but_forgets(own_server: ServerProcess) -> None:
    with _vault("memcached", own_server.port) as vault:
        client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
        token = client.encode(PII)
        own_server.kill()
        _refuses_in_time(lambda: client.decode(token))
        own_server.start()
        with pytest.raises(TokenNotFoundError):
            client.decode(token)  # memcached keeps nothing across a restart: see docs/vaults.md
        assert client.encode(PII) == token, "the same value gets the same token again"
        assert client.decode(token) == PII


@pytest.mark.parametrize("own_server", ["dynamodb"], indirect=True)
def test_dynamodb_endpoint_restart_recovers(own_server: ServerProcess) -> None:
    with _ready_vault("dynamodb", own_server) as vault:
        client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
        token = client.encode(PII)
        own_server.kill()
        _refuses_in_time(lambda: client.decode(token))
        own_server.start(timeout=60)
        _warm_up_moto(own_server)
        error = _refuses_in_time(lambda: client.encode(PII))  # moto forgot the table
        assert "create_table" in str(error)
        vault.create_table()  # type: ignore[attr-defined]
        assert client.encode(PII) == token
        assert client.decode(token) == PII


def test_cluster_node_killed_and_restarted(tmp_path: Path) -> None:
    cluster = start_or_skip(lambda: start_redis_cluster(tmp_path, persistent=True))
    try:
        with _vault("redis-cluster", cluster.nodes[0].port) as vault:
            client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
            values = [f"user{i}@example.com" for i in range(60)]
            tokens = client.deep_encode(values)
            cluster.nodes[1].kill()
            _refuses_in_time(lambda: client.deep_decode(tokens))  # a third of the keys are on it
            cluster.nodes[1].start()
            cluster.wait_ok()
            _wait_for(lambda: _decodes(client, tokens) == values, timeout=15)
            assert client.deep_encode(values) == tokens
    finally:
        cluster.stop()


def _decodes(client: MaskClient, tokens: object) -> object:
    try:
        return client.deep_decode(tokens)
    except VaultUnavailableError:
        return None


def _wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


# -- development-only fail-open decode --------------------------------------------------------------------
def test_fail_open_decode_is_development_only_and_loud(caplog: pytest.LogCaptureFixture) -> None:
    key = generate_key()
    token = MaskClient(tenant="acme", master_key=key, vault=MemoryVault()).encode(PII)
    dev = MaskSettings(env="development", vault_fail_open_decode=True)
    with _vault("redis", free_port()) as vault:
        client = MaskClient(tenant="acme", master_key=key, vault=vault, settings=dev)
        with caplog.at_level(logging.ERROR, logger="mask_core"):
            assert client.decode(token) == token
            assert client.deep_decode({"to": [token]}) == {"to": [token]}
            assert client.detokenize_text(f"mail {token}") == f"mail {token}"
            assert asyncio.run(client.adecode(token)) == token
            assert asyncio.run(client.adeep_decode({"to": token})) == {"to": token}
            assert asyncio.run(client.adetokenize_text(token)) == token
        loud = [r for r in caplog.records if "FAIL-OPEN DECODE" in r.getMessage()]
        assert len(loud) == 6
        assert_no_pii(caplog.text)
        with pytest.raises(VaultUnavailableError):
            client.encode(PII)  # encoding never fails open: the model would see the value

        plain_dev = MaskClient(
            tenant="acme", master_key=key, vault=vault, settings=MaskSettings(env="development")
        )
        with pytest.raises(VaultUnavailableError):
            plain_dev.decode(token)  # development alone is not enough: the setting is explicit

    with pytest.raises(MaskConfigurationError, match="MASK_ENV=development"):
        MaskClient(
            tenant="acme",
            master_key=key,
            vault=MemoryVault(),
            settings=MaskSettings(vault_fail_open_decode=True),
        )
