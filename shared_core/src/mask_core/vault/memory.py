"""The in-process vault: the default, with no services to run.

* Thread-safe: one lock guards the table; every operation is O(1).
* Store-if-absent and TTL refresh as the :class:`~mask_core.vault.base.Vault` contract says.
* Lazy O(1) expiry: an expired entry is dropped when it is read, and every write also drops up to two
  expired entries from the old end of the table, so dead entries never pile up behind live ones.
* Bounded: at ``max_entries`` the eviction policy decides. ``"lru"`` (default) drops the least recently
  used entry, ``"fifo"`` the oldest write, ``"reject"`` refuses the new entry with
  :class:`~mask_core.errors.VaultFullError` (fail-shut: no live token is ever lost). Evictions are
  logged (the first, then every 10,000th) and counted in :meth:`MemoryVault.stats`. An evicted token
  decodes as :class:`~mask_core.errors.TokenNotFoundError`; it never decodes to something else.
* The clock is injectable, so tests move time instead of sleeping.

State lives in this process only: use Redis, Memcached or DynamoDB when several processes or pods
must decode each other's tokens.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import ClassVar, Literal

from mask_core.errors import MaskConfigurationError, VaultFullError
from mask_core.types import Clock
from mask_core.vault.base import Vault

__all__ = ["EvictionPolicy", "MemoryVault"]

logger = logging.getLogger("mask_core.vault.memory")

EvictionPolicy = Literal["lru", "fifo", "reject"]
_NEVER = math.inf
_LOG_EVERY = 10_000


class MemoryVault(Vault):
    supports_ttl: ClassVar[bool] = True
    shared: ClassVar[bool] = False
    supports_iteration: ClassVar[bool] = True

    def __init__(
        self,
        *,
        max_entries: int | None = 1_000_000,
        eviction: EvictionPolicy = "lru",
        clock: Clock = time.monotonic,
    ) -> None:
        if max_entries is not None and max_entries < 1:
            raise MaskConfigurationError("MemoryVault max_entries must be at least 1 (or None for unbounded)")
        if eviction not in ("lru", "fifo", "reject"):
            raise MaskConfigurationError("MemoryVault eviction must be 'lru', 'fifo' or 'reject'")
        self.max_entries = max_entries
        self.eviction: EvictionPolicy = eviction
        self._clock = clock
        self._data: OrderedDict[str, tuple[bytes, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._evictions = 0
        self._expired = 0

    def __repr__(self) -> str:
        size, bound = len(self._data), self.max_entries
        return f"MemoryVault(entries={size}, max_entries={bound}, eviction={self.eviction!r})"

    def __len__(self) -> int:
        return len(self._data)

    def stats(self) -> dict[str, int]:
        return {"entries": len(self._data), "evictions": self._evictions, "expired": self._expired}

    def _deadline(self, ttl: float | None) -> float:
        return _NEVER if ttl is None else self._clock() + ttl

    # All _-methods below run with the lock held.
    def _live(self, key: str, now: float) -> bytes | None:
        entry = self._data.get(key)
        if entry is None:
            return None
        if entry[1] <= now:
            del self._data[key]
            self._expired += 1
            return None
        return entry[0]

    def _sweep(self, now: float) -> None:
        data = self._data
        for _ in range(2):
            if not data:
                return
            key = next(iter(data))
            if data[key][1] > now:
                return
            del data[key]
            self._expired += 1

    def _make_room(self) -> None:
        if self.max_entries is None or len(self._data) < self.max_entries:
            return
        if self.eviction == "reject":
            raise VaultFullError(
                f"memory vault is full ({self.max_entries} entries) and its eviction policy is 'reject'"
            )
        self._data.popitem(last=False)
        self._evictions += 1
        if self._evictions == 1 or self._evictions % _LOG_EVERY == 0:
            logger.warning(
                "memory vault full: evicted %d entr%s so far (policy=%s, max_entries=%d); "
                "evicted tokens can no longer be decoded",
                self._evictions,
                "y" if self._evictions == 1 else "ies",
                self.eviction,
                self.max_entries,
            )

    def _put(self, key: str, value: bytes, ttl: float | None, now: float) -> bytes | None:
        existing = self._live(key, now)
        if existing is not None:
            if existing == value:
                self._data[key] = (value, self._deadline(ttl))
                self._data.move_to_end(key)
            return existing
        self._sweep(now)
        self._make_room()
        self._data[key] = (value, self._deadline(ttl))
        return None

    # -- Vault ---------------------------------------------------------------------------------------
    def put_if_absent(self, key: str, value: bytes, ttl: float | None) -> bytes | None:
        with self._lock:
            now = self._clock()
            if key not in self._data and (self.max_entries is None or len(self._data) < self.max_entries):
                self._sweep(now)  # the common case: a new key in a vault with room
                self._data[key] = (value, _NEVER if ttl is None else now + ttl)
                return None
            return self._put(key, value, ttl, now)

    def put_many_if_absent(self, items: Sequence[tuple[str, bytes]], ttl: float | None) -> list[bytes | None]:
        with self._lock:
            now = self._clock()
            return [self._put(k, v, ttl, now) for k, v in items]

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._data.get(key)
            if entry is None:
                return None
            if entry[1] <= self._clock():
                del self._data[key]
                self._expired += 1
                return None
            if self.eviction == "lru":
                self._data.move_to_end(key)
            return entry[0]

    def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        with self._lock:
            now = self._clock()
            out = [self._live(k, now) for k in keys]
            if self.eviction == "lru":
                for k, v in zip(keys, out, strict=True):
                    if v is not None:
                        self._data.move_to_end(k)
            return out

    def touch(self, key: str, ttl: float | None) -> bool:
        with self._lock:
            value = self._live(key, self._clock())
            if value is None:
                return False
            self._data[key] = (value, self._deadline(ttl))
            self._data.move_to_end(key)
            return True

    def touch_many(self, keys: Sequence[str], ttl: float | None) -> None:
        for k in keys:
            self.touch(k, ttl)

    def delete(self, key: str) -> bool:
        with self._lock:
            return self._data.pop(key, None) is not None

    def iter_keys(self, prefix: str) -> Iterator[str]:
        with self._lock:
            now = self._clock()
            keys = [k for k, (_v, exp) in self._data.items() if k.startswith(prefix) and exp > now]
        return iter(keys)

    def replace(self, key: str, expected: bytes, new: bytes) -> bool:
        with self._lock:
            entry = self._data.get(key)
            if entry is None or entry[1] <= self._clock() or entry[0] != expected:
                return False
            self._data[key] = (new, entry[1])
            return True

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
