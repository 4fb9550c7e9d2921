"""The guarded call: decode -> run -> encode, written once for every framework adapter.

A framework calls a tool as ``fn(*args, **kwargs)``; some of those keyword arguments are what the
model wrote (the tool's schema), others are injected by the framework (LangChain's ``config`` and
``run_manager``, LlamaIndex's workflow ``Context``, ADK's ``tool_context``). :class:`GuardedCall`
runs one such call:

1. the model-visible arguments (every positional one, and the keywords in ``visible``) are decoded
   by the :class:`~mask_core.ToolGuard` (least privilege, fail shut: a token it cannot restore means
   :class:`~mask_core.ToolCallRefusedError` and the tool does not run); injected ones pass untouched;
2. ``fn`` runs on the real values, awaited when it is async (never passed through a sync path);
3. its result is encoded: tokenized, or run through the firewall's policy (``Protection.firewall``).
   ``codec`` says how to take a framework's result object apart and put it back together (a
   LlamaIndex ``ToolOutput``); without one the result itself is encoded, its types kept;
4. an exception the tool raised is re-raised with its message tokenized, except the framework's
   control-flow exceptions (``passthrough``), which are re-raised as they are.

**Exactly once.** While ``fn`` runs, the tool (``identity``) is marked in a context variable.
:func:`is_guarded` lets a class patch see that a call is already inside Mask's boundary (a wrapper
calling the tool it wraps, ``tool(...)`` calling ``tool.call(...)``) and step aside, so no call is
decoded or encoded twice. :func:`current_guard` tells code running *inside* a tool body (a sub-agent
started by the tool) which guard decoded its values, so the adapter can hand that sub-agent's model
tokens again.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import inspect
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # a type only: tool_guard builds on this module (ToolGuard.call runs a GuardedCall)
    from mask_core.guard.tool_guard import ToolGuard

__all__ = ["GuardedCall", "ResultCodec", "current_guard", "is_guarded"]


class ResultCodec(Protocol):
    """How to encode a framework's result object that Mask cannot walk as it is."""

    def parts(self, result: Any) -> Any:
        """The plain data (dicts, lists, strings, ...) of ``result`` that must be encoded."""

    def rebuild(self, result: Any, encoded: Any, model_args: dict[str, Any]) -> Any:
        """``result`` rebuilt from ``encoded`` parts (``model_args``: the arguments the model wrote)."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Body:
    identity: object
    guard: ToolGuard


_bodies: contextvars.ContextVar[tuple[_Body, ...]] = contextvars.ContextVar("mask_tool_bodies", default=())


def is_guarded(tool: object) -> bool:
    """Whether ``tool`` is running inside Mask's boundary in this context (do not guard it again)."""
    return any(b.identity is tool for b in _bodies.get())


def current_guard() -> ToolGuard | None:
    """The guard of the innermost tool body running in this context (None outside every tool)."""
    bodies = _bodies.get()
    return bodies[-1].guard if bodies else None


@contextlib.contextmanager
def _inside(identity: object, guard: ToolGuard, around: Callable[[], Any] | None) -> Iterator[None]:
    token = _bodies.set((*_bodies.get(), _Body(identity, guard)))
    try:
        if around is None:
            yield
        else:
            with around():
                yield
    finally:
        _bodies.reset(token)


def _split(kwargs: dict[str, Any], visible: frozenset[str] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    if visible is None:
        return kwargs, {}
    model = {k: v for k, v in kwargs.items() if k in visible}
    return model, {k: v for k, v in kwargs.items() if k not in visible}


@dataclasses.dataclass(frozen=True, slots=True)
class GuardedCall:
    """One tool's boundary: ``guarded(fn, *args, **kwargs)`` or ``await guarded.acall(...)``.

    ``visible``: the keyword arguments the model writes (None: all of them). ``identity``: the tool
    object, for :func:`is_guarded`. ``around``: a context manager factory entered while the tool body
    runs (adapters use it to keep a sub-agent's model on tokens).
    """

    guard: ToolGuard
    visible: frozenset[str] | None = None
    passthrough: tuple[type[BaseException], ...] = ()
    identity: object = None
    codec: ResultCodec | None = None
    around: Callable[[], Any] | None = None

    def __call__(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        model, injected = _split(kwargs, self.visible)
        args, decoded = self.guard.decode_args((args, model))
        try:
            with _inside(self.identity, self.guard, self.around):
                result = fn(*args, **decoded, **injected)
        except self.passthrough:
            raise
        except Exception as exc:
            failure = exc
        else:
            if self.codec is None:
                return self.guard.encode_result(result)
            return self.codec.rebuild(result, self.guard.encode_result(self.codec.parts(result)), model)
        raise self.guard.mask_error(failure)

    async def acall(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        model, injected = _split(kwargs, self.visible)
        args, decoded = await self.guard.adecode_args((args, model))
        try:
            with _inside(self.identity, self.guard, self.around):
                result = fn(*args, **decoded, **injected)
                if inspect.isawaitable(result):
                    result = await result
        except self.passthrough:
            raise
        except Exception as exc:
            failure = exc
        else:
            if self.codec is None:
                return await self.guard.aencode_result(result)
            encoded = await self.guard.aencode_result(self.codec.parts(result))
            return self.codec.rebuild(result, encoded, model)
        raise await self.guard.amask_error(failure)
