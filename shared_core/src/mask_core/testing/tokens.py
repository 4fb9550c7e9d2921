"""Tokens for tests: a dead token (issued by this deployment, but its vault entry is gone)."""

from __future__ import annotations

from mask_core.client import MaskClient
from mask_core.keys.keyring import Keyring
from mask_core.vault.memory import MemoryVault

__all__ = ["dead_token"]


def dead_token(
    key: bytes | str | Keyring,
    value: str = "372-81-4404",
    entity_type: str = "US_SSN",
    *,
    tenant: str = "ghost",
) -> str:
    """The token a client with ``key`` issues for ``value``, from a vault that is then thrown away.

    What a strict decode must refuse: a token of this deployment (its tag checks out) that no vault
    can restore, as after an expiry, an erasure, or a token issued by another pod's memory vault. A
    hand-written value in a reserved range (``912-34-5678``) is *not* one: Mask never issued it.
    """
    keyring = key if isinstance(key, Keyring) else Keyring.from_master_key(key)
    return MaskClient(tenant=tenant, keyring=keyring, vault=MemoryVault()).encode(value, entity_type)
