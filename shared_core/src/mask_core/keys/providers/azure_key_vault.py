"""Keys from Azure Key Vault secrets (``MASK_KEY_PROVIDER=azure-key-vault``, extra
``mask-core[azure-key-vault]``: ``azure-keyvault-secrets`` and ``azure-identity``).

The secret's value is the keyring text::

    $ az keyvault secret set --vault-name acme-kv --name mask-keyring --value "$(mask keys generate --id k1)"
    $ export MASK_KEY_PROVIDER=azure-key-vault MASK_AZURE_VAULT_URL=https://acme-kv.vault.azure.net

``MASK_AZURE_SECRET_NAME`` (``mask-keyring``) and ``MASK_AZURE_SECRET_VERSION`` (latest when unset) say
which secret. Credentials come from ``DefaultAzureCredential`` (managed identity, workload identity,
environment, Azure CLI), or pass ``credential=`` / a ready ``client=``.
"""

from __future__ import annotations

from typing import Any

from mask_core.errors import KeyProviderError, MissingDependencyError
from mask_core.keys.keyring import Keyring
from mask_core.keys.providers.base import KeyProvider, keyring_from_text
from mask_core.settings import MaskSettings

__all__ = ["AzureKeyVaultKeyProvider"]


class AzureKeyVaultKeyProvider(KeyProvider):
    name = "azure-key-vault"

    def __init__(
        self,
        *,
        vault_url: str | None = None,
        secret_name: str = "mask-keyring",  # noqa: S107 - a secret's name, not a secret
        version: str | None = None,
        credential: Any = None,
        client: Any = None,
    ) -> None:
        super().__init__()
        if client is None and not vault_url:
            raise KeyProviderError(
                self.name, "MASK_AZURE_VAULT_URL is not set (https://<name>.vault.azure.net)"
            )
        self.vault_url = vault_url or getattr(client, "vault_url", None)
        self.secret_name = secret_name
        self.version = version
        self._credential = credential
        self._client = client

    @classmethod
    def from_settings(cls, settings: MaskSettings) -> AzureKeyVaultKeyProvider:
        azure = settings.keys.azure
        return cls(vault_url=azure.vault_url, secret_name=azure.secret_name, version=azure.secret_version)

    def describe(self) -> str:
        return f"Azure Key Vault secret {self.secret_name!r} in {self.vault_url}"

    def _secrets(self) -> Any:
        if self._client is not None:
            return self._client
        try:
            from azure.identity import DefaultAzureCredential
            from azure.keyvault.secrets import SecretClient
        except ImportError:
            raise MissingDependencyError(
                "the Azure Key Vault key provider", "azure-keyvault-secrets", "azure-key-vault"
            ) from None
        return SecretClient(str(self.vault_url), self._credential or DefaultAzureCredential())

    def fetch(self) -> Keyring:
        client = self._secrets()
        try:
            secret = client.get_secret(self.secret_name, self.version)
        except Exception as exc:  # azure-core errors carry status and error code, never the secret value
            status = getattr(exc, "status_code", None)
            code = getattr(getattr(exc, "error", None), "code", None)
            detail = ", ".join(str(x) for x in (f"HTTP {status}" if status else None, code) if x)
            raise KeyProviderError(
                self.name,
                f"reading {self.describe()} failed: {type(exc).__name__}"
                + (f" ({detail})" if detail else "")
                + ". Check the vault URL, the identity's 'get' permission on secrets and the secret name",
            ) from None
        if not isinstance(secret.value, str):
            raise KeyProviderError(self.name, f"{self.describe()} has no value")
        return keyring_from_text(secret.value, provider=self.name)
