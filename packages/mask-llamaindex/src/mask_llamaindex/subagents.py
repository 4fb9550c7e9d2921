"""A model called while a protected tool body runs is sent tokens: sub-agents, query engines, raw calls.

A protected tool runs on real values. Whatever model it reaches on the way, directly or not, would
get them in clear: another agent it starts (``await expert.run(user_msg=question)``), a query
engine whose synthesizer calls its LLM, or ``llm.chat`` / ``llm.complete`` / ``llm.predict`` in the
tool's own code. Every one of those ends in one of eight methods of an LLM class (``chat``,
``achat``, ``stream_chat``, ``astream_chat``, ``complete``, ``acomplete``, ``stream_complete``,
``astream_complete``), which each provider class implements itself. While a protected tool body
runs, :data:`MODELS` replaces them on every LLM class that defines them (classes defined later are
patched when they are created): the messages' text or the prompt is tokenized first, with the client
that decoded the tool's arguments::

    model ──ask_expert(question="... <token> ...")──▶ protected tool: the question is real here
        expert.run(user_msg=question)           <- the expert's model is sent "... <token> ..."
        engine.query(question)                  <- the engine's LLM is sent tokens
        llm.complete(f"summarise {question}")   <- tokens
        the sub-agent's own tools               <- protected as usual: they get the real values

The async methods tokenize with the client's async API (``atokenize_text``), so a network vault is
never called through a blocking path. A model method that calls another (``CustomLLM.chat`` calling
``complete``, a structured LLM calling the one it wraps) tokenizes once, in the outermost call.
Workflow agents run their steps in tasks started by ``run()``, which inherit the tool body's
context, so their model calls are covered the same way.

The patch is held (reference-counted, :class:`mask_core.adapters.ClassPatch`) only while a protected
tool body runs, and acts only in that body's context: model calls anywhere else, the calling agent's
own model included, are untouched. Text that already holds tokens is left as it is.
"""

from __future__ import annotations

import contextvars
import weakref
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

from llama_index.core.base.llms.base import BaseLLM
from llama_index.core.base.llms.types import ChatMessage, TextBlock

from mask_core import MaskClient
from mask_core.adapters import ClassPatch, Replacement, current_guard, named_like

__all__ = ["MODELS"]


_CHAT = ("chat", "stream_chat")
_ACHAT = ("achat", "astream_chat")
_COMPLETE = ("complete", "stream_complete")
_ACOMPLETE = ("acomplete", "astream_complete")

# Set while a model method's own body runs: the input it hands on is already tokenized.
_inside: contextvars.ContextVar[bool] = contextvars.ContextVar("mask_llamaindex_model_call", default=False)


def _client() -> MaskClient | None:
    guard = current_guard()
    return None if guard is None or _inside.get() else guard.resolve()


def _texts(messages: Sequence[Any]) -> Iterator[str]:
    for message in messages:
        if isinstance(message, ChatMessage):
            yield from (b.text for b in message.blocks if isinstance(b, TextBlock))


def _rewrite(messages: Sequence[Any], tokenized: Callable[[str], str]) -> list[Any]:
    out = []
    for message in messages:
        if not isinstance(message, ChatMessage):
            out.append(message)
            continue
        blocks = [
            TextBlock(text=tokenized(b.text)) if isinstance(b, TextBlock) else b for b in message.blocks
        ]
        out.append(message.model_copy(update={"blocks": blocks}))
    return out


def _first(args: tuple[Any, ...], kwargs: dict[str, Any], name: str) -> tuple[bool, Any]:
    if args:
        return True, args[0]
    return name in kwargs, kwargs.get(name)


def _with(args: tuple[Any, ...], kwargs: dict[str, Any], name: str, value: Any) -> tuple[Any, Any]:
    if args:
        return (value, *args[1:]), kwargs
    return args, {**kwargs, name: value}


def _sync(chat: bool) -> Callable[[Any], Any]:
    def make(original: Callable[..., Any]) -> Callable[..., Any]:
        @named_like(original)
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            client = _client()
            given, value = _first(args, kwargs, "messages" if chat else "prompt")
            if client is not None and given:
                if chat:
                    value = _rewrite(value, client.tokenize_text)
                elif isinstance(value, str):
                    value = client.tokenize_text(value)
                args, kwargs = _with(args, kwargs, "messages" if chat else "prompt", value)
            token = _inside.set(True)
            try:
                return original(self, *args, **kwargs)
            finally:
                _inside.reset(token)

        return method

    return make


async def _atokenized(client: MaskClient, messages: Sequence[Any]) -> list[Any]:
    done: dict[str, str] = {}
    for text in _texts(messages):
        if text not in done:
            done[text] = await client.atokenize_text(text)
    return _rewrite(messages, done.__getitem__)


def _async(chat: bool) -> Callable[[Any], Any]:
    def make(original: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @named_like(original)
        async def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            client = _client()
            given, value = _first(args, kwargs, "messages" if chat else "prompt")
            if client is not None and given:
                if chat:
                    value = await _atokenized(client, value)
                elif isinstance(value, str):
                    value = await client.atokenize_text(value)
                args, kwargs = _with(args, kwargs, "messages" if chat else "prompt", value)
            token = _inside.set(True)
            try:
                return await original(self, *args, **kwargs)
            finally:
                _inside.reset(token)

        return method

    return make


_MAKERS: dict[str, Callable[[Any], Any]] = {
    **{n: _sync(chat=True) for n in _CHAT},
    **{n: _sync(chat=False) for n in _COMPLETE},
    **{n: _async(chat=True) for n in _ACHAT},
    **{n: _async(chat=False) for n in _ACOMPLETE},
}


def _classes() -> Iterator[type]:
    seen: set[type] = set()
    stack: list[type] = [BaseLLM]
    while stack:
        cls = stack.pop()
        if cls not in seen:
            seen.add(cls)
            stack.extend(cls.__subclasses__())
            yield cls


# The entry points each class defines itself, found once per class (the plan runs around every
# protected tool call). Weak keys: a class freed elsewhere is not kept alive by this cache.
_defined: weakref.WeakKeyDictionary[type, tuple[str, ...]] = weakref.WeakKeyDictionary()


def _own_methods(cls: type) -> tuple[str, ...]:
    found = _defined.get(cls)
    if found is None:
        found = tuple(
            name
            for name in _MAKERS
            if callable(method := cls.__dict__.get(name))
            and not getattr(method, "__isabstractmethod__", False)
        )
        _defined[cls] = found
    return found


def _plan() -> Iterator[Replacement]:
    for cls in _classes():
        for name in _own_methods(cls):
            yield Replacement(cls, name, _MAKERS[name])


#: Held while a protected tool body runs (``GuardedCall(around=MODELS.held)``).
MODELS = ClassPatch("llamaindex_models", _plan, watch=(BaseLLM,))
