"""The key provider interface: where a keyring comes from.

A provider fetches key material once, when the first client needs it, and keeps the parsed
:class:`~mask_core.keys.Keyring` for the life of the process (call :meth:`KeyProvider.refresh` after a
rotation). Every provider is fail-shut: when it cannot deliver a key it raises
:class:`~mask_core.errors.KeyProviderError`, with a message that says what to check and never any key
material, and nothing falls back to a weaker key.

Writing one::

    class MyProvider(KeyProvider):
        name = "my-store"

        def describe(self) -> str:          # where from, for reprs and `mask keys check` (no secrets)
            return "secret 'mask' in my-store"

        def fetch(self) -> Keyring:
            return keyring_from_text(my_store.read("mask"), source=self.describe())

    client = MaskClient(key_provider=MyProvider())

What is stored is *key text*: one key (``base64:...``, ``hex:...``) or a keyring (``id1:key1,id2:key2``,
primary first; commas or new lines between entries, ``#`` comments allowed in files).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from typing import ClassVar

from mask_core.errors import KeyProviderError, MaskConfigurationError
from mask_core.keys.keyring import Keyring

__all__ = ["KeyProvider", "keyring_from_text"]


def keyring_from_text(text: str, *, provider: str) -> Keyring:
    """Parse stored key text: one key, or a keyring of ``id:key`` entries (primary first)."""
    lines = [ln.split("#", 1)[0].strip() for ln in text.splitlines()]
    body = ",".join(ln for ln in lines if ln)
    if not body:
        raise KeyProviderError(provider, "the stored key text is empty")
    try:
        if "," not in body and (body.startswith(("base64:", "hex:")) or ":" not in body):
            return Keyring.from_master_key(body)
        return Keyring.parse(body)
    except MaskConfigurationError as exc:  # parse errors never echo key material
        raise KeyProviderError(provider, str(exc)) from None


class KeyProvider(ABC):
    """Delivers the keyring, once, and caches it. Thread-safe. Reprs show where from, never keys."""

    #: The ``MASK_KEY_PROVIDER`` name.
    name: ClassVar[str] = "custom"

    def __init__(self) -> None:
        self._keyring: Keyring | None = None
        self._lock = threading.Lock()

    @abstractmethod
    def describe(self) -> str:
        """Where the key comes from (a path, a secret name, a KMS key id), never the key itself."""

    @abstractmethod
    def fetch(self) -> Keyring:
        """Fetch and parse the key material now; raise :class:`KeyProviderError` if there is none."""

    def load(self) -> Keyring:
        """The keyring, fetched on first use and cached."""
        ring = self._keyring
        if ring is None:
            with self._lock:
                if self._keyring is None:
                    self._keyring = self._checked_fetch()
                ring = self._keyring
        return ring

    def refresh(self) -> Keyring:
        """Fetch again (after a rotation) and replace the cached keyring."""
        ring = self._checked_fetch()
        with self._lock:
            self._keyring = ring
        return ring

    def _checked_fetch(self) -> Keyring:
        ring = self.fetch()
        if not isinstance(ring, Keyring):
            raise KeyProviderError(self.name, "the provider returned no keyring")
        return ring

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.describe()})"

    def __reduce__(self) -> str:
        raise TypeError("key providers hold credentials and cannot be pickled")
