"""Scripted LLMs for running LlamaIndex agents offline (tests and examples).

:class:`ScriptedLLM` subclasses LlamaIndex's own ``MockFunctionCallingLLM``, so ``FunctionAgent`` and
``AgentWorkflow`` drive it through the real function-calling path; with ``react=True`` it writes
ReAct text (``Thought / Action / Action Input / Answer``) for ``ReActAgent`` instead. It plays a
:data:`mask_core.testing.agent_script.Script` and keeps every request it received, serialised, in
``requests``. Streaming answers come in pieces of ``chunk_size`` characters. Every entry point of a
LlamaIndex LLM is scripted and recorded: ``chat`` / ``achat`` / ``stream_chat`` / ``astream_chat``, and
``complete`` / ``acomplete`` / ``stream_complete`` / ``astream_complete`` (the prompt is recorded as one
user message), so query engines and ``llm.predict`` run on it too.
"""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncGenerator, Generator, Sequence
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseAsyncGen,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseAsyncGen,
    CompletionResponseGen,
    MessageRole,
    ToolCallBlock,
)
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
from llama_index.core.llms.mock import MockFunctionCallingLLM
from pydantic import Field, PrivateAttr

from mask_core.testing.agent_script import ModelView, Turn

__all__ = ["ScriptedLLM"]


def _tool_schema(tool: Any) -> Any:
    try:
        return tool.metadata.to_openai_tool()
    except Exception:
        return str(tool.metadata)


class ScriptedLLM(MockFunctionCallingLLM):
    """A function-calling (or ReAct) LLM that answers from a script and records what it was sent."""

    script: Any = None
    react: bool = False
    chunk_size: int = 8
    requests: list[str] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _queue: list[Any] = PrivateAttr(default_factory=list)
    _consulted: int = PrivateAttr(default=0)

    def _record(self, messages: Sequence[ChatMessage], kwargs: dict[str, Any]) -> str:
        payload = {
            "messages": [m.model_dump() for m in messages],
            "tools": [_tool_schema(t) for t in kwargs.get("tools") or []],
        }
        text = json.dumps(payload, ensure_ascii=False, default=str)
        with self._lock:
            self.requests.append(text)
        return text

    def _outputs(self, messages: Sequence[ChatMessage]) -> tuple[str, ...]:
        if not self.react:
            return tuple(m.content or "" for m in messages if m.role == MessageRole.TOOL)
        out = []
        for m in messages:
            content = m.content or ""
            if content.startswith("Observation:"):
                out.append(content.removeprefix("Observation:").strip())
        return tuple(out)

    def _next(self, messages: Sequence[ChatMessage], kwargs: dict[str, Any]) -> ChatMessage:
        text = self._record(messages, kwargs)
        with self._lock:
            queued = self._queue.pop(0) if self._queue else None
        if queued is None:
            with self._lock:
                index, self._consulted = self._consulted, self._consulted + 1
            turn: Turn = self.script(ModelView(index, text, self._outputs(messages)))
            if self.react and len(turn.calls) > 1:  # ReAct takes one action per step: queue the rest
                with self._lock:
                    self._queue.extend(Turn(calls=(c,)) for c in turn.calls[1:])
                turn = Turn(calls=turn.calls[:1])
        else:
            turn = queued
        return self._message(turn)

    def _message(self, turn: Turn) -> ChatMessage:
        if self.react:
            if turn.calls:
                call = turn.calls[0]
                body = f"Thought: I need a tool.\nAction: {call.name}\nAction Input: {json.dumps(call.args)}"
            else:
                body = f"Thought: I can answer without using any more tools.\nAnswer: {turn.text or ''}"
            return ChatMessage(role=MessageRole.ASSISTANT, content=body)
        if turn.calls:
            blocks = [
                ToolCallBlock(tool_call_id=c.id or f"call_{i}", tool_name=c.name, tool_kwargs=c.args)
                for i, c in enumerate(turn.calls)
            ]
            return ChatMessage(role=MessageRole.ASSISTANT, blocks=blocks)
        return ChatMessage(role=MessageRole.ASSISTANT, content=turn.text or "")

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        message = self._next(messages, kwargs)
        return ChatResponse(message=message, delta=message.content or "")

    @llm_chat_callback()
    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        message = self._next(messages, kwargs)
        return ChatResponse(message=message, delta=message.content or "")

    def _pieces(self, content: str) -> list[tuple[str, str]]:
        """``(text so far, delta)`` for each streamed piece of ``content``."""
        size = self.chunk_size
        return [(content[:end], content[end - size : end]) for end in range(size, len(content) + size, size)]

    def _chunks(self, message: ChatMessage) -> list[ChatResponse]:
        content = message.content or ""
        if any(isinstance(b, ToolCallBlock) for b in message.blocks) or not content:
            return [ChatResponse(message=message, delta=content)]
        return [
            ChatResponse(message=ChatMessage(role=message.role, content=text), delta=delta)
            for text, delta in self._pieces(content)
        ]

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        chunks = self._chunks(self._next(messages, kwargs))

        def gen() -> Generator[ChatResponse, None, None]:
            yield from chunks

        return gen()

    @llm_chat_callback()
    async def astream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseAsyncGen:
        chunks = self._chunks(self._next(messages, kwargs))

        async def gen() -> AsyncGenerator[ChatResponse, None]:
            for chunk in chunks:
                yield chunk

        return gen()

    # -- completion: the prompt is recorded as one user message ----------------------------------------------
    def _completion(self, prompt: str, kwargs: dict[str, Any]) -> str:
        return self._next([ChatMessage(role=MessageRole.USER, content=prompt)], kwargs).content or ""

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._completion(prompt, kwargs))

    @llm_completion_callback()
    async def acomplete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._completion(prompt, kwargs))

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        pieces = self._pieces(self._completion(prompt, kwargs))

        def gen() -> Generator[CompletionResponse, None, None]:
            for text, delta in pieces:
                yield CompletionResponse(text=text, delta=delta)

        return gen()

    @llm_completion_callback()
    async def astream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseAsyncGen:
        pieces = self._pieces(self._completion(prompt, kwargs))

        async def gen() -> AsyncGenerator[CompletionResponse, None]:
            for text, delta in pieces:
                yield CompletionResponse(text=text, delta=delta)

        return gen()
