"""The Redis vault: one Redis server or a Redis Cluster, sync and asyncio, one behaviour.

Install with ``pip install 'mask-core[redis]'``. Usage::

    from mask_core import MaskClient
    from mask_core.vault.redis import RedisVault

    vault = RedisVault("redis://redis.internal:6379/0")                  # one server (or a replica set)
    vault = RedisVault("redis://node-1:7000", cluster=True)               # Redis Cluster, any node
    client = MaskClient(tenant="acme", vault=vault, ttl=86_400)

or ``MASK_VAULT_TYPE=redis MASK_REDIS_URL=redis://... [MASK_REDIS_CLUSTER=true]``.

How each operation maps to Redis (the Lua sources are in :mod:`mask_core.vault._redis_lua`):

=======================  ===========================================================================
put_many_if_absent       one ``EVALSHA`` of the put script per group of keys: ``GET``; if nil
                         ``SET PX``; if equal, refresh with ``PEXPIRE``/``PERSIST``; return the old
                         value. Atomic per key, applied in order.
get_many                 ``MGET`` (cluster: one ``MGET`` per hash slot, see below)
touch_many               one ``EVALSHA`` of the touch script per group
replace                  compare-and-set script, ``SET ... KEEPTTL`` (the remaining TTL is kept)
iter_keys                ``SCAN MATCH <prefix>*`` (every primary of a cluster)
=======================  ===========================================================================

**Round trips.** On one server a batch is one round trip: one ``EVALSHA`` (or a pipeline of them
when a batch exceeds 512 keys, so no script blocks the server for long) and one ``MGET``. In a cluster
an entry is one key, so one entry always lives in one hash slot, but a batch spans many slots: keys
are grouped by slot, each slot gets its own script call or ``MGET``, and the calls go out as one
pipeline per node, written to every node before any reply is read. "One round trip" therefore means
one concurrent exchange with each node that holds keys of the batch (at most the number of masters).

**Failure.** Timeouts, retries and their backoff follow :class:`~mask_core.vault._retry.RetryPolicy`;
redis-py's own retries are off. Connections are pooled (a blocking pool of ``max_connections``); a
connection broken by a server restart is replaced on its next use, so a vault recovers by itself. A
``maxmemory`` refusal (``OOM``) raises :class:`~mask_core.errors.VaultFullError`: configure Redis with
``maxmemory-policy noeviction`` (an evicted token can never be decoded again).

Requires Redis 6.0 or newer (``KEEPTTL``). Keys are ``<prefix><vault key>``; a prefix containing
``{...}`` would pin every key to one hash slot (one node), so leave braces out of it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from mask_core.errors import (
    MaskError,
    MissingDependencyError,
    VaultError,
    VaultFullError,
    VaultUnavailableError,
)

try:
    import redis
    import redis.asyncio as aredis
    from redis.backoff import NoBackoff
    from redis.crc import key_slot
    from redis.exceptions import (
        AuthenticationError,
        AuthorizationError,
        ClusterDownError,
        NoPermissionError,
        NoScriptError,
        OutOfMemoryError,
        ReadOnlyError,
        RedisClusterException,
        RedisError,
        ResponseError,
        TryAgainError,
    )
    from redis.retry import Retry
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise MissingDependencyError("mask_core.vault.redis (the Redis vault)", "redis", "redis") from exc

from mask_core.vault._network import NetworkVault, Put
from mask_core.vault._redis_lua import PUT, REPLACE, TOUCH, Script
from mask_core.vault._retry import RetryPolicy

__all__ = ["RedisVault"]

#: Keys per script call: bounds how long one script holds the (single-threaded) server.
CHUNK = 512
_TRANSIENT_CODES = ("LOADING", "BUSY", "MASTERDOWN")


def _classify(exc: BaseException) -> bool | MaskError | None:
    if isinstance(exc, AuthenticationError | AuthorizationError | NoPermissionError):
        return VaultUnavailableError("redis vault refused authentication: check MASK_REDIS_URL")
    if isinstance(exc, OutOfMemoryError):
        return VaultFullError("redis vault is full (maxmemory): no new entry was stored")
    if isinstance(exc, ClusterDownError | TryAgainError | ReadOnlyError):
        return True  # fail-over or resharding in progress
    if isinstance(exc, ResponseError) and not isinstance(exc, NoScriptError):
        code = str(exc).split(" ", 1)[0]
        if code in _TRANSIENT_CODES:
            return True
        return VaultError(f"redis refused a vault command ({type(exc).__name__})")
    if isinstance(exc, RedisError | RedisClusterException | OSError | TimeoutError):
        return True
    return None


class _Job(NamedTuple):
    """Script calls for one batch: ``groups[i]`` are the batch positions of ``calls[i]``'s keys."""

    script: Script
    calls: list[tuple[list[str], list[Any]]]
    groups: list[list[int]]
    size: int

    def scatter(self, replies: Sequence[Sequence[Any]]) -> list[Any]:
        out: list[Any] = [None] * self.size
        for positions, reply in zip(self.groups, replies, strict=True):
            for i, r in zip(positions, reply, strict=True):
                out[i] = r
        return out


def _ttl_arg(ttl: float | None) -> int:
    return 0 if ttl is None else max(1, round(ttl * 1000))


def _safe_url(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class RedisVault(NetworkVault):
    """A vault in Redis or Redis Cluster. Thread-safe; one instance per process is enough."""

    supports_iteration: ClassVar[bool] = True
    backend: ClassVar[str] = "redis"

    def __init__(
        self,
        url: str = "redis://localhost:6379/0",
        *,
        cluster: bool = False,
        prefix: str = "",
        policy: RetryPolicy | None = None,
        max_connections: int = 64,
        **connection_kwargs: Any,
    ) -> None:
        """Parameters: ``url`` (``redis://``, ``rediss://`` for TLS, credentials in the URL), ``cluster``
        (the URL names any node of a Redis Cluster), ``prefix`` (prepended to every key), ``policy``
        (timeout and retries), ``max_connections`` (pool size per process and node), and extra
        redis-py connection arguments (``ssl_ca_certs=...``)."""
        super().__init__(prefix=prefix, policy=policy)
        self.url = url
        self.cluster = cluster
        timeout = self.policy.attempt_timeout
        self._kwargs: dict[str, Any] = {
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
            "socket_keepalive": True,
            "health_check_interval": 30,
            "max_connections": max_connections,
            **connection_kwargs,
        }
        self._client: Any = None
        self._client_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RedisVault(url={_safe_url(self.url)!r}, cluster={self.cluster}, prefix={self.prefix!r})"

    # -- clients (built lazily: a cluster client talks to the cluster as soon as it exists) -------
    def _sync(self) -> Any:
        if self._client is None:
            with self._client_lock:
                if self._client is None:
                    self._client = self._new_sync_client()
        return self._client

    def _new_sync_client(self) -> Any:
        if self.cluster:
            return redis.RedisCluster.from_url(self.url, retry=Retry(NoBackoff(), 0), **self._kwargs)
        pool = redis.BlockingConnectionPool.from_url(
            self.url, timeout=self.policy.timeout, retry=Retry(NoBackoff(), 0), **self._kwargs
        )
        return redis.Redis.from_pool(pool)  # the client owns (and closes) its pool

    def _new_async_client(self) -> Any:
        if self.cluster:
            return aredis.RedisCluster.from_url(self.url, retry=Retry(NoBackoff(), 0), **self._kwargs)
        pool = aredis.BlockingConnectionPool.from_url(
            self.url, timeout=self.policy.timeout, retry=Retry(NoBackoff(), 0), **self._kwargs
        )
        return aredis.Redis.from_pool(pool)

    def _run(self, fn: Any) -> Any:
        return self.policy.call(fn, backend="redis", classify=_classify)

    async def _arun(self, fn: Any) -> Any:
        return await self.policy.acall(fn, backend="redis", classify=_classify)

    # -- batch planning (shared by sync and async) ----------------------------------------------------
    def _groups(self, keys: Sequence[str]) -> list[list[int]]:
        """Batch positions per script call: consecutive chunks, or per hash slot in a cluster."""
        if not self.cluster:
            return [list(range(i, min(i + CHUNK, len(keys)))) for i in range(0, len(keys), CHUNK)]
        by_slot: dict[int, list[int]] = {}
        for i, key in enumerate(keys):
            by_slot.setdefault(key_slot(key.encode()), []).append(i)
        return [idx[j : j + CHUNK] for idx in by_slot.values() for j in range(0, len(idx), CHUNK)]

    def _put_job(self, items: Sequence[Put], ttl: float | None) -> _Job:
        keys = [self.prefix + k for k, _ in items]
        groups = self._groups(keys)
        head = [_ttl_arg(ttl)]
        calls = [([keys[i] for i in g], head + [items[i][1] for i in g]) for g in groups]
        return _Job(PUT, calls, groups, len(items))

    def _touch_job(self, keys: Sequence[str], ttl: float | None) -> _Job:
        full = [self.prefix + k for k in keys]
        groups = self._groups(full)
        return _Job(TOUCH, [([full[i] for i in g], [_ttl_arg(ttl)]) for g in groups], groups, len(keys))

    # -- script execution: EVALSHA, reloading the script once if the server lost it ---------------
    def _route(self, client: Any, keys: list[str]) -> dict[str, Any]:
        """In a cluster, name the node of a script call's slot ourselves: redis-py would otherwise ask
        the server for the keys of every EVALSHA (``COMMAND GETKEYS``), one extra round trip each.
        A stale slot map is corrected by the MOVED redirection redis-py follows."""
        return {"target_nodes": client.get_node_from_key(keys[0])} if self.cluster else {}

    def _execute(self, client: Any, job: _Job) -> list[Any]:
        sha = job.script.sha
        if len(job.calls) == 1 and not self.cluster:
            keys, argv = job.calls[0]
            try:
                return job.scatter([client.evalsha(sha, len(keys), *keys, *argv)])
            except NoScriptError:
                client.script_load(job.script.source)
                return job.scatter([client.evalsha(sha, len(keys), *keys, *argv)])
        todo = list(range(len(job.calls)))
        replies: list[Any] = [None] * len(job.calls)
        for _ in range(2):
            pipe = client.pipeline(transaction=False)
            for i in todo:
                keys, argv = job.calls[i]
                pipe.execute_command("EVALSHA", sha, len(keys), *keys, *argv, **self._route(client, keys))
            for i, reply in zip(todo, pipe.execute(raise_on_error=False), strict=True):
                replies[i] = reply
            todo = [i for i in todo if isinstance(replies[i], NoScriptError)]
            if not todo:
                break
            client.script_load(job.script.source)
        return job.scatter(_raise_first(replies))

    async def _aexecute(self, client: Any, job: _Job) -> list[Any]:
        sha = job.script.sha
        if len(job.calls) == 1 and not self.cluster:
            keys, argv = job.calls[0]
            try:
                return job.scatter([await client.evalsha(sha, len(keys), *keys, *argv)])
            except NoScriptError:
                await client.script_load(job.script.source)
                return job.scatter([await client.evalsha(sha, len(keys), *keys, *argv)])
        todo = list(range(len(job.calls)))
        replies: list[Any] = [None] * len(job.calls)
        for _ in range(2):
            if self.cluster:
                await client.initialize()  # no-op once the slot map is known
            pipe = client.pipeline(transaction=False)
            for i in todo:
                keys, argv = job.calls[i]
                pipe.execute_command("EVALSHA", sha, len(keys), *keys, *argv, **self._route(client, keys))
            for i, reply in zip(todo, await pipe.execute(raise_on_error=False), strict=True):
                replies[i] = reply
            todo = [i for i in todo if isinstance(replies[i], NoScriptError)]
            if not todo:
                break
            await client.script_load(job.script.source)
        return job.scatter(_raise_first(replies))

    # -- Vault: sync ----------------------------------------------------------------------------------
    def put_many_if_absent(self, items: Sequence[Put], ttl: float | None) -> list[bytes | None]:
        if not items:
            return []
        job = self._put_job(items, ttl)
        return self._run(lambda: self._execute(self._sync(), job))  # type: ignore[no-any-return]

    def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys:
            return []
        full = [self.prefix + k for k in keys]
        if self.cluster:
            return self._run(lambda: self._sync().mget_nonatomic(full))  # type: ignore[no-any-return]
        return self._run(lambda: self._sync().mget(full))  # type: ignore[no-any-return]

    def touch(self, key: str, ttl: float | None) -> bool:
        job = self._touch_job([key], ttl)
        return bool(self._run(lambda: self._execute(self._sync(), job))[0])

    def touch_many(self, keys: Sequence[str], ttl: float | None) -> None:
        if keys:
            job = self._touch_job(keys, ttl)
            self._run(lambda: self._execute(self._sync(), job))

    def delete(self, key: str) -> bool:
        return bool(self._run(lambda: self._sync().delete(self.prefix + key)))

    def iter_keys(self, prefix: str) -> Iterator[str]:
        pattern = _glob_escape(self.prefix + prefix) + "*"
        keys = self._run(lambda: {k.decode() for k in self._sync().scan_iter(match=pattern, count=1000)})
        cut = len(self.prefix)
        return iter([k[cut:] for k in keys])

    def replace(self, key: str, expected: bytes, new: bytes) -> bool:
        """Compare-and-set in one script. Not retried: a retry after a lost reply would report False."""
        job = _Job(REPLACE, [([self.prefix + key], [expected, new])], [[0]], 1)
        policy = RetryPolicy(timeout=self.policy.timeout, retries=0)
        return bool(
            policy.call(lambda: self._execute(self._sync(), job), backend="redis", classify=_classify)[0]
        )

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    # -- Vault: async (coalesced by NetworkVault, one client per event loop) --------------------------
    async def _aput_batch(self, client: Any, items: list[Put], ttl: float | None) -> list[bytes | None]:
        job = self._put_job(items, ttl)
        return await self._arun(lambda: self._aexecute(client, job))  # type: ignore[no-any-return]

    async def _aget_batch(self, client: Any, keys: list[str]) -> list[bytes | None]:
        full = [self.prefix + k for k in keys]
        if self.cluster:
            return await self._arun(lambda: client.mget_nonatomic(full))  # type: ignore[no-any-return]
        return await self._arun(lambda: client.mget(full))  # type: ignore[no-any-return]

    async def _atouch_batch(self, client: Any, keys: list[str], ttl: float | None) -> list[None]:
        job = self._touch_job(keys, ttl)
        await self._arun(lambda: self._aexecute(client, job))
        return [None] * len(keys)

    async def atouch(self, key: str, ttl: float | None) -> bool:
        client = (await self._state()).client
        job = self._touch_job([key], ttl)
        return bool((await self._arun(lambda: self._aexecute(client, job)))[0])

    async def adelete(self, key: str) -> bool:
        client = (await self._state()).client
        return bool(await self._arun(lambda: client.delete(self.prefix + key)))

    async def _aclose_client(self, client: Any) -> None:
        await client.aclose()


def _raise_first(replies: list[Any]) -> list[Any]:
    for reply in replies:
        if isinstance(reply, Exception):
            raise reply
    return replies


def _glob_escape(text: str) -> str:
    """``text`` as a literal inside a Redis glob pattern (SCAN MATCH)."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)
