"""The audit trail: ``MASK_AUDIT_*`` (docs/audit.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from mask_core.settings._base import SettingsGroup, split_csv

__all__ = ["AuditSettings"]


class AuditSettings(SettingsGroup):
    """``MASK_AUDIT_*``: where audit lines go (no sink: no audit trail)."""

    model_config = SettingsConfigDict(env_prefix="MASK_AUDIT_")

    sinks: Annotated[list[Literal["stdout", "logging", "file"]], NoDecode] = []
    file: Path | None = None
    file_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    file_backups: int = Field(default=5, ge=0)
    logger: str = "mask.audit"
    max_buffer_size: int = Field(default=10_000, ge=1)
    flush_interval: float = Field(default=1.0, gt=0)
    chain: bool = False

    @field_validator("sinks", mode="before")
    @classmethod
    def _sinks(cls, value: object) -> object:
        return split_csv(value)
