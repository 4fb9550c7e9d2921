"""The memcached vault (pymemcache): fast and simple, but a cache. Read this before choosing it.

Install with ``pip install 'mask-core[memcached]'``. Usage::

    from mask_core.vault.memcached import MemcachedVault

    vault = MemcachedVault(["cache-1:11211", "cache-2:11211"])
    client = MaskClient(tenant="acme", vault=vault, ttl=3600)

or ``MASK_VAULT_TYPE=memcached MASK_MEMCACHED_SERVERS=cache-1:11211,cache-2:11211``.

.. warning::
   **memcached evicts.** When its memory is full it drops the least recently used items, without
   telling anyone, and a restart loses everything. A token whose entry was evicted can never be decoded
   again (:class:`~mask_core.errors.TokenNotFoundError`; never a wrong value). Use memcached only when
   losing a mapping is acceptable (short-lived sessions with a short TTL), size it so it never evicts
   (watch the ``evictions`` statistic), or choose Redis with ``maxmemory-policy noeviction`` or DynamoDB.

How the contract maps to memcached:

* **store-if-absent**: ``add`` (atomic). When it refuses, ``get`` reads the record that is there and,
  if it is byte-for-byte the same, ``touch`` refreshes its TTL. A batch of new entries is one round
  trip per server (the ``add`` commands are pipelined); entries that already exist cost up to two more.
* **get_many**: one multi-key ``get`` per server (one round trip per server holding keys of the batch).
* **keys**: ``<prefix><vault key>`` when it fits memcached's rules (at most 250 bytes, printable ASCII
  without spaces); otherwise ``<prefix>#<SHA-256 of the key>``. A raw key never starts with ``#``, so the
  two forms cannot meet. Keys hold token forms, never plaintext.
* **TTL**: memcached counts whole seconds and reads an expiry above 30 days as a unix timestamp, so a
  TTL becomes ``ceil(ttl) + 1`` seconds (an entry lives between ``ttl`` and ``ttl + 1`` seconds), and a
  TTL above 30 days is sent as ``now + ttl`` in unix time (the servers' clocks must be right).
* **several servers**: keys are spread by rendezvous hashing (pymemcache's ``RendezvousHash``). A dead
  server is *not* dropped from the ring (which would silently re-home its keys): calls that need it
  raise :class:`~mask_core.errors.VaultUnavailableError` until it is back.
* **no iteration**: memcached cannot list its keys, so ``mask vault rekey`` does not support it
  (``supports_iteration`` is False).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, TypeVar

from mask_core.errors import (
    MaskConfigurationError,
    MaskError,
    MissingDependencyError,
    VaultError,
    VaultFullError,
)
from mask_core.types import Clock

try:
    from pymemcache.client.base import Client, PooledClient
    from pymemcache.client.rendezvous import RendezvousHash
    from pymemcache.exceptions import (
        MemcacheClientError,
        MemcacheError,
        MemcacheServerError,
        MemcacheUnexpectedCloseError,
    )
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise MissingDependencyError(
        "mask_core.vault.memcached (the memcached vault)", "pymemcache", "memcached"
    ) from exc

from mask_core.vault._network import NetworkVault, Put, ceil_seconds, resolve_duplicates
from mask_core.vault._retry import RetryPolicy

__all__ = ["MemcachedVault"]

T = TypeVar("T")
MAX_KEY = 250
#: memcached reads an expiry above this many seconds as an absolute unix time.
MAX_RELATIVE_EXPIRY = 30 * 24 * 3600
_SAFE_KEY = re.compile(rb"[\x21-\x7e]+")  # printable ASCII without space


def _classify(exc: BaseException) -> bool | MaskError | None:
    if isinstance(exc, MemcacheUnexpectedCloseError | OSError | TimeoutError):
        return True
    if isinstance(exc, MemcacheServerError):
        if b"out of memory" in (exc.args[0] if exc.args and isinstance(exc.args[0], bytes) else b""):
            return VaultFullError("memcached is out of memory: no new entry was stored")
        return True
    if isinstance(exc, MemcacheClientError):
        return VaultError(f"memcached refused a vault command ({type(exc).__name__})")
    if isinstance(exc, MemcacheError):
        return True
    return None


class _Client(Client):  # type: ignore[misc]
    """pymemcache's client plus the two pipelined commands it lacks (it has ``set_many``, no ``add_many``).

    Both reuse pymemcache's own request and reply handling (``_store_cmd`` / ``_misc_cmd``, stable
    since pymemcache 3): one write, then one reply line per command.
    """

    def add_many(self, values: dict[bytes, bytes], expire: int) -> dict[bytes, bool]:
        return self._store_cmd(b"add", values, expire, noreply=False)  # type: ignore[no-any-return]

    def touch_many(self, keys: Sequence[bytes], expire: int) -> list[bool]:
        suffix = b" " + str(expire).encode() + b"\r\n"
        lines = self._misc_cmd([b"touch " + k + suffix for k in keys], b"touch", False)
        return [line == b"TOUCHED" for line in lines]


class _Pool(PooledClient):  # type: ignore[misc]
    client_class = _Client


class MemcachedVault(NetworkVault):
    """A vault in one or more memcached servers. Thread-safe (a connection pool per server)."""

    supports_iteration: ClassVar[bool] = False
    backend: ClassVar[str] = "memcached"

    def __init__(
        self,
        servers: Iterable[str] = ("127.0.0.1:11211",),
        *,
        prefix: str = "",
        policy: RetryPolicy | None = None,
        max_pool_size: int = 64,
        clock: Clock = time.time,
    ) -> None:
        """``servers``: ``host:port`` strings; ``clock``: unix time, used only for TTLs above 30 days."""
        super().__init__(prefix=prefix, policy=policy)
        self.servers = [s.strip() for s in servers if s.strip()]
        if not self.servers:
            raise MaskConfigurationError("MemcachedVault needs at least one server (host:port)")
        raw_prefix = prefix.encode("ascii", "replace")
        if prefix and (len(raw_prefix) > 100 or not _SAFE_KEY.fullmatch(raw_prefix) or prefix[0] == "#"):
            raise MaskConfigurationError(
                "memcached prefix: up to 100 printable ASCII characters, no space or '#'"
            )
        self._raw_prefix = raw_prefix
        self._clock = clock
        timeout = self.policy.attempt_timeout
        self._pools = {
            server: _Pool(
                _parse_server(server),
                connect_timeout=timeout,
                timeout=timeout,
                no_delay=True,
                max_pool_size=max_pool_size,
                default_noreply=False,
            )
            for server in self.servers
        }
        self._ring = RendezvousHash(nodes=list(self.servers)) if len(self.servers) > 1 else None

    def __repr__(self) -> str:
        return f"MemcachedVault(servers={self.servers!r}, prefix={self.prefix!r})"

    # -- keys, TTLs, servers --------------------------------------------------------------------------
    def _mkey(self, key: str) -> bytes:
        raw = key.encode("utf-8", "surrogatepass")
        full = self._raw_prefix + raw
        if len(full) <= MAX_KEY and _SAFE_KEY.fullmatch(raw) and not raw.startswith(b"#"):
            return full
        return self._raw_prefix + b"#" + hashlib.sha256(raw).hexdigest().encode()

    def _expire(self, ttl: float | None) -> int:
        if ttl is None:
            return 0
        seconds = ceil_seconds(ttl) + 1  # memcached's clock ticks in whole seconds
        return int(self._clock()) + seconds if seconds > MAX_RELATIVE_EXPIRY else seconds

    def _by_server(self, mkeys: Sequence[bytes], positions: Iterable[int]) -> dict[str, list[int]]:
        if self._ring is None:
            return {self.servers[0]: list(positions)}
        out: dict[str, list[int]] = {}
        for i in positions:
            out.setdefault(self._ring.get_node(mkeys[i].decode()), []).append(i)
        return out

    def _with(self, server: str, fn: Callable[[Any], T]) -> T:
        pool = self._pools[server]
        try:
            with pool.client_pool.get_and_release(destroy_on_fail=True) as conn:
                return fn(conn)
        except Exception:
            pool.client_pool.clear()  # after a failure the other idle sockets are likely dead too
            raise

    def _run(self, fn: Callable[[], T]) -> T:
        return self.policy.call(fn, backend="memcached", classify=_classify)

    # -- Vault ----------------------------------------------------------------------------------------
    def put_many_if_absent(self, items: Sequence[Put], ttl: float | None) -> list[bytes | None]:
        if not items:
            return []
        answers, touch = resolve_duplicates(items, lambda unique: self._run(lambda: self._put(unique, ttl)))
        if touch:
            self.touch_many(touch, ttl)
        return answers

    def _put(self, items: list[Put], ttl: float | None) -> list[bytes | None]:
        expire = self._expire(ttl)
        mkeys = [self._mkey(k) for k, _ in items]
        out: list[bytes | None] = [None] * len(items)
        pending = list(range(len(items)))
        for _ in range(8):  # repeats only when an entry expired between our add and our get
            refused: list[int] = []
            for server, idx in self._by_server(mkeys, pending).items():
                values = {mkeys[i]: items[i][1] for i in idx}
                stored = self._with(server, lambda c, v=values: c.add_many(v, expire))  # type: ignore[misc]
                refused += [i for i in idx if not stored[mkeys[i]]]
            if not refused:
                return out
            found: dict[bytes, bytes] = {}
            for server, idx in self._by_server(mkeys, refused).items():
                found.update(self._with(server, lambda c, i=idx: c.get_many([mkeys[j] for j in i])))  # type: ignore[misc]
            same = [i for i in refused if found.get(mkeys[i]) == items[i][1]]
            for i in refused:
                out[i] = found.get(mkeys[i])
            self._touch_mkeys([mkeys[i] for i in same], expire)
            pending = [i for i in refused if out[i] is None]
            if not pending:
                return out
        raise VaultError("memcached entries kept expiring while being stored; nothing was stored")

    def _touch_mkeys(self, mkeys: Sequence[bytes], expire: int) -> list[bool]:
        touched = [False] * len(mkeys)
        for server, idx in self._by_server(mkeys, range(len(mkeys))).items():
            lines = self._with(server, lambda c, i=idx: c.touch_many([mkeys[j] for j in i], expire))  # type: ignore[misc]
            for i, ok in zip(idx, lines, strict=True):
                touched[i] = ok
        return touched

    def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys:
            return []
        mkeys = [self._mkey(k) for k in keys]

        def fetch() -> dict[bytes, bytes]:
            found: dict[bytes, bytes] = {}
            for server, idx in self._by_server(mkeys, range(len(mkeys))).items():
                wanted = list(dict.fromkeys(mkeys[i] for i in idx))
                found.update(self._with(server, lambda c, w=wanted: c.get_many(w)))  # type: ignore[misc]
            return found

        found = self._run(fetch)
        return [found.get(k) for k in mkeys]

    def touch(self, key: str, ttl: float | None) -> bool:
        return self._run(lambda: self._touch_mkeys([self._mkey(key)], self._expire(ttl)))[0]

    def touch_many(self, keys: Sequence[str], ttl: float | None) -> None:
        if keys:
            mkeys = [self._mkey(k) for k in dict.fromkeys(keys)]
            self._run(lambda: self._touch_mkeys(mkeys, self._expire(ttl)))

    def delete(self, key: str) -> bool:
        mkey = self._mkey(key)
        server = next(iter(self._by_server([mkey], [0])))
        return bool(self._run(lambda: self._with(server, lambda c: c.delete(mkey, noreply=False))))

    def close(self) -> None:
        for pool in self._pools.values():
            pool.close()


def _parse_server(server: str) -> tuple[str, int]:
    host, sep, port = server.rpartition(":")
    if not sep or not port.isdigit():
        raise MaskConfigurationError("memcached servers are written host:port")
    return host.strip("[]"), int(port)
