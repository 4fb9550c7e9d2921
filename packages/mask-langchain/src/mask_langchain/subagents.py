"""A model called while a protected tool body runs sees tokens: sub-agents, agents as tools, raw calls.

A protected tool runs on real values. When that tool starts another agent (``create_agent`` inside
an ``@tool``, a graph's ``as_tool()``) or calls a model itself, the values it hands on would reach
that model in clear. Every call of a LangChain model, whoever makes it, goes through one of a few
methods of ``BaseChatModel`` and ``BaseLLM`` that providers do not override:

* ``generate``: ``invoke``, ``batch``, ``generate_prompt`` and ``generate`` itself (a list of message
  lists, or of prompt strings for a ``BaseLLM``);
* ``agenerate``: ``ainvoke``, ``abatch``, ``agenerate_prompt`` and ``agenerate`` itself;
* ``stream`` / ``astream`` (``astream_events`` v1/v2 go through ``astream``);
* ``stream_events`` / ``astream_events`` with ``version="v3"``, where langchain-core has them.

While a protected tool body runs, :data:`MODELS` replaces those methods to tokenize the model's input
first, with the client that decoded the tool's arguments::

    model ──refund(email=<token>)──▶ protected tool: email is real here
        sub_agent.invoke({"messages": [("user", f"write to {email}")]})
            ──▶ sub-agent's model.invoke(messages)   <- MODELS: text tokenized, the model sees <token>
            ──▶ sub-agent's tools                    <- protected as usual: they get the real value
        llm.generate([[HumanMessage(f"summarise {email}")]])   <- tokens too

The async methods tokenize with the client's async API (``atokenize_text``), so a network vault is
never called through a blocking path. The patch is held (reference-counted, see
:class:`mask_core.adapters.ClassPatch`) only while a protected tool body runs, and acts only in that
body's context: model calls anywhere else, the agent's own model included, are untouched.
Tokenizing text that already holds tokens leaves them as they are.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel, BaseLLM
from langchain_core.messages import BaseMessage

from mask_core import MaskClient
from mask_core.adapters import ClassPatch, Replacement, current_guard, named_like
from mask_langchain.messages import atokenize_messages, tokenize_messages

__all__ = ["MODELS"]


def _client() -> MaskClient | None:
    guard = current_guard()
    return None if guard is None else guard.resolve()


# -- one input (invoke-style: str, messages, a PromptValue) ------------------------------------------------
def _input(model: Any, value: Any, client: MaskClient) -> Any:
    prompt = model._convert_input(value)
    if isinstance(model, BaseLLM):
        return client.tokenize_text(prompt.to_string())
    return tokenize_messages(prompt.to_messages(), client.tokenize_text)


async def _ainput(model: Any, value: Any, client: MaskClient) -> Any:
    prompt = model._convert_input(value)
    if isinstance(model, BaseLLM):
        return await client.atokenize_text(prompt.to_string())
    return await atokenize_messages(prompt.to_messages(), client.atokenize_text)


# -- a batch (generate-style: a list of message lists, or of prompt strings) --------------------------------
def _batch(batch: Any, client: MaskClient) -> Any:
    if not isinstance(batch, list):
        return batch  # not what generate takes: LangChain raises its own error for it
    return [
        client.tokenize_text(item)
        if isinstance(item, str)
        else tokenize_messages(item, client.tokenize_text)
        if isinstance(item, list) and all(isinstance(m, BaseMessage) for m in item)
        else item
        for item in batch
    ]


async def _abatch(batch: Any, client: MaskClient) -> Any:
    if not isinstance(batch, list):
        return batch
    out: list[Any] = []
    for item in batch:
        if isinstance(item, str):
            out.append(await client.atokenize_text(item))
        elif isinstance(item, list) and all(isinstance(m, BaseMessage) for m in item):
            out.append(await atokenize_messages(item, client.atokenize_text))
        else:
            out.append(item)
    return out


def _first(args: tuple[Any, ...], kwargs: dict[str, Any], name: str, new: Callable[[Any], Any]) -> Any:
    """``(args, kwargs)`` with the first argument (positional, or the keyword ``name``) replaced."""
    if args:
        return (new(args[0]), *args[1:]), kwargs
    if name in kwargs:
        return args, {**kwargs, name: new(kwargs[name])}
    return args, kwargs


# -- the replacements -------------------------------------------------------------------------------------
def _generate(original: Callable[..., Any]) -> Callable[..., Any]:
    @named_like(original)
    def generate(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = _client()
        if client is not None:
            name = "prompts" if isinstance(self, BaseLLM) else "messages"
            args, kwargs = _first(args, kwargs, name, lambda batch: _batch(batch, client))
        return original(self, *args, **kwargs)

    return generate


def _agenerate(original: Callable[..., Any]) -> Callable[..., Any]:
    @named_like(original)
    async def agenerate(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = _client()
        if client is not None:
            name = "prompts" if isinstance(self, BaseLLM) else "messages"
            given = args[0] if args else kwargs.get(name)
            tokenized = await _abatch(given, client)
            args, kwargs = _first(args, kwargs, name, lambda _: tokenized)
        return await original(self, *args, **kwargs)

    return agenerate


def _stream(original: Callable[..., Any]) -> Callable[..., Any]:
    @named_like(original)
    def stream(self: Any, input: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        client = _client()
        value = input if client is None else _input(self, input, client)
        yield from original(self, value, *args, **kwargs)

    return stream


def _astream(original: Callable[..., Any]) -> Callable[..., Any]:
    @named_like(original)
    async def astream(self: Any, input: Any, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        client = _client()
        value = input if client is None else await _ainput(self, input, client)
        async for chunk in original(self, value, *args, **kwargs):
            yield chunk

    return astream


def _stream_events(original: Callable[..., Any]) -> Callable[..., Any]:
    # version="v3" reads the model directly; v1 and v2 go through astream, replaced above.
    @named_like(original)
    def stream_events(self: Any, input: Any, *args: Any, **kwargs: Any) -> Any:
        client = _client()
        if client is not None and kwargs.get("version") == "v3":
            input = _input(self, input, client)
        return original(self, input, *args, **kwargs)

    return stream_events


def _astream_events(original: Callable[..., Any]) -> Callable[..., Any]:
    @named_like(original)
    def astream_events(self: Any, input: Any, *args: Any, **kwargs: Any) -> Any:
        client = _client()
        if client is None or kwargs.get("version") != "v3":
            return original(self, input, *args, **kwargs)

        async def v3() -> Any:  # v3 returns an awaitable: tokenize inside it, without blocking
            return await original(self, await _ainput(self, input, client), *args, **kwargs)

        return v3()

    return astream_events


def _plan() -> Iterable[Replacement]:
    for owner in (BaseChatModel, BaseLLM):
        yield Replacement(owner, "generate", _generate)
        yield Replacement(owner, "agenerate", _agenerate)
        yield Replacement(owner, "stream", _stream)
        yield Replacement(owner, "astream", _astream)
    # The v3 event stream exists only in newer langchain-core releases.
    if "stream_events" in BaseChatModel.__dict__:
        yield Replacement(BaseChatModel, "stream_events", _stream_events)
    if "astream_events" in BaseChatModel.__dict__:
        yield Replacement(BaseChatModel, "astream_events", _astream_events)


#: Held while a protected tool body runs (``GuardedCall(around=MODELS.held)``).
MODELS = ClassPatch("langchain_models", _plan)
