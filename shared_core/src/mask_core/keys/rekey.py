"""Step 3 of a key rotation: re-seal every vault record under the keyring's primary key.

Usage::

    ring = Keyring.parse(old_text).add(new_key, key_id="k2").promote("k2")
    report = rekey(vault, ring)            # or: mask vault rekey
    if report.complete:
        ring = ring.retire("k1")           # nothing in the vault needs k1 any more

Why it loses nothing, even when interrupted: each record moves with one atomic compare-and-set
(:meth:`Vault.replace`), which writes the re-sealed record only if the key still holds the record that
was read, and keeps its remaining TTL. A record is therefore always either its old self (which the
keyring still opens, because the old key is only retired afterwards) or its new self. Running ``rekey``
again continues where it stopped: records already under the primary are counted and skipped.

What it never does: decrypt into a log, touch a record it cannot open (a key id missing from the ring,
or a record failing authentication: both are counted and left as they are), or change a token. Vault
keys hold tokens, not values, so re-sealing changes only the record's key id and ciphertext.

Needs a vault with ``supports_iteration`` (memory, Redis, DynamoDB; Memcached cannot list its keys).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator

from mask_core.errors import MaskConfigurationError, VaultIntegrityError
from mask_core.keys._aead import pack_payload, record_key_id
from mask_core.keys.keyring import Keyring
from mask_core.vault.base import Vault

__all__ = ["RekeyReport", "VaultUsage", "iter_vault_keys", "rekey", "vault_usage"]

_BATCH = 256
_RETRIES = 3

#: Called after each record with the number of records processed so far.
Progress = Callable[[int], None]


@dataclasses.dataclass
class RekeyReport:
    """What one run of :func:`rekey` did. Counts only: no key, token or value."""

    scanned: int = 0
    resealed: int = 0
    already_primary: int = 0
    #: Expired or deleted between listing and re-sealing (nothing to keep).
    vanished: int = 0
    #: Sealed with a key id the keyring does not hold: left untouched (do not retire keys yet).
    unknown_key: int = 0
    #: Malformed or failing authentication: left untouched (a tampered or foreign record).
    failed: int = 0

    @property
    def complete(self) -> bool:
        """True when every live record is now under the primary key (old keys may be retired)."""
        return self.unknown_key == 0 and self.failed == 0


@dataclasses.dataclass
class VaultUsage:
    """Record counts by tenant, entity type and key id, read from record headers (nothing decrypted)."""

    total: int = 0
    by_tenant: Counter[str] = dataclasses.field(default_factory=Counter)
    by_type: Counter[str] = dataclasses.field(default_factory=Counter)
    by_key_id: Counter[str] = dataclasses.field(default_factory=Counter)
    malformed: int = 0


def _prefix(namespace: str, tenant: str | None) -> str:
    return f"{namespace}:{tenant}:" if tenant is not None else f"{namespace}:"


def _split(namespace: str, key: str) -> tuple[str, str]:
    """(tenant, entity type) of a vault key ``<namespace>:<tenant>:<TYPE>:<token>``."""
    tenant, _, rest = key[len(namespace) + 1 :].partition(":")
    return tenant, rest.partition(":")[0]


def _require_iteration(vault: Vault) -> None:
    if not vault.supports_iteration:
        raise MaskConfigurationError(
            f"{type(vault).__name__} cannot list its keys, so it cannot be re-keyed or counted; "
            "its entries expire with their TTL instead (keep old keys in the ring until then)"
        )


def iter_vault_keys(vault: Vault, *, namespace: str = "mask", tenant: str | None = None) -> Iterator[str]:
    """Every live vault key of ``namespace`` (and ``tenant``, if given)."""
    _require_iteration(vault)
    return vault.iter_keys(_prefix(namespace, tenant))


def _batches(keys: Iterator[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for key in keys:
        batch.append(key)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def vault_usage(vault: Vault, *, namespace: str = "mask", tenant: str | None = None) -> VaultUsage:
    """Count records by tenant, type and key id: which keys does the vault still need?"""
    usage = VaultUsage()
    for batch in _batches(iter_vault_keys(vault, namespace=namespace, tenant=tenant)):
        for key, record in zip(batch, vault.get_many(batch), strict=True):
            if record is None:
                continue
            tenant_id, entity_type = _split(namespace, key)
            usage.total += 1
            usage.by_tenant[tenant_id] += 1
            usage.by_type[entity_type] += 1
            try:
                usage.by_key_id[record_key_id(record).decode("ascii", "replace")] += 1
            except VaultIntegrityError:
                usage.malformed += 1
    return usage


def _reseal_one(vault: Vault, keyring: Keyring, namespace: str, key: str, record: bytes | None) -> str:
    """Move one record under the primary; returns the name of the :class:`RekeyReport` counter to bump."""
    tenant, _ = _split(namespace, key)
    keys = keyring.tenant(tenant)
    for _attempt in range(_RETRIES):
        if record is None:
            return "vanished"
        try:
            kid = record_key_id(record)
        except VaultIntegrityError:
            return "failed"
        if kid == keys.primary_kid:
            return "already_primary"
        if kid.decode("ascii", "replace") not in keyring.ids:
            return "unknown_key"
        try:
            payload = keys.open(key, record)
        except VaultIntegrityError:
            return "failed"
        new = keys.seal(key, pack_payload(payload.entity_type, payload.token, payload.value))
        if vault.replace(key, record, new):
            return "resealed"
        record = vault.get(key)  # changed under us (a TTL refresh, a concurrent rekey): look again
    return "failed"


def rekey(
    vault: Vault,
    keyring: Keyring,
    *,
    namespace: str = "mask",
    tenant: str | None = None,
    progress: Progress | None = None,
) -> RekeyReport:
    """Re-seal every record of ``namespace`` (one ``tenant`` or all) under ``keyring``'s primary key.

    Resumable and lossless (see the module docstring). ``progress`` is called after each record with
    the count so far; an exception it raises (e.g. ``KeyboardInterrupt``) stops the run between two
    records, and the vault is consistent at that point.
    """
    report = RekeyReport()
    for batch in _batches(iter_vault_keys(vault, namespace=namespace, tenant=tenant)):
        for key, record in zip(batch, vault.get_many(batch), strict=True):
            outcome = _reseal_one(vault, keyring, namespace, key, record)
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.scanned += 1
            if progress is not None:
                progress(report.scanned)
    return report
