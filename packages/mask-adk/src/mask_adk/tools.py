"""``MaskToolWrapper``: one ADK tool behind Mask, for agents you build yourself.

How ADK runs a tool, and where the wrapper steps in::

    model ──FunctionCall(name, args: tokens)──▶ ADK flow ──▶ tool.run_async(args=, tool_context=)
        MaskToolWrapper.run_async                (mask_core.adapters.GuardedCall)
          decode ``args``                        <- tool_context passed through untouched; an
                                                    AgentTool's arguments are not decoded (they are
                                                    the sub-agent's user message, for its model)
          inner_tool.run_async(real values)      <- FunctionTool (sync or async function), AgentTool,
                                                    any BaseTool
          encode the response                    <- tokenized, or the firewall's policy applied
    ──FunctionResponse(tokens)──▶ model

The wrapper declares the inner tool's function declaration, name and description, so the model sees
the same tool. A refusal (a token Mask cannot restore, a result the firewall blocks) answers the call
with ``{"error": ...}``, as the before-tool callback does: the message names the problem and holds no
value. A tool that raises has its message tokenized and ADK handles the error as usual.
"""

from __future__ import annotations

from typing import Any

from google.adk.tools.agent_tool import AgentTool
from google.adk.tools.base_tool import BaseTool
from google.adk.tools.function_tool import FunctionTool
from google.genai import types

from mask_adk.callbacks import refusal_response
from mask_core import MaskClient, ToolCallRefusedError, UnsupportedTypeError
from mask_core.adapters import GuardedCall, Protection
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall

__all__ = ["MaskToolWrapper"]


class MaskToolWrapper(BaseTool):
    """An ADK tool that runs another tool on real values and hands the model only tokens.

    ::

        safe = MaskToolWrapper(send_email, client=client, allowed_types={"EMAIL_ADDRESS"})
        agent = Agent(..., tools=[safe])

    Takes a ``BaseTool`` or a plain function (made a ``FunctionTool``, as ADK does). Wrapping a wrapper
    replaces its policy. This is what :func:`~mask_adk.protect` returns for a tool.
    """

    tool: BaseTool
    protection: Protection
    guarded: GuardedCall

    def __init__(
        self,
        tool: Any,
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
        elif not isinstance(tool, BaseTool):
            if not callable(tool):
                raise UnsupportedTypeError(
                    f"MaskToolWrapper wraps an ADK tool or a function, not {type(tool).__name__}"
                )
            tool = FunctionTool(tool)
        super().__init__(name=tool.name, description=tool.description, is_long_running=tool.is_long_running)
        self.tool = tool
        self.protection = protection
        guard = protection.guard(tool.name, restore=not isinstance(tool, AgentTool))
        self.guarded = GuardedCall(guard, visible=frozenset(), identity=tool)

    @classmethod
    def of(cls, tool: Any, protection: Protection) -> MaskToolWrapper:
        """A wrapper for an already checked :class:`~mask_core.adapters.Protection`."""
        return cls(
            tool, client=protection.client, allowed_types=protection.policy, firewall=protection.firewall
        )

    def __repr__(self) -> str:
        return f"MaskToolWrapper(name={self.name!r}, tool={type(self.tool).__name__})"

    def _get_declaration(self) -> types.FunctionDeclaration | None:
        declaration: types.FunctionDeclaration | None = self.tool._get_declaration()
        return declaration

    async def _run_inner(self, args: dict[str, Any], *, tool_context: Any) -> Any:
        return await self.tool.run_async(args=args, tool_context=tool_context)

    async def run_async(self, *, args: dict[str, Any], tool_context: Any) -> Any:
        try:
            return await self.guarded.acall(self._run_inner, args, tool_context=tool_context)
        except ToolCallRefusedError as err:
            return refusal_response(err)
