"""``MaskMiddleware``: protect every tool of a LangChain v1 agent built with ``create_agent``.

How ``create_agent`` runs a turn, and where the middleware steps in::

    state["messages"] ──▶ [before_model]  MaskMiddleware(scan_input=True) tokenizes the user's
                                          messages, so what the user typed reaches the model as tokens
                       ──▶ model ──▶ AIMessage(tool_calls=[...tokens...])
                       ──▶ ToolNode ──▶ wrap_tool_call(request, handler)
                                          the request's tool is swapped for a MaskToolWrapper of it:
                                          ToolNode then validates tokens, the wrapper restores real
                                          values just before the tool body and tokenizes the result
                                          (callbacks and tracers see tokens only)
                       ──▶ ToolMessage(tokens) ──▶ back to the model

Usage::

    from langchain.agents import create_agent
    from mask_langchain import MaskMiddleware

    agent = create_agent(model, tools=[lookup_customer, refund], middleware=[MaskMiddleware()])

``allowed_types`` may be a set of entity types for every tool or a mapping from tool name to types (see
``mask_core.guard.decode_policy_for``); ``firewall`` applies a policy to tool results. Tools that are
already protected are left as they are.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from mask_core.integrations import require
from mask_langchain import _compat

require("mask-langchain", _compat.LANGCHAIN_RANGE, "langchain.agents.middleware")

from langchain.agents.middleware import AgentMiddleware, AgentState  # noqa: E402
from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage  # noqa: E402
from langchain_core.tools import BaseTool  # noqa: E402
from langgraph.prebuilt.tool_node import ToolCallRequest  # noqa: E402
from langgraph.runtime import Runtime  # noqa: E402
from langgraph.types import Command  # noqa: E402

from mask_core import MaskClient  # noqa: E402
from mask_core.adapters import Protection  # noqa: E402
from mask_core.guard import DecodePolicy  # noqa: E402
from mask_core.policy import Firewall  # noqa: E402
from mask_langchain.messages import atokenize_messages, tokenize_messages  # noqa: E402
from mask_langchain.tools import MaskToolWrapper  # noqa: E402

__all__ = ["MaskInputMiddleware", "MaskMiddleware"]

_Result = ToolMessage | Command[Any]


class MaskMiddleware(AgentMiddleware[AgentState[Any], Any, Any]):
    """Decode tool arguments and encode tool results for every tool the agent calls.

    ``MaskMiddleware(scan_input=True)`` also tokenizes the user's messages before each model call
    (it returns a :class:`MaskInputMiddleware`, which adds a ``before_model`` node; without it the
    agent graph gets no extra node).
    """

    def __new__(cls, *args: Any, scan_input: bool = False, **kwargs: Any) -> MaskMiddleware:
        chosen = MaskInputMiddleware if scan_input and cls is MaskMiddleware else cls
        return super().__new__(chosen)

    def __init__(
        self,
        *,
        client: MaskClient | None = None,
        allowed_types: DecodePolicy = None,
        firewall: Firewall | None = None,
        scan_input: bool = False,
        **unknown: Any,
    ) -> None:
        super().__init__()
        self.protection = Protection.of(
            client=client, allowed_types=allowed_types, firewall=firewall, owner="MaskMiddleware", **unknown
        )
        self.client = client
        self.allowed_types = allowed_types
        self.firewall = firewall
        self.scan_input = scan_input
        self._wrappers: dict[int, tuple[BaseTool, MaskToolWrapper]] = {}
        self._lock = threading.Lock()

    def _protected(self, tool: BaseTool) -> MaskToolWrapper:
        found = self._wrappers.get(id(tool))
        if found is not None and found[0] is tool:
            return found[1]
        wrapper = MaskToolWrapper.of(tool, self.protection)
        with self._lock:
            self._wrappers[id(tool)] = (tool, wrapper)
        return wrapper

    def _request(self, request: ToolCallRequest) -> ToolCallRequest:
        tool = request.tool
        if tool is None or isinstance(tool, MaskToolWrapper):
            return request
        return request.override(tool=self._protected(tool))

    def wrap_tool_call(
        self, request: ToolCallRequest, handler: Callable[[ToolCallRequest], _Result]
    ) -> _Result:
        return handler(self._request(request))

    async def awrap_tool_call(
        self, request: ToolCallRequest, handler: Callable[[ToolCallRequest], Awaitable[_Result]]
    ) -> _Result:
        return await handler(self._request(request))


class MaskInputMiddleware(MaskMiddleware):
    """:class:`MaskMiddleware` that also tokenizes the user's messages before every model call."""

    @staticmethod
    def _changed(old: Sequence[BaseMessage], new: Sequence[BaseMessage]) -> dict[str, Any] | None:
        changed = [n for o, n in zip(old, new, strict=True) if n is not o]
        return {"messages": changed} if changed else None

    def before_model(self, state: AgentState[Any], runtime: Runtime[Any]) -> dict[str, Any] | None:
        human = [m for m in state.get("messages", []) if isinstance(m, HumanMessage)]
        return self._changed(human, tokenize_messages(human, self.protection.resolve().tokenize_text))

    async def abefore_model(self, state: AgentState[Any], runtime: Runtime[Any]) -> dict[str, Any] | None:
        human = [m for m in state.get("messages", []) if isinstance(m, HumanMessage)]
        client = self.protection.resolve()
        return self._changed(human, await atokenize_messages(human, client.atokenize_text))
