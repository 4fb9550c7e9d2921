"""``MaskSettings``: the core's settings, a few of their own and one group per concern."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from mask_core.settings._base import ROOT_PREFIX, SettingsGroup, group_field
from mask_core.settings.audit import AuditSettings
from mask_core.settings.detection import DetectionSettings
from mask_core.settings.keys import KeySettings
from mask_core.settings.loading import load_settings
from mask_core.settings.vaults import DynamoDBSettings, MemcachedSettings, RedisSettings, VaultSettings

__all__ = ["MaskSettings", "get_settings"]


class MaskSettings(SettingsGroup):
    """Every ``MASK_*`` variable of the core (the table: :mod:`mask_core.settings`).

    ``MaskSettings()`` reads the environment; keywords set values instead, each either a field or
    group (``detection=DetectionSettings(ner="off")``) or a variable's name without ``MASK_``, lower
    case (``ner="off"``, ``vault_type="redis"``). A group's variables not given are read from the
    environment. An unknown keyword is an error; ``MASK_*`` variables of other components are not
    read here.
    """

    env: Literal["production", "development"] = "production"
    tenant: str = "default"
    ttl: float | None = Field(default=None, gt=0)
    lenient_decode: bool = False
    max_value_length: int = Field(default=65_536, ge=1)
    max_text_length: int = Field(default=16 * 1024 * 1024, ge=1)
    policy_file: Path | None = None  # the firewall policy of ``mask serve`` and the adapters

    keys: KeySettings = group_field()
    vault: VaultSettings = group_field()
    redis: RedisSettings = group_field()
    memcached: MemcachedSettings = group_field()
    dynamodb: DynamoDBSettings = group_field()
    audit: AuditSettings = group_field()
    detection: DetectionSettings = group_field()

    @field_validator("env", mode="before")
    @classmethod
    def _env_alias(cls, value: object) -> object:
        if isinstance(value, str):
            low = value.strip().lower()
            if low in ("prod", "production", "staging"):
                return "production"
            if low in ("dev", "development", "local", "test"):
                return "development"
        return value

    @field_validator("ttl", mode="before")
    @classmethod
    def _empty_ttl(cls, value: object) -> object:
        return None if isinstance(value, str) and value.strip().lower() in ("", "none", "0") else value

    @property
    def is_development(self) -> bool:
        return self.env == "development"


def get_settings() -> MaskSettings:
    """Read settings from the environment now (not cached: tests and reloads see changes).

    A value that does not validate is a ``MaskConfigurationError`` naming the variables and what is
    wrong with them, never their values (pydantic's own message quotes each input, and a malformed
    ``MASK_MASTER_KEY`` or ``MASK_REDIS_URL`` is still a secret).
    """
    return load_settings(MaskSettings, prefix=ROOT_PREFIX)
