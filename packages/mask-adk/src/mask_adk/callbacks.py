"""ADK tool callbacks: ``decrypt_before_tool`` and ``encrypt_after_tool``.

How ADK runs a function call, and where Mask steps in::

    model ──FunctionCall(name, args: tokens)──▶ ADK flow
      plugins' before_tool_callback, then the agent's before_tool_callback(tool=, args=, tool_context=)
          decrypt_before_tool: restores the tokens in ``args`` *in place* and returns None, so the tool
          runs on real values. If a token cannot be restored (unknown, expired, vault down), it returns
          ``{"error": ...}`` instead: ADK then skips the tool and sends that dict to the model as the
          tool's response. The message names the problem and holds no value.
      tool.run_async(args)                         (sync or async tool; ADK awaits it)
      plugins' after_tool_callback, then the agent's after_tool_callback(..., tool_response=)
          encrypt_after_tool: returns the response with every string tokenized (same types), which
          ADK uses instead of the original. If that fails, the result is withheld (an error dict).
    ──FunctionResponse(tokens)──▶ model

An ``AgentTool`` is a model call, not a tool body: its arguments become the sub-agent's user message,
so they are **not** decoded; the sub-agent's model sees tokens, and its own tools are protected as
any other (the plugin is inherited by the sub-agent's runner; ``protect``/``patched`` walk into it).
Its answer is encoded like any result. A tool that is already a :class:`~mask_adk.MaskToolWrapper`
is left to the wrapper, so no call is decoded twice.

Usage (the reference product's names)::

    agent = Agent(..., before_tool_callback=decrypt_before_tool, after_tool_callback=encrypt_after_tool)

    # a tenant's client and least privilege:
    before, after = mask_tool_callbacks(client=client, allowed_types={"send_email": {"EMAIL_ADDRESS"}})
    agent = Agent(..., before_tool_callback=before, after_tool_callback=after)

The module-level callbacks are synchronous (right for the in-process memory vault);
:class:`MaskToolCallbacks` also has async ones (``abefore_tool`` / ``aafter_tool``) for network vaults,
and :class:`~mask_adk.MaskPlugin` is async throughout.
"""

from __future__ import annotations

import asyncio
from typing import Any, NamedTuple

from google.adk.tools.agent_tool import AgentTool

from mask_core import MaskClient, ToolCallRefusedError, ToolGuard
from mask_core.adapters import Protection
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall

__all__ = [
    "MaskToolCallbacks",
    "ToolCallbacks",
    "decrypt_before_tool",
    "encrypt_after_tool",
    "mask_tool_callbacks",
    "mask_tool_error",
]


def _tool_name(tool: Any) -> str | None:
    name = getattr(tool, "name", None)
    return name if isinstance(name, str) else None


def refusal_response(err: ToolCallRefusedError) -> dict[str, Any]:
    """What the model receives instead of a tool's result when Mask refused the call."""
    return {"error": str(err)}


def _skipped(tool: Any) -> bool:
    # A MaskToolWrapper guards its own calls (checked by name: tools.py imports this module).
    return type(tool).__name__ == "MaskToolWrapper" and type(tool).__module__ == "mask_adk.tools"


class MaskToolCallbacks:
    """Before/after tool callbacks for one client, decode policy and firewall (see the module docstring)."""

    def __init__(
        self,
        *,
        client: MaskClient | None = None,
        allowed_types: DecodePolicy = None,
        firewall: Firewall | None = None,
        **unknown: Any,
    ) -> None:
        self.protection = Protection.of(
            client=client,
            allowed_types=allowed_types,
            firewall=firewall,
            owner="MaskToolCallbacks",
            **unknown,
        )

    @classmethod
    def of(cls, protection: Protection) -> MaskToolCallbacks:
        made = cls.__new__(cls)
        made.protection = protection
        return made

    def guard(self, tool: Any) -> ToolGuard:
        return self.protection.guard(_tool_name(tool), restore=not isinstance(tool, AgentTool))

    # -- sync (agent callbacks; ADK also accepts these from plugins) ----------------------------------
    def before_tool(self, tool: Any, args: dict[str, Any], tool_context: Any) -> dict[str, Any] | None:
        if _skipped(tool) or isinstance(tool, AgentTool):
            return None
        try:
            decoded = self.guard(tool).decode_args(dict(args))
        except ToolCallRefusedError as err:
            return refusal_response(err)
        args.update(decoded)  # in place: ADK passes this same dict to the tool
        return None

    def after_tool(self, tool: Any, args: dict[str, Any], tool_context: Any, tool_response: Any) -> Any:
        if _skipped(tool):
            return None
        try:
            return self.guard(tool).encode_result(tool_response)
        except ToolCallRefusedError as err:
            return refusal_response(err)

    # -- async -----------------------------------------------------------------------------------------
    async def abefore_tool(self, tool: Any, args: dict[str, Any], tool_context: Any) -> dict[str, Any] | None:
        if _skipped(tool) or isinstance(tool, AgentTool):
            return None
        try:
            decoded = await self.guard(tool).adecode_args(dict(args))
        except ToolCallRefusedError as err:
            return refusal_response(err)
        args.update(decoded)
        return None

    async def aafter_tool(
        self, tool: Any, args: dict[str, Any], tool_context: Any, tool_response: Any
    ) -> Any:
        if _skipped(tool):
            return None
        try:
            return await self.guard(tool).aencode_result(tool_response)
        except ToolCallRefusedError as err:
            return refusal_response(err)

    # -- a tool that raises ------------------------------------------------------------------------------
    # ADK re-raises a tool's exception to the application unless an on_tool_error callback answers it.
    # ``report=False`` keeps that (the exception is re-raised with its message tokenized, same type);
    # ``report=True`` answers the call with ``{"error": ...}`` so the model sees the tokenized error.
    def on_tool_error(
        self,
        tool: Any,
        args: dict[str, Any],
        tool_context: Any,
        error: BaseException,
        *,
        report: bool = False,
    ) -> dict[str, Any] | None:
        if not isinstance(error, Exception) or isinstance(error, asyncio.CancelledError) or _skipped(tool):
            return None
        masked = self.guard(tool).mask_error(error)
        if report:
            return {"error": f"{type(error).__name__}: {masked}"}
        raise masked

    async def aon_tool_error(
        self,
        tool: Any,
        args: dict[str, Any],
        tool_context: Any,
        error: BaseException,
        *,
        report: bool = False,
    ) -> dict[str, Any] | None:
        if not isinstance(error, Exception) or isinstance(error, asyncio.CancelledError) or _skipped(tool):
            return None
        masked = await self.guard(tool).amask_error(error)
        if report:
            return {"error": f"{type(error).__name__}: {masked}"}
        raise masked


_DEFAULT = MaskToolCallbacks()


def decrypt_before_tool(tool: Any, args: dict[str, Any], tool_context: Any) -> dict[str, Any] | None:
    """ADK ``before_tool_callback``: restore tokens in ``args`` in place (default client, all types).

    The original product's name, kept; ``mask_tool_callbacks(client=...)`` or ``protect(agent)`` for
    a tenant's client, least privilege or a firewall.
    """
    return _DEFAULT.before_tool(tool, args, tool_context)


def encrypt_after_tool(tool: Any, args: dict[str, Any], tool_context: Any, tool_response: Any) -> Any:
    """ADK ``after_tool_callback``: the tool's response with every value tokenized (default client).

    The original product's name, kept (see :func:`decrypt_before_tool`).
    """
    return _DEFAULT.after_tool(tool, args, tool_context, tool_response)


def mask_tool_error(
    tool: Any, args: dict[str, Any], tool_context: Any, error: Exception
) -> dict[str, Any] | None:
    """ADK ``on_tool_error_callback``: re-raise a tool's exception with its message tokenized."""
    return _DEFAULT.on_tool_error(tool, args, tool_context, error)


class ToolCallbacks(NamedTuple):
    """The agent callbacks: ``before_tool_callback``, ``after_tool_callback``, ``on_tool_error_callback``."""

    before: Any
    after: Any
    on_error: Any


def mask_tool_callbacks(
    *,
    client: MaskClient | None = None,
    allowed_types: DecodePolicy = None,
    firewall: Firewall | None = None,
    report_tool_errors: bool = False,
    **unknown: Any,
) -> ToolCallbacks:
    """The agent callbacks for a client, decode policy and firewall (async)::

    before, after, on_error = mask_tool_callbacks(client=client, allowed_types={"EMAIL_ADDRESS"})
    agent = Agent(..., before_tool_callback=before, after_tool_callback=after,
                  on_tool_error_callback=on_error)
    """
    protection = Protection.of(
        client=client, allowed_types=allowed_types, firewall=firewall, owner="mask_tool_callbacks", **unknown
    )
    return callbacks_for(protection, report_tool_errors=report_tool_errors)


def callbacks_for(protection: Protection, *, report_tool_errors: bool = False) -> ToolCallbacks:
    """:func:`mask_tool_callbacks` for an already checked protection (marked as Mask's own)."""
    callbacks = MaskToolCallbacks.of(protection)

    async def decrypt_before_tool(
        tool: Any, args: dict[str, Any], tool_context: Any
    ) -> dict[str, Any] | None:
        return await callbacks.abefore_tool(tool, args, tool_context)

    async def encrypt_after_tool(
        tool: Any, args: dict[str, Any], tool_context: Any, tool_response: Any
    ) -> Any:
        return await callbacks.aafter_tool(tool, args, tool_context, tool_response)

    async def mask_tool_error(
        tool: Any, args: dict[str, Any], tool_context: Any, error: Exception
    ) -> dict[str, Any] | None:
        return await callbacks.aon_tool_error(tool, args, tool_context, error, report=report_tool_errors)

    made = ToolCallbacks(decrypt_before_tool, encrypt_after_tool, mask_tool_error)
    for fn in made:
        setattr(fn, "__mask_callback__", True)  # noqa: B010  (functions take attributes; mypy needs setattr)
    return made


def is_mask_callback(fn: Any) -> bool:
    """Whether ``fn`` is one of the callbacks :func:`mask_tool_callbacks` made."""
    return getattr(fn, "__mask_callback__", False) is True
