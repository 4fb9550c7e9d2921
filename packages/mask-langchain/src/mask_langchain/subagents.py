"""A model called from inside a protected tool sees tokens: sub-agents, agents as tools, LLM tools.

A protected tool runs on real values. When that tool starts another agent (``create_agent`` inside
an ``@tool``, a graph's ``as_tool()``) or calls a model itself, the values it hands on would reach
that model in clear. LangChain gives no hook on the way in, so while a protected tool body runs the
entry points of every LangChain model (``BaseChatModel`` and ``BaseLLM``: ``invoke``, ``ainvoke``,
``stream``, ``astream``; ``batch`` goes through ``invoke``) are patched by :data:`MODELS` to tokenize
the model's input first, with the client that decoded the tool's arguments::

    model ──refund(email=<token>)──▶ protected tool: email is real here
        sub_agent.invoke({"messages": [("user", f"write to {email}")]})
            ──▶ sub-agent's model.invoke(messages)   <- MODELS: text tokenized, the model sees <token>
            ──▶ sub-agent's tools                    <- protected as usual: they get the real value

The patch is held (reference-counted, see :class:`mask_core.adapters.ClassPatch`) only while a
protected tool body runs, and acts only in that body's context: model calls anywhere else, the
agent's own model included, are untouched. Tokenizing text that already holds tokens leaves them as
they are. With an async vault, ``ainvoke``/``astream`` tokenize without blocking.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel, BaseLLM

from mask_core.adapters import ClassPatch, Replacement, current_guard
from mask_langchain.messages import atokenize_messages, tokenize_messages

__all__ = ["MODELS"]


def _sync_input(model: Any, value: Any) -> Any:
    guard = current_guard()
    if guard is None:
        return value
    client = guard.resolve()
    prompt = model._convert_input(value)
    if isinstance(model, BaseLLM):
        return client.tokenize_text(prompt.to_string())
    return tokenize_messages(prompt.to_messages(), client.tokenize_text)


async def _async_input(model: Any, value: Any) -> Any:
    guard = current_guard()
    if guard is None:
        return value
    client = guard.resolve()
    prompt = model._convert_input(value)
    if isinstance(model, BaseLLM):
        return await client.atokenize_text(prompt.to_string())
    return await atokenize_messages(prompt.to_messages(), client.atokenize_text)


def _invoke(original: Callable[..., Any]) -> Callable[..., Any]:
    def invoke(self: Any, input: Any, *args: Any, **kwargs: Any) -> Any:
        return original(self, _sync_input(self, input), *args, **kwargs)

    return invoke


def _ainvoke(original: Callable[..., Any]) -> Callable[..., Any]:
    async def ainvoke(self: Any, input: Any, *args: Any, **kwargs: Any) -> Any:
        return await original(self, await _async_input(self, input), *args, **kwargs)

    return ainvoke


def _stream(original: Callable[..., Any]) -> Callable[..., Any]:
    def stream(self: Any, input: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        yield from original(self, _sync_input(self, input), *args, **kwargs)

    return stream


def _astream(original: Callable[..., Any]) -> Callable[..., Any]:
    async def astream(self: Any, input: Any, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        async for chunk in original(self, await _async_input(self, input), *args, **kwargs):
            yield chunk

    return astream


def _plan() -> Iterable[Replacement]:
    for owner in (BaseChatModel, BaseLLM):
        yield Replacement(owner, "invoke", _invoke)
        yield Replacement(owner, "ainvoke", _ainvoke)
        yield Replacement(owner, "stream", _stream)
        yield Replacement(owner, "astream", _astream)


#: Held while a protected tool body runs (``GuardedCall(around=MODELS.held)``).
MODELS = ClassPatch("langchain_models", _plan)
