"""A scripted ``BaseLlm`` for running ADK agents offline (tests and examples).

:class:`ScriptedLlm` is a real ADK model class: pass it as an agent's ``model`` and run the agent with
``InMemoryRunner``. It plays a :data:`mask_core.testing.agent_script.Script` (function calls become
``FunctionCall`` parts, answers text parts) and keeps every ``LlmRequest`` it received, serialised,
in ``requests``. With ``stream=True`` (``RunConfig(streaming_mode=StreamingMode.SSE)``) answers come
as partial responses of ``chunk_size`` characters, then the aggregated one, as ADK's contract says.
"""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncGenerator
from typing import Any

from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.genai import types
from pydantic import Field, PrivateAttr

from mask_core.testing.agent_script import ModelView, Turn

__all__ = ["ScriptedLlm"]


def _serialise(request: LlmRequest) -> str:
    payload = request.model_dump(mode="json", exclude_none=True, fallback=str)
    return json.dumps(payload, ensure_ascii=False, default=str)


def _usage(text: str) -> types.GenerateContentResponseUsageMetadata:
    words = len(text.split())
    return types.GenerateContentResponseUsageMetadata(
        prompt_token_count=0, candidates_token_count=words, total_token_count=words
    )


def _tool_outputs(request: LlmRequest) -> tuple[str, ...]:
    out = []
    for content in request.contents:
        for part in content.parts or []:
            if part.function_response is not None:
                out.append(json.dumps(part.function_response.response, ensure_ascii=False, default=str))
    return tuple(out)


class ScriptedLlm(BaseLlm):
    """An ADK model that answers from a script and records every request."""

    model: str = "mask-scripted"
    script: Any = None
    chunk_size: int = 8
    requests: list[str] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def _turn(self, request: LlmRequest) -> Turn:
        text = _serialise(request)
        with self._lock:
            index = len(self.requests)
            self.requests.append(text)
        turn: Turn = self.script(ModelView(index, text, _tool_outputs(request)))
        return turn

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        turn = self._turn(llm_request)
        if turn.calls:
            parts = [
                types.Part(function_call=types.FunctionCall(name=c.name, args=c.args, id=c.id or f"call_{i}"))
                for i, c in enumerate(turn.calls)
            ]
            yield LlmResponse(content=types.Content(role="model", parts=parts), usage_metadata=_usage(""))
            return
        text = turn.text or ""
        if stream:
            for start in range(0, len(text), self.chunk_size):
                piece = types.Part(text=text[start : start + self.chunk_size])
                yield LlmResponse(content=types.Content(role="model", parts=[piece]), partial=True)
        yield LlmResponse(
            content=types.Content(role="model", parts=[types.Part(text=text)]), usage_metadata=_usage(text)
        )
