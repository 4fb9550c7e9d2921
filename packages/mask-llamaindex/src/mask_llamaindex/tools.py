"""``MaskToolWrapper``: any LlamaIndex tool behind Mask, still a ``FunctionTool`` to every agent.

How a LlamaIndex agent runs a tool, and where Mask steps in::

    FunctionAgent / ReActAgent / CodeActAgent / AgentWorkflow / llm.predict_and_call / your code
      tool.acall(**kwargs)  (or tool.call, tool(...); kwargs: what the model wrote, plus ``ctx``)
        MaskToolWrapper.acall                    (mask_core.adapters.GuardedCall)
          decode the model's arguments           <- a workflow ``Context`` is passed through untouched
          inner_tool.acall(real values)          <- FunctionTool, QueryEngineTool, tool specs, ...;
                                                    the tool's own callbacks run here, on real values;
                                                    a model it calls is sent tokens (``subagents.py``)
          encode the ToolOutput                  <- content blocks and raw_output tokenized (or the
                                                    firewall's policy applied); raw_input set back to
                                                    the arguments as the model wrote them
        an exception ──▶ ToolOutput(content=str(e), is_error=True) ──▶ model
                         (a refused call's message names the problem without a value; a raising
                          tool's message is tokenized)

The wrapper is a ``FunctionTool`` subclass with the inner tool's metadata and, for a function tool,
its signature, so agents pass a workflow ``Context`` to it exactly as to the original and
``call_tool`` picks the same calling convention. A sync tool called through ``acall`` runs in a
worker thread, as LlamaIndex does it; an async one is awaited, never run through a sync path.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pydantic
from llama_index.core.tools import FunctionTool, ToolOutput
from llama_index.core.tools.types import AsyncBaseTool, BaseTool, adapt_to_async_tool

from mask_core import MaskClient, UnsupportedTypeError
from mask_core.adapters import GuardedCall, Protection
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall
from mask_llamaindex.subagents import MODELS

__all__ = ["MaskToolWrapper"]


_DATA = (str, int, float, bool, type(None), dict, list, tuple, pydantic.BaseModel)


def _opaque(raw: Any) -> bool:
    # What the model gets from a tool is the output's text. A raw output that is plain data (what
    # deep_encode walks: dicts, lists, dataclasses, pydantic models) is kept, tokenized, for code that
    # reads it; any other object (your own class, or LlamaIndex's own results, such as a query
    # engine ``Response`` with its source nodes and embeddings) is replaced by that text.
    if type(raw).__module__.startswith("llama_index."):
        return True
    return not (isinstance(raw, _DATA) or (dataclasses.is_dataclass(raw) and not isinstance(raw, type)))


@dataclasses.dataclass(frozen=True, slots=True)
class _OutputCodec:
    """A ``ToolOutput`` taken apart for encoding, and rebuilt from the encoded parts."""

    def parts(self, result: Any) -> Any:
        if not isinstance(result, ToolOutput):
            return [[], result]
        raw = result.content if _opaque(result.raw_output) else result.raw_output
        return [list(result.blocks), raw]

    def rebuild(self, result: Any, encoded: Any, model_args: dict[str, Any]) -> Any:
        blocks, raw = encoded
        if not isinstance(result, ToolOutput):
            return raw
        return ToolOutput(
            tool_name=result.tool_name,
            blocks=blocks,
            raw_input={"kwargs": model_args},
            raw_output=raw,
            is_error=result.is_error,
        )


_CODEC = _OutputCodec()


def _visible(tool: BaseTool) -> frozenset[str] | None:
    schema = tool.metadata.fn_schema
    fields = getattr(schema, "model_fields", None)
    if not fields:
        return None
    context = getattr(tool, "ctx_param_name", None)
    return frozenset(name for name in fields if name != context)


def _signature(tool: BaseTool) -> inspect.Signature:
    real = getattr(tool, "real_fn", None) or getattr(tool, "call", None) or tool.__call__
    try:
        return inspect.signature(real)
    except (TypeError, ValueError):
        return inspect.Signature([inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)])


class MaskToolWrapper(FunctionTool):
    """A LlamaIndex tool that runs another tool on real values and hands the model only tokens.

    ::

        safe = MaskToolWrapper(tool, client=client, allowed_types={"EMAIL_ADDRESS"})
        agent = FunctionAgent(tools=[safe], llm=llm)

    Any ``BaseTool`` works (``FunctionTool``, ``QueryEngineTool``, tool-spec tools); the wrapper has
    the same metadata. Wrapping a wrapper replaces its policy; nothing is wrapped twice. This is what
    :func:`~mask_llamaindex.protect` returns for a tool (``protect(fn)`` for a plain function).
    """

    tool: BaseTool
    protection: Protection
    guarded: GuardedCall

    def __init__(
        self,
        tool: BaseTool,
        *,
        client: MaskClient | None = None,
        allowed_types: DecodePolicy = None,
        firewall: Firewall | None = None,
        **unknown: Any,
    ) -> None:
        protection = Protection.of(
            client=client, allowed_types=allowed_types, firewall=firewall, owner="MaskToolWrapper", **unknown
        )
        if isinstance(tool, MaskToolWrapper):
            tool = tool.tool
        if not isinstance(tool, BaseTool):
            raise UnsupportedTypeError(
                f"MaskToolWrapper wraps a LlamaIndex tool, not {type(tool).__name__}; "
                "use mask_llamaindex.protect() for a plain function"
            )
        self.tool = tool
        self.protection = protection
        self.guarded = GuardedCall(
            protection.guard(tool.metadata.name),
            visible=_visible(tool),
            identity=tool,
            codec=_CODEC,
            around=MODELS.held,
        )

        def fn(*args: Any, **kwargs: Any) -> Any:
            return self.call(*args, **kwargs).raw_output

        async def async_fn(*args: Any, **kwargs: Any) -> Any:
            return (await self.acall(*args, **kwargs)).raw_output

        fn.__signature__ = async_fn.__signature__ = _signature(tool)  # type: ignore[attr-defined]
        super().__init__(fn=fn, async_fn=async_fn, metadata=tool.metadata)

    @classmethod
    def of(cls, tool: BaseTool, protection: Protection) -> MaskToolWrapper:
        """A wrapper for an already checked :class:`~mask_core.adapters.Protection`."""
        return cls(
            tool, client=protection.client, allowed_types=protection.policy, firewall=protection.firewall
        )

    def __repr__(self) -> str:
        return f"MaskToolWrapper(name={self.metadata.name!r}, tool={type(self.tool).__name__})"

    def __call__(self, *args: Any, **kwargs: Any) -> ToolOutput:
        return self.call(*args, **kwargs)

    def call(self, *args: Any, **kwargs: Any) -> ToolOutput:
        inner = self.tool.call if isinstance(self.tool, AsyncBaseTool) else self.tool
        result: ToolOutput = self.guarded(inner, *args, **kwargs)
        return result

    async def acall(self, *args: Any, **kwargs: Any) -> ToolOutput:
        result: ToolOutput = await self.guarded.acall(adapt_to_async_tool(self.tool).acall, *args, **kwargs)
        return result
