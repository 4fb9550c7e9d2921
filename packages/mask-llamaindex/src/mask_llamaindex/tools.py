"""Protected LlamaIndex tools: ``MaskToolWrapper(fn)`` and ``protect(tool)``.

How a LlamaIndex agent runs a tool, and where Mask steps in::

    FunctionAgent / ReActAgent / AgentWorkflow
      call_tool step ──▶ _call_tool(ctx, tool, tool_kwargs)        tool_kwargs: what the model wrote
        tool.acall(**kwargs) ──▶ FunctionTool: async_fn(**kwargs)
            MaskToolWrapper's function:
              ToolGuard.adecode_args      <- every argument except a workflow ``Context``
              your function(real values)  <- awaited if async, run in a thread if sync
              ToolGuard.aencode_result    <- the raw output, types kept: it becomes ToolOutput
                                             .raw_output, and ``str()`` of it the model's content
        an exception ──▶ ToolOutput(content=str(e), is_error=True) ──▶ model
                         (so a raising tool's message is tokenized, and a refused call's message
                          names the problem without a value)

``MaskToolWrapper`` keeps the function's name, docstring and signature (``functools.wraps`` plus an
explicit ``__signature__``), so ``FunctionTool.from_defaults`` builds the same schema, and it returns
an ``async def`` for an async function so LlamaIndex never runs it through a sync path.
"""

from __future__ import annotations

import functools
import inspect
import weakref
from collections.abc import Callable, Sequence
from typing import Any, get_origin

from llama_index.core.tools import FunctionTool, ToolMetadata, ToolOutput
from llama_index.core.tools.types import AsyncBaseTool, BaseTool, adapt_to_async_tool
from llama_index.core.workflow import Context

from mask_core import MaskClient, ToolGuard, UnsupportedTypeError
from mask_core.guard import DecodePolicy
from mask_core.walk import collect_strings

__all__ = ["MaskTool", "MaskToolWrapper", "protect"]

_GUARD_ATTR = "__mask_guard__"


def _context_params(fn: Callable[..., Any]) -> frozenset[str]:
    try:
        params = inspect.signature(fn, eval_str=True).parameters.values()
    except Exception:  # unresolvable string annotations: fall back to what is there
        try:
            params = inspect.signature(fn).parameters.values()
        except (TypeError, ValueError):
            return frozenset()
    return frozenset(p.name for p in params if p.annotation is Context or get_origin(p.annotation) is Context)


def _split(kwargs: dict[str, Any], skip: frozenset[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    if not skip:
        return kwargs, {}
    return {k: v for k, v in kwargs.items() if k not in skip}, {k: v for k, v in kwargs.items() if k in skip}


def MaskToolWrapper(
    fn: Callable[..., Any],
    *,
    client: MaskClient | None = None,
    decode: DecodePolicy = None,
    name: str | None = None,
) -> Callable[..., Any]:
    """``fn`` behind Mask: arguments restored before it runs, its result tokenized after.

    Use it where LlamaIndex takes a function::

        tool = FunctionTool.from_defaults(fn=MaskToolWrapper(send_email), name="send_email")

    ``name`` (default: the function's name) labels audit events and picks the per-tool ``decode``
    policy when ``decode`` is a mapping. Wrapping a wrapped function re-wraps the original.
    """
    fn = getattr(fn, "__wrapped__", fn) if hasattr(fn, _GUARD_ATTR) else fn
    if not callable(fn):
        raise UnsupportedTypeError(f"MaskToolWrapper wraps a function, not {type(fn).__name__}")
    guard = ToolGuard.for_tool(name or getattr(fn, "__name__", None), client=client, decode=decode)
    skip = _context_params(fn)
    try:
        signature: inspect.Signature | None = inspect.signature(fn)
    except (TypeError, ValueError):
        signature = None

    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def protected_async(*args: Any, **kwargs: Any) -> Any:
            model, rest = _split(kwargs, skip)
            args, model = await guard.adecode_args((args, model))
            try:
                result = await fn(*args, **model, **rest)
            except Exception as exc:
                failure = exc
            else:
                return await guard.aencode_result(result)
            raise await guard.amask_error(failure)

        wrapped: Callable[..., Any] = protected_async
    else:

        @functools.wraps(fn)
        def protected(*args: Any, **kwargs: Any) -> Any:
            model, rest = _split(kwargs, skip)
            args, model = guard.decode_args((args, model))
            try:
                result = fn(*args, **model, **rest)
            except Exception as exc:
                failure = exc
            else:
                return guard.encode_result(result)
            raise guard.mask_error(failure)

        wrapped = protected
    if signature is not None:
        wrapped.__signature__ = signature  # type: ignore[attr-defined]
    setattr(wrapped, _GUARD_ATTR, guard)
    return wrapped


class MaskTool(AsyncBaseTool):
    """Any LlamaIndex tool (query engine tools, tool specs, ...) behind Mask, with the same metadata.

    The inner tool's ``ToolOutput`` is rebuilt: content blocks and ``raw_output`` tokenized (a
    ``raw_output`` Mask cannot look inside, such as a query engine ``Response``, is replaced by the
    tokenized text), and ``raw_input`` set back to the arguments as the model wrote them.
    """

    def __init__(
        self, tool: BaseTool, *, client: MaskClient | None = None, decode: DecodePolicy = None
    ) -> None:
        self.tool = tool
        self._async = adapt_to_async_tool(tool)
        self.guard = ToolGuard.for_tool(tool.metadata.name, client=client, decode=decode)

    @property
    def metadata(self) -> ToolMetadata:
        return self.tool.metadata

    def _output(self, out: ToolOutput, encoded: list[Any], kwargs: dict[str, Any]) -> ToolOutput:
        blocks, raw = encoded
        return ToolOutput(
            tool_name=out.tool_name,
            blocks=blocks,
            raw_input={"kwargs": kwargs},
            raw_output=raw,
            is_error=out.is_error,
        )

    @staticmethod
    def _parts(out: ToolOutput) -> list[Any]:
        raw = out.raw_output
        try:
            collect_strings(raw)  # raises for objects Mask cannot look inside
        except UnsupportedTypeError:
            raw = out.content
        return [list(out.blocks), raw]

    def call(self, *args: Any, **kwargs: Any) -> ToolOutput:
        dargs, dkwargs = self.guard.decode_args((args, kwargs))
        try:
            out = self.tool(*dargs, **dkwargs)
        except Exception as exc:
            failure = exc
        else:
            return self._output(out, self.guard.encode_result(self._parts(out)), kwargs)
        raise self.guard.mask_error(failure)

    async def acall(self, *args: Any, **kwargs: Any) -> ToolOutput:
        dargs, dkwargs = await self.guard.adecode_args((args, kwargs))
        try:
            out = await self._async.acall(*dargs, **dkwargs)
        except Exception as exc:
            failure = exc
        else:
            return self._output(out, await self.guard.aencode_result(self._parts(out)), kwargs)
        raise await self.guard.amask_error(failure)


_cache: weakref.WeakKeyDictionary[Any, tuple[tuple[int, Any], Any]] = weakref.WeakKeyDictionary()


def _protect_function_tool(
    tool: FunctionTool, client: MaskClient | None, decode: DecodePolicy
) -> FunctionTool:
    name = tool.metadata.name
    common: dict[str, Any] = {
        "metadata": tool.metadata,
        "callback": tool._callback,
        "async_callback": tool._async_callback,
        "partial_params": dict(tool.partial_params),
    }
    if inspect.iscoroutinefunction(tool.real_fn):
        return FunctionTool(
            async_fn=MaskToolWrapper(tool.real_fn, client=client, decode=decode, name=name), **common
        )
    sig = inspect.signature(tool.real_fn)
    sync = MaskToolWrapper(tool.fn, client=client, decode=decode, name=name)
    asynchronous = MaskToolWrapper(tool.async_fn, client=client, decode=decode, name=name)
    sync.__signature__ = asynchronous.__signature__ = sig  # type: ignore[attr-defined]
    return FunctionTool(fn=sync, async_fn=asynchronous, **common)


def protect(obj: Any, *, client: MaskClient | None = None, decode: DecodePolicy = None) -> Any:
    """A protected tool with the same metadata (schema, name, description), or a list of them.

    A ``FunctionTool`` becomes a new ``FunctionTool`` around :func:`MaskToolWrapper` functions; any
    other tool a :class:`MaskTool`; a plain function a ``FunctionTool`` built by ``from_defaults``.
    Protecting a protected tool returns it unchanged.
    """
    if isinstance(obj, MaskTool) or hasattr(getattr(obj, "real_fn", None), _GUARD_ATTR):
        return obj
    if isinstance(obj, FunctionTool):
        return _protect_function_tool(obj, client, decode)
    if isinstance(obj, BaseTool):
        return MaskTool(obj, client=client, decode=decode)
    if isinstance(obj, Sequence) and not isinstance(obj, str):
        return [protect(t, client=client, decode=decode) for t in obj]
    if callable(obj):
        if inspect.iscoroutinefunction(obj):
            return FunctionTool.from_defaults(async_fn=MaskToolWrapper(obj, client=client, decode=decode))
        return FunctionTool.from_defaults(fn=MaskToolWrapper(obj, client=client, decode=decode))
    raise UnsupportedTypeError(f"cannot protect a {type(obj).__name__}: pass a tool, a list or a function")


def protect_cached(tool: Any, client: MaskClient | None, decode: DecodePolicy) -> Any:
    """:func:`protect`, remembering the protected copy per tool and policy (for the hooks)."""
    key = (id(client), decode if decode is None or isinstance(decode, str | frozenset) else id(decode))
    try:
        found = _cache.get(tool)
    except TypeError:  # not weak-referenceable
        return protect(tool, client=client, decode=decode)
    if found is not None and found[0] == key:
        return found[1]
    protected = protect(tool, client=client, decode=decode)
    _cache[tool] = (key, protected)
    return protected
