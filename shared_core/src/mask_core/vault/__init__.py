"""Vault backends. ``MemoryVault`` is built in; network backends are optional extras, imported lazily."""

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
    raise MaskConfigurationError(f"unknown MASK_VAULT_TYPE; supported here: memory (got {kind[:32]!r})")
