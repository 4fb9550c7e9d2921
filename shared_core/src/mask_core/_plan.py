"""Sans-I/O plans: one implementation of every vault-touching operation, run sync or async.

Operations such as "encode these values" are written once, as generators that *yield* the vault work
they need (:class:`PutMany`, :class:`GetMany`, :class:`TouchMany`) and CPU work that may be worth
moving off the event loop (:class:`Compute`), and receive the results. :func:`run_sync` and
:func:`run_async` drive a plan against a vault. The sync and async APIs therefore cannot drift apart,
and each yield is one batch: one round trip for a network vault.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, TypeVar

from mask_core.vault.base import Vault

__all__ = ["Compute", "GetMany", "Plan", "PutMany", "TouchMany", "run_async", "run_sync"]

T = TypeVar("T")

#: CPU work above this many characters of text moves to a worker thread under asyncio.
OFFLOAD_CHARS = 64 * 1024


@dataclass(frozen=True, slots=True)
class PutMany:
    items: list[tuple[str, bytes]]
    ttl: float | None


@dataclass(frozen=True, slots=True)
class GetMany:
    keys: list[str]


@dataclass(frozen=True, slots=True)
class TouchMany:
    keys: list[str]
    ttl: float | None


@dataclass(frozen=True, slots=True)
class Compute:
    fn: Callable[[], Any]
    weight: int = 0  # characters of text involved; decides whether async offloads


Op = PutMany | GetMany | TouchMany | Compute
Plan = Generator[Op, Any, T]


def _execute(vault: Vault, op: Op) -> Any:
    if isinstance(op, GetMany):
        return vault.get_many(op.keys)
    if isinstance(op, PutMany):
        return vault.put_many_if_absent(op.items, op.ttl)
    if isinstance(op, TouchMany):
        return vault.touch_many(op.keys, op.ttl)
    return op.fn()


async def _aexecute(vault: Vault, op: Op) -> Any:
    if isinstance(op, GetMany):
        return await vault.aget_many(op.keys)
    if isinstance(op, PutMany):
        return await vault.aput_many_if_absent(op.items, op.ttl)
    if isinstance(op, TouchMany):
        return await vault.atouch_many(op.keys, op.ttl)
    if op.weight >= OFFLOAD_CHARS:
        return await asyncio.to_thread(op.fn)
    return op.fn()


def run_sync(plan: Plan[T], vault: Vault) -> T:
    """Drive ``plan`` against ``vault``. A failure of an operation is thrown into the plan at the
    ``yield`` that asked for it, so its traceback shows every plan step on the way (the encode that
    decided what to store, not only the vault call), and a plan may handle it."""
    try:
        op = next(plan)
        while True:
            try:
                result = _execute(vault, op)
            except Exception as exc:
                op = plan.throw(exc)
                continue
            op = plan.send(result)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    finally:
        plan.close()


async def run_async(plan: Plan[T], vault: Vault) -> T:
    """:func:`run_sync` under asyncio."""
    try:
        op = next(plan)
        while True:
            try:
                result = await _aexecute(vault, op)
            except Exception as exc:
                op = plan.throw(exc)
                continue
            op = plan.send(result)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    finally:
        plan.close()
