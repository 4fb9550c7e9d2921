"""The shared vault conformance suite against every network backend, on real servers.

The memory vault runs the same suite in tests/test_memory_vault.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mask_core.testing.servers import RedisCluster
from mask_core.testing.vault_suite import AsyncVaultConformance, VaultConformance
from mask_core.vault.base import Vault

from .conftest import AWS, MOTO_POLICY

pytestmark = pytest.mark.servers


class _Redis:
    min_ttl = 0.5  # Redis expires to the millisecond (0.5 s leaves margin on a loaded machine)

    @pytest.fixture
    def vault(self, redis_url: str, prefix: str) -> Iterator[Vault]:
        from mask_core.vault.redis import RedisVault

        with RedisVault(redis_url, prefix=prefix) as vault:
            yield vault


class _RedisCluster:
    min_ttl = 0.5

    @pytest.fixture
    def vault(self, redis_cluster: RedisCluster, prefix: str) -> Iterator[Vault]:
        from mask_core.vault.redis import RedisVault

        with RedisVault(redis_cluster.url, cluster=True, prefix=prefix) as vault:
            yield vault


class _Memcached:
    min_ttl = 1.0  # memcached counts whole seconds

    @pytest.fixture
    def vault(self, memcached_server: object, prefix: str) -> Iterator[Vault]:
        from mask_core.vault.memcached import MemcachedVault

        with MemcachedVault([f"127.0.0.1:{memcached_server.port}"], prefix=prefix) as vault:  # type: ignore[attr-defined]
            yield vault


class _DynamoDB:
    # expires_at is whole unix seconds, and moto's server (Python) can take over a second to answer
    # on a loaded machine: a one-second margin once let an entry expire before a batch refreshed it.
    min_ttl = 2.0

    @pytest.fixture
    def vault(self, moto_url: str, dynamodb_table: str, prefix: str) -> Iterator[Vault]:
        from mask_core.vault.dynamodb import DynamoDBVault

        with DynamoDBVault(
            dynamodb_table, endpoint_url=moto_url, prefix=prefix, policy=MOTO_POLICY, **AWS
        ) as vault:
            yield vault


class TestRedis(_Redis, VaultConformance):
    pass


class TestRedisAsync(_Redis, AsyncVaultConformance):
    pass


class TestRedisCluster(_RedisCluster, VaultConformance):
    pass


class TestRedisClusterAsync(_RedisCluster, AsyncVaultConformance):
    pass


class TestMemcached(_Memcached, VaultConformance):
    pass


class TestMemcachedAsync(_Memcached, AsyncVaultConformance):
    pass


class TestDynamoDB(_DynamoDB, VaultConformance):
    pass


class TestDynamoDBAsync(_DynamoDB, AsyncVaultConformance):
    pass
