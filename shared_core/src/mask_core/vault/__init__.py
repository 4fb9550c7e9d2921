"""Vault backends. ``MemoryVault`` is built in; network backends are optional extras, imported lazily.

==================  ===========================================  ==============================
MASK_VAULT_TYPE     class                                        extra
==================  ===========================================  ==============================
memory              :class:`MemoryVault`                         (built in)
redis               ``mask_core.vault.redis.RedisVault``         ``mask-core[redis]``
memcached           ``mask_core.vault.memcached.MemcachedVault``  ``mask-core[memcached]``
dynamodb            ``mask_core.vault.dynamodb.DynamoDBVault``   ``mask-core[dynamodb]``
==================  ===========================================  ==============================

See docs/vaults.md for what each backend guarantees and costs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mask_core.errors import MaskConfigurationError
from mask_core.vault.base import Vault
from mask_core.vault.memory import MemoryVault

if TYPE_CHECKING:
    from mask_core.settings import MaskSettings

__all__ = ["MemoryVault", "Vault", "from_settings"]


def from_settings(settings: MaskSettings) -> Vault:
    """The vault ``MASK_VAULT_TYPE`` names, configured from the other ``MASK_*`` settings."""
    vault = settings.vault
    kind = vault.type.strip().lower()
    if kind == "memory":
        return MemoryVault(max_entries=vault.max_entries or None, eviction=vault.eviction)
    # -- distributed vaults: each import raises MissingDependencyError without its extra --
    from mask_core.vault._retry import RetryPolicy

    policy = RetryPolicy(timeout=vault.timeout, retries=vault.retries)
    if kind in ("redis", "redis-cluster"):
        from mask_core.vault.redis import RedisVault

        redis = settings.redis
        return RedisVault(
            redis.url.get_secret_value(),
            cluster=redis.cluster or kind == "redis-cluster",
            prefix=vault.prefix,
            policy=policy,
            max_connections=redis.max_connections,
        )
    if kind == "memcached":
        from mask_core.vault.memcached import MemcachedVault

        memcached = settings.memcached
        servers = memcached.servers or [f"{memcached.host}:{memcached.port}"]
        return MemcachedVault(servers, prefix=vault.prefix, policy=policy)
    if kind == "dynamodb":
        from mask_core.vault.dynamodb import DynamoDBVault

        dynamodb = settings.dynamodb
        return DynamoDBVault(
            dynamodb.table,
            region=dynamodb.region,
            endpoint_url=dynamodb.endpoint_url,
            prefix=vault.prefix,
            policy=policy,
        )
    raise MaskConfigurationError(
        f"unknown MASK_VAULT_TYPE; supported: memory, redis, memcached, dynamodb (got {kind[:32]!r})"
    )
