"""Key providers: where the keyring comes from, chosen by ``MASK_KEY_PROVIDER``.

=================  ==================================  =====================================================
name               module                              needs
=================  ==================================  =====================================================
env (default)      ``env.EnvKeyProvider``              ``MASK_KEYRING`` or ``MASK_MASTER_KEY``
file               ``file.FileKeyProvider``            ``MASK_KEY_FILE``
aws-kms            ``aws_kms``                         ``mask-core[aws-kms]``, ``MASK_KMS_*``
hashicorp-vault    ``hashicorp_vault``                 ``mask-core[hashicorp-vault]``, ``MASK_HASHICORP_*``
azure-key-vault    ``azure_key_vault``                 ``mask-core[azure-key-vault]``, ``MASK_AZURE_*``
=================  ==================================  =====================================================

Pass one explicitly (``MaskClient(key_provider=...)``) or let the client build it from settings. Either
way it is fail-shut: a provider that cannot deliver a key raises
:class:`~mask_core.errors.KeyProviderError` when the client is built. Providers built from settings are
shared by every client of the process, so a KMS or Vault round trip happens once, not per client.
"""

from __future__ import annotations

import hashlib
import importlib
import threading

from pydantic import SecretStr

from mask_core.errors import MaskConfigurationError
from mask_core.keys.providers.base import KeyProvider, keyring_from_text
from mask_core.keys.providers.env import EnvKeyProvider
from mask_core.keys.providers.file import FileKeyProvider
from mask_core.settings import KeySettings, MaskSettings

__all__ = [
    "PROVIDERS",
    "EnvKeyProvider",
    "FileKeyProvider",
    "KeyProvider",
    "clear_provider_cache",
    "keyring_from_text",
    "provider_from_settings",
]

#: ``MASK_KEY_PROVIDER`` name -> (module, class). SDK-backed modules are imported only when chosen.
PROVIDERS: dict[str, tuple[str, str]] = {
    "env": ("mask_core.keys.providers.env", "EnvKeyProvider"),
    "file": ("mask_core.keys.providers.file", "FileKeyProvider"),
    "aws-kms": ("mask_core.keys.providers.aws_kms", "AwsKmsKeyProvider"),
    "hashicorp-vault": ("mask_core.keys.providers.hashicorp_vault", "HashiCorpVaultKeyProvider"),
    "azure-key-vault": ("mask_core.keys.providers.azure_key_vault", "AzureKeyVaultKeyProvider"),
}

_cache: dict[str, KeyProvider] = {}
_lock = threading.Lock()


def _fingerprint(settings: MaskSettings) -> str:
    """A digest of every setting a provider reads, ``MASK_KEY*``, ``MASK_KMS_*``, ... (secrets included,
    so a changed token is a new entry)."""
    parts = []
    for variable, path in sorted(KeySettings.variables().items()):
        value: object = settings.keys
        for name in path:
            value = getattr(value, name)
        parts.append(f"{variable}={value.get_secret_value() if isinstance(value, SecretStr) else value}")
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def provider_from_settings(settings: MaskSettings) -> KeyProvider:
    """The provider ``MASK_KEY_PROVIDER`` names, configured from settings (shared per configuration)."""
    try:
        module, cls_name = PROVIDERS[settings.keys.provider]
    except KeyError:
        raise MaskConfigurationError(
            f"unknown MASK_KEY_PROVIDER; choose one of {', '.join(PROVIDERS)}"
        ) from None
    digest = _fingerprint(settings)
    with _lock:
        provider = _cache.get(digest)
        if provider is None:
            cls = getattr(importlib.import_module(module), cls_name)
            provider = _cache[digest] = cls.from_settings(settings)
        return provider


def clear_provider_cache() -> None:
    """Forget providers built from settings (their cached keyrings too): the next client fetches again."""
    with _lock:
        _cache.clear()
