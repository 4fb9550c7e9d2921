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
    kind = settings.vault_type.strip().lower()
    if kind == "memory":
        return MemoryVault(max_entries=settings.vault_max_entries or None, eviction=settings.vault_eviction)
    # -- distributed vaults: each import raises MissingDependencyError without its extra --
    from mask_core.vault._retry import RetryPolicy

    policy = RetryPolicy(timeout=settings.vault_timeout, retries=settings.vault_retries)
    if kind in ("redis", "redis-cluster"):
        from mask_core.vault.redis import RedisVault

        return RedisVault(
            settings.redis_url.get_secret_value(),
            cluster=settings.redis_cluster or kind == "redis-cluster",
            prefix=settings.vault_prefix,
            policy=policy,
            max_connections=settings.redis_max_connections,
        )
    if kind == "memcached":
        from mask_core.vault.memcached import MemcachedVault

        servers = settings.memcached_servers or [f"{settings.memcached_host}:{settings.memcached_port}"]
        return MemcachedVault(servers, prefix=settings.vault_prefix, policy=policy)
    if kind == "dynamodb":
        from mask_core.vault.dynamodb import DynamoDBVault

        return DynamoDBVault(
            settings.dynamodb_table,
            region=settings.dynamodb_region,
            endpoint_url=settings.dynamodb_endpoint_url,
            prefix=settings.vault_prefix,
            policy=policy,
        )
    raise MaskConfigurationError(
        f"unknown MASK_VAULT_TYPE; supported: memory, redis, memcached, dynamodb (got {kind[:32]!r})"
    )
