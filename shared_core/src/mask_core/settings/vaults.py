"""The vault: ``MASK_VAULT_*``, and each distributed backend's variables (docs/vaults.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from mask_core.settings._base import SettingsGroup, split_csv

__all__ = ["DynamoDBSettings", "MemcachedSettings", "RedisSettings", "VaultSettings"]


class VaultSettings(SettingsGroup):
    """``MASK_VAULT_*``: which vault the default client uses, and how it behaves."""

    model_config = SettingsConfigDict(env_prefix="MASK_VAULT_")

    type: str = "memory"
    max_entries: int = Field(default=1_000_000, ge=0)
    eviction: Literal["lru", "fifo", "reject"] = "lru"
    # distributed vaults: read by mask_core.vault.from_settings and MaskClient
    timeout: float = Field(default=2.0, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    prefix: str = ""
    fail_open_decode: bool = False


class RedisSettings(SettingsGroup):
    """``MASK_REDIS_*`` (``MASK_VAULT_TYPE=redis`` or ``redis-cluster``)."""

    model_config = SettingsConfigDict(env_prefix="MASK_REDIS_")

    url: SecretStr = SecretStr("redis://localhost:6379/0")  # credentials may be inside
    cluster: bool = False
    max_connections: int = Field(default=64, ge=1)


class MemcachedSettings(SettingsGroup):
    """``MASK_MEMCACHED_*`` (``MASK_VAULT_TYPE=memcached``)."""

    model_config = SettingsConfigDict(env_prefix="MASK_MEMCACHED_")

    servers: Annotated[list[str], NoDecode] = []
    host: str = "127.0.0.1"
    port: int = Field(default=11211, ge=1, le=65535)

    @field_validator("servers", mode="before")
    @classmethod
    def _servers(cls, value: object) -> object:
        return split_csv(value)


class DynamoDBSettings(SettingsGroup):
    """``MASK_DYNAMODB_*`` (``MASK_VAULT_TYPE=dynamodb``)."""

    model_config = SettingsConfigDict(env_prefix="MASK_DYNAMODB_")

    table: str = "mask-vault"
    region: str | None = None
    endpoint_url: str | None = None
