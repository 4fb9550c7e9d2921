"""How a :class:`~mask_core.client.MaskClient` is put together from its keywords and the settings.

Each function resolves one part: the tenant, the keys, the vault, the audit trail, the scanner, the
entity catalog. A keyword given to the client always wins over the settings; the settings come from
the environment (:func:`~mask_core.settings.get_settings`) unless passed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mask_core.entities import EntityCatalog
from mask_core.errors import MaskConfigurationError
from mask_core.fields import NEVER_SENSITIVE, FieldRules
from mask_core.keys.keyring import Keyring
from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.scanner import Scanner
from mask_core.settings import MaskSettings
from mask_core.vault.base import Vault
from mask_core.vault.memory import MemoryVault

if TYPE_CHECKING:
    from mask_core.audit.events import AuditSink
    from mask_core.keys.providers import KeyProvider

__all__ = [
    "audit_from",
    "catalog_for",
    "check_ttl",
    "fail_open_decode",
    "fields_from",
    "keyring_from",
    "scanner_from",
    "tenant_from",
    "vault_from",
]

logger = logging.getLogger("mask_core")
_TENANT_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def tenant_from(settings: MaskSettings, tenant: str | None) -> str:
    tenant = settings.tenant if tenant is None else tenant
    if not isinstance(tenant, str) or not _TENANT_RE.fullmatch(tenant):
        raise MaskConfigurationError("tenant ids are 1-64 characters of letters, digits, '.', '_' or '-'")
    return tenant


def check_ttl(ttl: float | None) -> None:
    if ttl is not None and not ttl > 0:
        raise MaskConfigurationError("ttl must be a positive number of seconds, or None for no expiry")


def keyring_from(
    settings: MaskSettings,
    master_key: bytes | str | None,
    keyring: Keyring | None,
    key_provider: KeyProvider | None = None,
) -> Keyring:
    """The client's keys: ``keyring=``, then ``master_key=``, then a key provider, then the settings."""
    if keyring is not None:
        return keyring
    if master_key is not None:
        return Keyring.from_master_key(master_key)
    # -- key providers: a chosen provider delivers the key or raises; it never falls back ----
    if key_provider is None and settings.keys.provider != "env":
        from mask_core.keys.providers import provider_from_settings

        key_provider = provider_from_settings(settings)
    if key_provider is not None:
        return key_provider.load()
    keys = settings.keys
    if keys.keyring is not None:
        return Keyring.parse(keys.keyring.get_secret_value())
    if keys.master_key is not None:
        return Keyring.from_master_key(keys.master_key.get_secret_value())
    if settings.is_development:
        logger.warning(
            "MASK_ENV=development and no master key: using an EPHEMERAL random key. Tokens will not "
            "decode after this process exits or in any other process. Never run like this in production."
        )
        return Keyring.generate()
    raise MaskConfigurationError(
        "no master key: set MASK_MASTER_KEY (or MASK_KEYRING), pass master_key= or keyring=, or set "
        "MASK_ENV=development to use an ephemeral key for local experiments"
    )


def vault_from(settings: MaskSettings) -> Vault:
    """The vault the settings name (an in-process :class:`MemoryVault` by default)."""
    if settings.vault.type != "memory":
        from mask_core.vault import from_settings  # network backends are optional extras

        return from_settings(settings)
    return MemoryVault(max_entries=settings.vault.max_entries or None, eviction=settings.vault.eviction)


def fail_open_decode(settings: MaskSettings) -> bool:
    """Whether a decode whose distributed vault is down returns its input unchanged (development only)."""
    if settings.vault.fail_open_decode and not settings.is_development:
        raise MaskConfigurationError(
            "MASK_VAULT_FAIL_OPEN_DECODE is allowed only with MASK_ENV=development: in production a "
            "decode whose vault is unavailable must fail (fail-shut)"
        )
    return settings.vault.fail_open_decode


def audit_from(settings: MaskSettings, keyring: Keyring) -> AuditSink | None:
    """The audit logger the settings configure, or None when they name no sink."""
    if not settings.audit.sinks:
        return None
    from mask_core.audit.buffer import audit_logger_from_settings

    return audit_logger_from_settings(settings, keyring)


def scanner_from(settings: MaskSettings) -> Scanner:
    """The default pipeline: every built-in recognizer, the NER tier if available, type switches."""
    from mask_core.scan.ner import ner_from_settings

    detection = settings.detection
    scanner = Scanner(
        default_recognizers(phone_regions=detection.phone_regions),
        threshold=detection.score_threshold,
        ner=ner_from_settings(
            detection.ner, detection.nlp_model, detection.languages, threads=detection.ner_threads
        ),
        report_only=[name.upper() for name in detection.report_only],
    )
    if detection.entities is not None or detection.disabled_entities:
        scanner.configure(enable=detection.entities, disable=detection.disabled_entities)
    return scanner


def fields_from(fields: FieldRules | Mapping[str, str | None] | None) -> FieldRules:
    """Field rules; a mapping adds rules to the built-in vocabulary."""
    return fields if isinstance(fields, FieldRules) else FieldRules(fields)


def catalog_for(scanner: Scanner, fields: FieldRules) -> EntityCatalog:
    """The entity types the client knows: the built-in ones, every type the scanner's recognizers find
    and every type a field rule names, so that each can be encoded and decoded."""
    catalog = EntityCatalog()
    for rec in scanner.recognizers:
        for et in rec.entity_types:
            catalog.register(et)
    for entity_type in fields.extra.values():
        if entity_type is not None and entity_type != NEVER_SENSITIVE and entity_type not in catalog:
            catalog.register(entity_type)
    return catalog
