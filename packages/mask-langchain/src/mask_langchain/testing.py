"""A scripted chat model for running LangChain agents offline (tests and examples).

:class:`ScriptedChatModel` is a real ``BaseChatModel`` with ``bind_tools``, so ``create_agent`` drives
it like any provider's model. It plays a :data:`mask_core.testing.agent_script.Script`, and keeps
every request it received, serialised, in ``requests`` (that is what a provider would see and log).
With ``chunk_size`` set, its answers stream in pieces of that many characters. :class:`ScriptedLLM` is
the same for a text-completion model (``BaseLLM``): each prompt is recorded and answered with the
script's text.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, BaseLLM
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langchain_core.outputs import (
    ChatGeneration,
    ChatGenerationChunk,
    ChatResult,
    Generation,
    GenerationChunk,
    LLMResult,
)
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field, PrivateAttr

from mask_core.testing.agent_script import ModelView, Script, Turn

__all__ = ["ScriptedChatModel", "ScriptedLLM"]


class ScriptedChatModel(BaseChatModel):
    """A chat model that answers from a script and records what it was sent."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    script: Any
    chunk_size: int = 0
    requests: list[str] = Field(default_factory=list)
    tools: list[dict[str, Any]] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "mask-scripted"

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any) -> Any:
        schemas = [convert_to_openai_tool(t) for t in tools]
        return self.bind(tools=schemas, **kwargs)

    def _turn(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> Turn:
        payload = {"messages": [m.model_dump() for m in messages], "tools": kwargs.get("tools", [])}
        text = json.dumps(payload, ensure_ascii=False, default=str)
        with self._lock:
            index = len(self.requests)
            self.requests.append(text)
        outputs = tuple(str(m.content) for m in messages if isinstance(m, ToolMessage))
        script: Script = self.script
        return script(ModelView(index, text, outputs))

    @staticmethod
    def _message(turn: Turn) -> AIMessage:
        calls = [
            {"name": c.name, "args": c.args, "id": c.id or f"call_{i}", "type": "tool_call"}
            for i, c in enumerate(turn.calls)
        ]
        return AIMessage(content=turn.text or "", tool_calls=calls)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._message(self._turn(messages, kwargs)))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        turn = self._turn(messages, kwargs)
        if turn.calls or not self.chunk_size:
            message = self._message(turn)
            chunk = AIMessageChunk(
                content=message.content,
                tool_call_chunks=[
                    {
                        "name": c["name"],
                        "args": json.dumps(c["args"]),
                        "id": c["id"],
                        "index": i,
                        "type": "tool_call_chunk",
                    }
                    for i, c in enumerate(message.tool_calls)
                ],
            )
            yield ChatGenerationChunk(message=chunk)
            return
        text = turn.text or ""
        for start in range(0, len(text), self.chunk_size):
            piece = AIMessageChunk(content=text[start : start + self.chunk_size])
            if run_manager is not None:
                run_manager.on_llm_new_token(piece.text, chunk=ChatGenerationChunk(message=piece))
            yield ChatGenerationChunk(message=piece)


class ScriptedLLM(BaseLLM):
    """A text-completion model that answers from a script and records every prompt it was sent."""

    script: Any
    chunk_size: int = 0
    requests: list[str] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "mask-scripted-llm"

    def _answer(self, prompt: str) -> str:
        with self._lock:
            index = len(self.requests)
            self.requests.append(prompt)
        script: Script = self.script
        return script(ModelView(index, prompt, ())).text or ""

    def _generate(
        self,
        prompts: list[str],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> LLMResult:
        return LLMResult(generations=[[Generation(text=self._answer(p))] for p in prompts])

    def _stream(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[GenerationChunk]:
        text = self._answer(prompt)
        size = self.chunk_size or len(text) or 1
        for start in range(0, len(text), size):
            yield GenerationChunk(text=text[start : start + size])
