"""Keys from HashiCorp Vault's KV v2 engine (``MASK_KEY_PROVIDER=hashicorp-vault``, extra
``mask-core[hashicorp-vault]``, client library ``hvac``).

The keyring text lives in one field of one secret::

    $ vault kv put secret/mask/keys keyring="$(mask keys generate --id k1)"
    $ export MASK_KEY_PROVIDER=hashicorp-vault MASK_HASHICORP_URL=https://vault:8200
    $ export MASK_HASHICORP_TOKEN=...        # or VAULT_TOKEN, as the vault CLI reads it

``MASK_HASHICORP_MOUNT`` (``secret``), ``MASK_HASHICORP_PATH`` (``mask/keys``), ``MASK_HASHICORP_FIELD``
(``keyring``) and ``MASK_HASHICORP_NAMESPACE`` (Vault Enterprise) say where. ``VAULT_ADDR`` and
``VAULT_TOKEN`` are used when the Mask variables are unset, as hvac itself does. Only the latest version
of the secret is read; rotate by writing a new version and restarting (or ``provider.refresh()``).
"""

from __future__ import annotations

from typing import Any

from mask_core.errors import KeyProviderError, MissingDependencyError
from mask_core.keys.keyring import Keyring
from mask_core.keys.providers.base import KeyProvider, keyring_from_text
from mask_core.settings import MaskSettings

__all__ = ["HashiCorpVaultKeyProvider"]


class HashiCorpVaultKeyProvider(KeyProvider):
    name = "hashicorp-vault"

    def __init__(
        self,
        *,
        url: str | None = None,
        token: str | None = None,
        mount: str = "secret",
        path: str = "mask/keys",
        field: str = "keyring",
        namespace: str | None = None,
        timeout: float = 10.0,
        client: Any = None,
    ) -> None:
        super().__init__()
        self.url = url
        self._token = token
        self.mount = mount
        self.path = path
        self.field = field
        self.namespace = namespace
        self.timeout = timeout
        self._client = client

    @classmethod
    def from_settings(cls, settings: MaskSettings) -> HashiCorpVaultKeyProvider:
        vault = settings.keys.hashicorp
        return cls(
            url=vault.url,
            token=vault.token.get_secret_value() if vault.token else None,
            mount=vault.mount,
            path=vault.path,
            field=vault.field,
            namespace=vault.namespace,
        )

    def describe(self) -> str:
        return f"Vault KV v2 {self.mount}/{self.path} field {self.field!r}" + (
            f" at {self.url}" if self.url else ""
        )

    def _hvac(self) -> Any:
        if self._client is not None:
            return self._client
        try:
            import hvac
        except ImportError:
            raise MissingDependencyError(
                "the HashiCorp Vault key provider", "hvac", "hashicorp-vault"
            ) from None
        return hvac.Client(url=self.url, token=self._token, namespace=self.namespace, timeout=self.timeout)

    def fetch(self) -> Keyring:
        client = self._hvac()
        try:
            answer = client.secrets.kv.v2.read_secret_version(
                path=self.path, mount_point=self.mount, raise_on_deleted_version=True
            )
            data = answer["data"]["data"]
        except Exception as exc:  # hvac errors carry the URL and Vault's error list, never the secret
            status = getattr(exc, "status_code", None) or getattr(
                getattr(exc, "response", None), "status_code", None
            )
            raise KeyProviderError(
                self.name,
                f"reading {self.describe()} failed: {type(exc).__name__}"
                + (f" (HTTP {status})" if status else "")
                + ". Check the address, the token's policy (read on the data path) "
                "and that the secret exists",
            ) from None
        value = data.get(self.field) if isinstance(data, dict) else None
        if not isinstance(value, str):
            raise KeyProviderError(self.name, f"{self.describe()} has no text field {self.field!r}")
        return keyring_from_text(value, provider=self.name)
