"""What the network vaults share: key prefixes, batch semantics, and async batching.

``NetworkVault`` turns the single-item operations of :class:`~mask_core.vault.base.Vault` into its
batch forms, so a backend implements batches only (that is where the round trips are), and gives every
backend the same asyncio behaviour:

* **Coalescing.** Concurrent tasks on one event loop that call ``aput_many_if_absent`` /
  ``aget_many`` / ``atouch_many`` (``aencode`` and ``adecode`` do, once each) within one loop tick are
  merged into one backend batch: 100 concurrent ``aencode`` calls cost one round trip, not 100. The
  merged batch keeps submission order, which is the order the contract asks for, and each caller gets
  its own slice of the answer (or the error).
* **One client per event loop.** asyncio connections belong to the loop that opened them; state is
  kept per running loop, so ``asyncio.run`` may be called many times on one vault, and a loop's client
  is closed when the loop shuts down (``aclose()`` closes it earlier).
* Backends without a native asyncio client (memcached, DynamoDB) run their sync batch in a worker
  thread: coalescing keeps that to one thread hop per batch.

:func:`resolve_duplicates` gives backends without server-side scripting (memcached, DynamoDB) the
in-order semantics of a batch that names one key twice.
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from mask_core.vault._retry import RetryPolicy
from mask_core.vault.base import Vault

__all__ = ["Coalescer", "NetworkVault", "resolve_duplicates"]

I = TypeVar("I")  # noqa: E741 - item
R = TypeVar("R")
Put = tuple[str, bytes]

#: A merged async batch is sent as soon as it holds this many items, without waiting for the tick.
COALESCE_LIMIT = 2048


class Coalescer(Generic[I, R]):
    """Merge the batches that tasks submit within one event-loop tick into one ``flush`` call."""

    def __init__(self, flush: Callable[[list[I]], Awaitable[list[R]]], *, limit: int = COALESCE_LIMIT):
        self._flush = flush
        self._limit = limit
        self._items: list[I] = []
        self._waiters: list[tuple[int, int, asyncio.Future[list[R]]]] = []
        self._scheduled = False
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, items: Sequence[I]) -> list[R]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[R]] = loop.create_future()
        start = len(self._items)
        self._items.extend(items)
        self._waiters.append((start, len(self._items), future))
        if len(self._items) >= self._limit:
            self._start()
        elif not self._scheduled:
            self._scheduled = True
            # call_soon runs after every task already made ready in this tick: the ones that will
            # submit too (asyncio.gather starts all its tasks in one tick).
            loop.call_soon(self._tick)
        return await future

    @property
    def idle(self) -> bool:
        return not self._items and not self._tasks

    def _tick(self) -> None:
        self._scheduled = False
        self._start()

    def _start(self) -> None:
        if not self._waiters:
            return
        items, waiters = self._items, self._waiters
        self._items, self._waiters = [], []
        task = asyncio.get_running_loop().create_task(self._run(items, waiters))
        self._tasks.add(task)  # the loop keeps only weak references to tasks
        task.add_done_callback(self._tasks.discard)

    async def _run(self, items: list[I], waiters: list[tuple[int, int, asyncio.Future[list[R]]]]) -> None:
        try:
            results = await self._flush(items)
        except BaseException as exc:
            for _, _, future in waiters:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for start, end, future in waiters:
            if not future.done():
                future.set_result(results[start:end])


class _LoopState:
    """Per-event-loop state: the backend's async client (if any) and the coalescers."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.closed = False
        self.puts: dict[float | None, Coalescer[Put, bytes | None]] = {}
        self.touches: dict[float | None, Coalescer[str, None]] = {}
        self.gets: Coalescer[str, bytes | None] | None = None
        self.guard: AsyncGenerator[None, None] | None = None


def _forget_idle(by_ttl: dict[float | None, Any], keep: int = 16) -> None:
    """Callers passing many different TTLs must not grow the per-TTL coalescers without bound."""
    if len(by_ttl) >= keep:
        for ttl in [t for t, c in by_ttl.items() if c.idle]:
            del by_ttl[ttl]


def resolve_duplicates(
    items: Sequence[Put], put_unique: Callable[[list[Put]], list[bytes | None]]
) -> tuple[list[bytes | None], list[str]]:
    """Run a put batch whose keys may repeat as if its items were applied one after the other.

    ``put_unique`` stores the first item of each key (keys distinct). Returns the answer for every item
    and the keys whose TTL a later duplicate must still refresh (rare: its value equals a record that
    was already there, while the first item of that key carried another value).
    """
    first: dict[str, int] = {}
    unique: list[Put] = []
    for key, value in items:
        if key not in first:
            first[key] = len(unique)
            unique.append((key, value))
    answers = put_unique(unique)
    if len(unique) == len(items):
        return answers, []
    state: dict[str, tuple[bytes, bool]] = {}  # key -> (record now stored, TTL already set by this batch)
    touch: list[str] = []
    out: list[bytes | None] = []
    for key, value in items:
        seen = state.get(key)
        if seen is None:
            answer = answers[first[key]]
            state[key] = (value, True) if answer is None else (answer, answer == value)
            out.append(answer)
            continue
        stored, refreshed = seen
        out.append(stored)
        if stored == value and not refreshed:
            touch.append(key)
            state[key] = (stored, True)
    return out, touch


def ceil_seconds(ttl: float) -> int:
    """Whole seconds, at least one, never shorter than ``ttl``."""
    return max(1, math.ceil(ttl))


class NetworkVault(Vault):
    """Base class of the server-backed vaults. Subclasses implement the batch forms (sync and async)."""

    shared: ClassVar[bool] = True
    #: Name used in error messages and logs.
    backend: ClassVar[str] = "network"

    def __init__(self, *, prefix: str = "", policy: RetryPolicy | None = None) -> None:
        self.prefix = prefix
        self.policy = policy or RetryPolicy()
        self._loops: dict[asyncio.AbstractEventLoop, _LoopState] = {}
        self._loops_lock = threading.Lock()

    # -- single items are batches of one -------------------------------------------------------------
    def put_if_absent(self, key: str, value: bytes, ttl: float | None) -> bytes | None:
        return self.put_many_if_absent([(key, value)], ttl)[0]

    def get(self, key: str) -> bytes | None:
        return self.get_many([key])[0]

    async def aput_if_absent(self, key: str, value: bytes, ttl: float | None) -> bytes | None:
        return (await self.aput_many_if_absent([(key, value)], ttl))[0]

    async def aget(self, key: str) -> bytes | None:
        return (await self.aget_many([key]))[0]

    # -- async: coalesced, per event loop ------------------------------------------------------------
    def _new_async_client(self) -> Any:
        """The backend's asyncio client for the running loop (None: batches run in a worker thread)."""
        return None

    async def _state(self) -> _LoopState:
        loop = asyncio.get_running_loop()
        state = self._loops.get(loop)
        if state is None:
            with self._loops_lock:
                for old in [lp for lp in self._loops if lp.is_closed()]:
                    del self._loops[old]  # its connections died with their loop
                state = self._loops[loop] = _LoopState(self._new_async_client())
            state.guard = self._close_with_loop(loop, state)
            await state.guard.asend(None)
        return state

    async def _close_with_loop(
        self, loop: asyncio.AbstractEventLoop, state: _LoopState
    ) -> AsyncGenerator[None, None]:
        """Close the loop's async client when the loop shuts down.

        asyncio has no "loop closing" hook, but ``asyncio.run`` (and every well-behaved runner) calls
        ``loop.shutdown_asyncgens()``, which finalizes the async generators started on the loop: this one
        stays suspended at its ``yield`` until then, and closes the client in its ``finally``.
        """
        try:
            yield
        finally:
            self._loops.pop(loop, None)
            if not state.closed:
                state.closed = True
                if state.client is not None:
                    await self._aclose_client(state.client)

    async def _aput_batch(self, client: Any, items: list[Put], ttl: float | None) -> list[bytes | None]:
        return await asyncio.to_thread(self.put_many_if_absent, items, ttl)

    async def _aget_batch(self, client: Any, keys: list[str]) -> list[bytes | None]:
        return await asyncio.to_thread(self.get_many, keys)

    async def _atouch_batch(self, client: Any, keys: list[str], ttl: float | None) -> list[None]:
        await asyncio.to_thread(self.touch_many, keys, ttl)
        return [None] * len(keys)

    async def aput_many_if_absent(self, items: Sequence[Put], ttl: float | None) -> list[bytes | None]:
        if not items:
            return []
        state = await self._state()
        coalescer = state.puts.get(ttl)
        if coalescer is None:
            _forget_idle(state.puts)
            client = state.client
            coalescer = state.puts[ttl] = Coalescer(lambda batch: self._aput_batch(client, batch, ttl))
        return await coalescer.submit(items)

    async def aget_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys:
            return []
        state = await self._state()
        if state.gets is None:
            client = state.client
            state.gets = Coalescer(lambda batch: self._aget_batch(client, batch))
        return await state.gets.submit(keys)

    async def atouch_many(self, keys: Sequence[str], ttl: float | None) -> None:
        if not keys:
            return
        state = await self._state()
        coalescer = state.touches.get(ttl)
        if coalescer is None:
            _forget_idle(state.touches)
            client = state.client
            coalescer = state.touches[ttl] = Coalescer(lambda batch: self._atouch_batch(client, batch, ttl))
        await coalescer.submit(keys)

    async def atouch(self, key: str, ttl: float | None) -> bool:
        return await asyncio.to_thread(self.touch, key, ttl)

    async def aiter_keys(self, prefix: str) -> AsyncIterator[str]:
        for key in await asyncio.to_thread(lambda: list(self.iter_keys(prefix))):
            yield key

    async def adelete(self, key: str) -> bool:
        return await asyncio.to_thread(self.delete, key)

    async def areplace(self, key: str, expected: bytes, new: bytes) -> bool:
        return await asyncio.to_thread(self.replace, key, expected, new)

    async def _aclose_client(self, client: Any) -> None:
        """Close the running loop's async client (backends with one override this)."""

    async def aclose(self) -> None:
        """Close this loop's async connections and the sync ones."""
        state = self._loops.pop(asyncio.get_running_loop(), None)
        if state is not None and not state.closed:
            state.closed = True
            if state.client is not None:
                await self._aclose_client(state.client)
        await asyncio.to_thread(self.close)
