"""Keys from the environment: ``MASK_KEYRING`` (``id:key,...``) or ``MASK_MASTER_KEY``.

This is the default (``MASK_KEY_PROVIDER=env``). When neither variable is set, a client in
``MASK_ENV=development`` falls back to an ephemeral key with a loud warning (see ``_assembly.py``); this
provider itself never does: asked explicitly, it raises.
"""

from __future__ import annotations

from mask_core.errors import KeyProviderError
from mask_core.keys.keyring import Keyring
from mask_core.keys.providers.base import KeyProvider, keyring_from_text
from mask_core.settings import MaskSettings, get_settings

__all__ = ["EnvKeyProvider"]


class EnvKeyProvider(KeyProvider):
    name = "env"

    def __init__(self, settings: MaskSettings | None = None) -> None:
        super().__init__()
        self._settings = settings

    @classmethod
    def from_settings(cls, settings: MaskSettings) -> EnvKeyProvider:
        return cls(settings)

    def describe(self) -> str:
        return "MASK_KEYRING or MASK_MASTER_KEY"

    def fetch(self) -> Keyring:
        keys = (self._settings or get_settings()).keys
        if keys.keyring is not None:
            return keyring_from_text(keys.keyring.get_secret_value(), provider=self.name)
        if keys.master_key is not None:
            return keyring_from_text(keys.master_key.get_secret_value(), provider=self.name)
        raise KeyProviderError(
            self.name, "neither MASK_KEYRING nor MASK_MASTER_KEY is set (generate one: mask keys generate)"
        )
