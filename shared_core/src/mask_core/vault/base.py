"""The vault interface: where token -> sealed value mappings live.

A vault is a small key-value store with four operations, each in a sync and an ``a``-prefixed async
form (the LangChain ``mget``/``amget`` convention). Keys are opaque ASCII strings built by the client
(``<namespace>:<tenant>:<ENTITY_TYPE>:<token>``); values are sealed records (AES-SIV ciphertext, see
``mask_core.keys._aead``). A vault never sees a plaintext, and needs no cryptography of its own.

``put_if_absent`` is the heart of collision safety: it stores a record only if the key holds no live
value, atomically, and returns what was there. When the existing record is byte-for-byte the one being
stored (records are deterministic), the vault refreshes its TTL instead: that is how a re-encode keeps
a live token alive.

Batch forms exist so a whole payload costs one round trip: a network backend overrides them with a
pipeline, MGET, ``get_many`` or ``BatchGetItem``. Batches are applied in order, so two new values that
derive the same key in one batch behave exactly as if encoded one after the other.

Failure contract: a backend that cannot reach its server raises
:class:`~mask_core.errors.VaultUnavailableError` within its configured timeout and never returns a
partial answer as if it were complete.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator, Sequence
from types import TracebackType
from typing import ClassVar, Self

from mask_core.errors import MaskConfigurationError

__all__ = ["Vault"]


class Vault(ABC):
    """Base class of every vault backend. See the module docstring for the contract."""

    #: Entries expire after the TTL given to ``put_if_absent`` / ``touch``.
    supports_ttl: ClassVar[bool] = True
    #: State is shared between processes (a server), not private to this one.
    shared: ClassVar[bool] = False
    #: The vault can list its keys and replace a record in place (what ``mask vault rekey`` needs).
    #: Memcached cannot list keys; it leaves this False and says so when asked.
    supports_iteration: ClassVar[bool] = False

    # -- sync ---------------------------------------------------------------------------------------
    @abstractmethod
    def put_if_absent(self, key: str, value: bytes, ttl: float | None) -> bytes | None:
        """Store ``value`` unless ``key`` holds a live value; return None if stored, else the existing value.

        If the existing value equals ``value``, its expiry is reset to ``ttl`` (None: no expiry).
        """

    @abstractmethod
    def get(self, key: str) -> bytes | None:
        """The live value of ``key``, or None."""

    @abstractmethod
    def touch(self, key: str, ttl: float | None) -> bool:
        """Reset the expiry of a live key; False if it is absent."""

    @abstractmethod
    def delete(self, key: str) -> bool:
        """Remove a key; False if it was absent."""

    def put_many_if_absent(self, items: Sequence[tuple[str, bytes]], ttl: float | None) -> list[bytes | None]:
        return [self.put_if_absent(k, v, ttl) for k, v in items]

    def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        return [self.get(k) for k in keys]

    def touch_many(self, keys: Sequence[str], ttl: float | None) -> None:
        for k in keys:
            self.touch(k, ttl)

    # -- maintenance (optional capability, see ``supports_iteration``) -------------------------------
    def iter_keys(self, prefix: str) -> Iterator[str]:
        """Every live key starting with ``prefix`` (a snapshot; order unspecified)."""
        raise MaskConfigurationError(f"{type(self).__name__} cannot list its keys (supports_iteration=False)")

    def replace(self, key: str, expected: bytes, new: bytes) -> bool:
        """Atomically set ``key`` to ``new`` if it still holds ``expected``, keeping its remaining TTL.

        Returns False (and changes nothing) when the key is absent or holds something else.
        """
        raise MaskConfigurationError(
            f"{type(self).__name__} cannot replace records (supports_iteration=False)"
        )

    async def aiter_keys(self, prefix: str) -> AsyncIterator[str]:
        for key in self.iter_keys(prefix):
            yield key

    async def areplace(self, key: str, expected: bytes, new: bytes) -> bool:
        return self.replace(key, expected, new)

    def close(self) -> None:  # noqa: B027 - optional hook: in-process vaults hold no connections
        """Release connections. The default has nothing to release."""

    # -- async: the default runs the sync method inline, which is right for in-process vaults. A
    # network backend overrides these with a native asyncio client (or a thread offload). -----------
    async def aput_if_absent(self, key: str, value: bytes, ttl: float | None) -> bytes | None:
        return self.put_if_absent(key, value, ttl)

    async def aget(self, key: str) -> bytes | None:
        return self.get(key)

    async def atouch(self, key: str, ttl: float | None) -> bool:
        return self.touch(key, ttl)

    async def adelete(self, key: str) -> bool:
        return self.delete(key)

    async def aput_many_if_absent(
        self, items: Sequence[tuple[str, bytes]], ttl: float | None
    ) -> list[bytes | None]:
        return self.put_many_if_absent(items, ttl)

    async def aget_many(self, keys: Sequence[str]) -> list[bytes | None]:
        return self.get_many(keys)

    async def atouch_many(self, keys: Sequence[str], ttl: float | None) -> None:
        self.touch_many(keys, ttl)

    async def aclose(self) -> None:
        self.close()

    # -- context managers ----------------------------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
