"""Protected LangChain tools: ``MaskToolWrapper`` (what ``protect`` returns) and ``secure_tool``.

How LangChain runs a tool, and where Mask steps in::

    agent / ToolNode ── tool.invoke({"args": ..., "id": ...}) ──▶ BaseTool.run(tool_input, tool_call_id)
        on_tool_start(callbacks)          <- sees the model's arguments: tokens
        _parse_input(args_schema)         <- validates tokens (they keep the format), so a validation
                                             error can only quote tokens
        MaskToolWrapper._run(**kwargs)
            ToolGuard.decode_args         <- model-visible arguments only; injected ones (state,
                                             runtime, callbacks, config) are passed through untouched
            inner_tool._run(real values)  <- the original tool, sync or async (_arun awaits it)
            ToolGuard.encode_result       <- content and artifact, types kept (firewall= applies its
                                             policy instead: redact, mask, block or pass per type)
        on_tool_end(callbacks)            <- sees tokens
        ToolMessage(content=tokens)  ──▶ model

The decode -> run -> encode step is :class:`mask_core.adapters.GuardedCall`, shared with every other
framework; while the tool body runs, a model it calls (a sub-agent) is sent tokens (``subagents.py``).

If a token cannot be restored (unknown, expired, the vault down), the tool does not run: ``run``
returns an error ``ToolMessage`` (status ``"error"``) whose text names the problem and holds no value.
Called without a tool call id (``tool.invoke({...})`` from your own code), it raises
:class:`~mask_core.ToolCallRefusedError` instead. A tool that raises has its message tokenized
(:class:`~mask_core.MaskedToolError`, same exception type as a base class), because ``ToolNode`` and
``handle_tool_error`` put error text in front of the model.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForToolRun, CallbackManagerForToolRun
from langchain_core.messages import ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, BaseToolkit
from langchain_core.tools import tool as lc_tool
from pydantic import ConfigDict, PrivateAttr

from mask_core import MaskClient, ToolCallRefusedError, ToolGuard, UnsupportedTypeError
from mask_core.adapters import GuardedCall, Protection, check_options
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall
from mask_langchain.subagents import MODELS

__all__ = ["MaskToolWrapper", "MaskToolkit", "secure_tool"]

# Exceptions that carry control flow, not error text for a model: never rewritten.
try:
    from langgraph.errors import GraphBubbleUp

    _PASSTHROUGH: tuple[type[BaseException], ...] = (GraphBubbleUp,)
except ImportError:  # pragma: no cover - langgraph comes with langchain, but langchain-core alone works
    _PASSTHROUGH = ()

_COPIED = (
    "name", "description", "args_schema", "return_direct", "verbose", "callbacks", "tags", "metadata",
    "handle_tool_error", "handle_validation_error", "response_format", "extras",
)  # fmt: skip


_TOOL_PARAMS = frozenset(inspect.signature(lc_tool).parameters)


def _extras_for(method: Callable[..., Any]) -> tuple[bool, str | None]:
    """Whether ``method`` takes ``run_manager``, and the name of its ``RunnableConfig`` parameter."""
    try:
        params = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False, None
    try:
        hints = typing.get_type_hints(method)
    except Exception:
        hints = {}
    config = next((n for n, t in hints.items() if t is RunnableConfig), None)
    return "run_manager" in params, config


def _visible_args(tool: BaseTool) -> frozenset[str] | None:
    """Names of the arguments the model writes (the tool-call schema), or None if unknown."""
    try:
        schema = tool.tool_call_schema
        if isinstance(schema, dict):
            return frozenset(schema.get("properties", {}))
        # pydantic v2 models, or v1 models (LangChain still accepts them)
        fields = getattr(schema, "model_fields", None) or getattr(schema, "__fields__", {})
        return frozenset(fields)
    except Exception:
        return None


class MaskToolWrapper(BaseTool):
    """A LangChain tool that runs another tool on real values and hands the model only tokens.

    It is a real ``BaseTool`` with the wrapped tool's name, description, argument schema, response
    format and error handling, so agents, ``bind_tools`` and ``ToolNode`` treat it like the original::

        safe = MaskToolWrapper(send_email_tool)                       # default client
        safe = MaskToolWrapper(send_email_tool, client=tenant_client, allowed_types={"EMAIL_ADDRESS"})
        safe = MaskToolWrapper(lookup_tool, client=client, firewall=Firewall(policy, client=client))

    ``allowed_types`` lists the entity types the tool may receive in clear; tokens of other types reach it
    as tokens (least privilege). ``firewall`` applies a policy to the result instead of tokenizing
    everything. Other keywords override ``BaseTool`` fields (``name=``, ``return_direct=``, ...); an
    unknown keyword is an error. This is what :func:`protect` returns for a tool.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    tool: BaseTool
    _protection: Protection = PrivateAttr()
    _guard: ToolGuard = PrivateAttr()
    _call: GuardedCall = PrivateAttr()
    _injected: frozenset[str] = PrivateAttr(default=frozenset())
    _sync_extras: tuple[bool, str | None] = PrivateAttr(default=(False, None))
    _async_extras: tuple[bool, str | None] = PrivateAttr(default=(False, None))

    def __init__(
        self,
        tool: BaseTool,
        *,
        client: MaskClient | None = None,
        allowed_types: DecodePolicy = None,
        firewall: Firewall | None = None,
        **overrides: Any,
    ) -> None:
        check_options("MaskToolWrapper", overrides, known=_COPIED)
        protection = Protection.of(
            client=client, allowed_types=allowed_types, firewall=firewall, owner="MaskToolWrapper"
        )
        if isinstance(tool, MaskToolWrapper):
            tool = tool.tool  # re-protecting replaces the policy; it never wraps twice
        if not isinstance(tool, BaseTool):
            raise UnsupportedTypeError(
                f"MaskToolWrapper wraps a LangChain BaseTool, not {type(tool).__name__}; "
                "use secure_tool (or protect) for a plain function"
            )
        fields = {name: getattr(tool, name) for name in _COPIED}
        fields.update(overrides)
        super().__init__(tool=tool, **fields)
        self._protection = protection
        self._guard = protection.guard(self.name)
        self._injected = frozenset(tool._injected_args_keys) | {"run_manager", "config", "callbacks"}
        visible = _visible_args(tool)
        self._call = GuardedCall(
            self._guard,
            visible=None if visible is None else visible - self._injected,
            passthrough=_PASSTHROUGH,
            identity=tool,
            around=MODELS.held,
        )
        self._sync_extras = _extras_for(tool._run)
        self._async_extras = _extras_for(tool._arun)

    @classmethod
    def of(cls, tool: BaseTool, protection: Protection) -> MaskToolWrapper:
        """A wrapper for an already checked :class:`~mask_core.adapters.Protection`."""
        return cls(
            tool, client=protection.client, allowed_types=protection.policy, firewall=protection.firewall
        )

    def __repr__(self) -> str:
        return f"MaskToolWrapper(name={self.name!r}, tool={type(self.tool).__name__})"

    @property
    def guard(self) -> ToolGuard:
        """The client and least-privilege policy this tool runs under."""
        return self._guard

    @property
    def protection(self) -> Protection:
        return self._protection

    # Schema, injection and introspection follow the wrapped tool.
    @property
    def tool_call_schema(self) -> Any:
        return self.tool.tool_call_schema

    @functools.cached_property
    def _injected_args_keys(self) -> frozenset[str]:
        return self.tool._injected_args_keys

    @property
    def func(self) -> Callable[..., Any] | None:
        """The wrapped function, protected (``ToolNode`` reads its annotations for injection)."""
        inner = getattr(self.tool, "func", None)
        return None if inner is None else _guarded_function(self, inner)

    @property
    def coroutine(self) -> Callable[..., Any] | None:
        inner = getattr(self.tool, "coroutine", None)
        return None if inner is None else _guarded_function(self, inner)

    # -- the boundary --------------------------------------------------------------------------------
    def _boundary(self, kwargs: dict[str, Any]) -> GuardedCall:
        if self._call.visible is not None:
            return self._call
        return dataclasses.replace(self._call, visible=frozenset(kwargs) - self._injected)

    @staticmethod
    def _extra(
        extras: tuple[bool, str | None], run_manager: Any, config: RunnableConfig | None
    ) -> dict[str, Any]:
        takes_manager, config_name = extras
        out: dict[str, Any] = {}
        if takes_manager:
            out["run_manager"] = run_manager
        if config_name is not None:
            out[config_name] = config
        return out

    def _run(
        self,
        *args: Any,
        config: RunnableConfig,
        run_manager: CallbackManagerForToolRun | None = None,
        **kwargs: Any,
    ) -> Any:
        extra = self._extra(self._sync_extras, run_manager, config)
        return self._boundary(kwargs)(self.tool._run, *args, **kwargs, **extra)

    async def _arun(
        self,
        *args: Any,
        config: RunnableConfig,
        run_manager: AsyncCallbackManagerForToolRun | None = None,
        **kwargs: Any,
    ) -> Any:
        extra = self._extra(self._async_extras, run_manager, config)
        return await self._boundary(kwargs).acall(self.tool._arun, *args, **kwargs, **extra)

    # -- refusals become an error ToolMessage for the model --------------------------------------------
    def run(self, tool_input: str | dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return super().run(tool_input, *args, **kwargs)
        except ToolCallRefusedError as err:
            return self._refusal(err, kwargs.get("tool_call_id"))

    async def arun(self, tool_input: str | dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().arun(tool_input, *args, **kwargs)
        except ToolCallRefusedError as err:
            return self._refusal(err, kwargs.get("tool_call_id"))

    def _refusal(self, err: ToolCallRefusedError, tool_call_id: str | None) -> ToolMessage:
        if tool_call_id is None:
            raise err
        return ToolMessage(str(err), tool_call_id=tool_call_id, name=self.name, status="error")


# LangChain looks for the RunnableConfig parameter of ``_run`` with ``get_type_hints`` on every call;
# resolving this module's string annotations once keeps that from costing a quarter millisecond.
for _method in (MaskToolWrapper._run, MaskToolWrapper._arun):
    _method.__annotations__ = typing.get_type_hints(_method)


def _guarded_function(wrapper: MaskToolWrapper, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` behind the wrapper's guard, with ``fn``'s signature and annotations."""
    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def guarded_async(*args: Any, **kwargs: Any) -> Any:
            return await wrapper._boundary(kwargs).acall(fn, *args, **kwargs)

        return guarded_async

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        return wrapper._boundary(kwargs)(fn, *args, **kwargs)

    return guarded


class MaskToolkit(BaseToolkit):
    """A toolkit whose tools are all protected (``protect(toolkit)`` returns one)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    toolkit: BaseToolkit
    protection: Any = Protection()  # a mask_core.adapters.Protection (Any: pydantic need not look inside)

    def get_tools(self) -> list[BaseTool]:
        return [MaskToolWrapper.of(t, self.protection) for t in self.toolkit.get_tools()]


_TOOL_FIELDS = frozenset(BaseTool.model_fields)


def secure_tool(
    *args: Any,
    client: MaskClient | None = None,
    allowed_types: DecodePolicy = None,
    firewall: Firewall | None = None,
    **kwargs: Any,
) -> Any:
    """``@tool``, protected: the same ``BaseTool`` LangChain's ``@tool`` builds, wrapped by Mask.

    Every form of ``@tool`` works, with the same name, description and argument schema::

        @secure_tool
        def send_email(to: str, body: str) -> str:
            \"\"\"Send an email.\"\"\"

        @secure_tool("lookup", response_format="content_and_artifact", allowed_types={"EMAIL_ADDRESS"})
        async def lookup_customer(customer_id: str) -> tuple[str, dict]: ...

    ``client`` picks the :class:`~mask_core.MaskClient` (default: the module default client);
    ``allowed_types`` limits the entity types the tool receives in clear; ``firewall`` applies a policy to
    its results. The name the original product documented; ``protect(fn)`` does the same.
    """
    # Arguments of @tool go to @tool; other BaseTool fields (handle_tool_error, tags, ...) are set on
    # the tool it builds, before wrapping copies them. Anything else is a mistake, never ignored.
    fields = {k: kwargs.pop(k) for k in list(kwargs) if k not in _TOOL_PARAMS}
    check_options("secure_tool", fields, known=_TOOL_FIELDS | {"client", "allowed_types", "firewall"})
    protection = Protection.of(
        client=client, allowed_types=allowed_types, firewall=firewall, owner="secure_tool"
    )

    def finish(built: BaseTool) -> MaskToolWrapper:
        for name, value in fields.items():
            setattr(built, name, value)
        return MaskToolWrapper.of(built, protection)

    made = lc_tool(*args, **kwargs)
    if isinstance(made, BaseTool):
        return finish(made)

    def decorator(fn: Any) -> MaskToolWrapper:
        return finish(made(fn))

    return decorator
