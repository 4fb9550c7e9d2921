"""``MaskPlugin``: Mask for every agent of an ADK app, as one plugin.

ADK runs plugins before an agent's own callbacks, for every agent the runner drives::

    runner ── on_user_message_callback   scan_user_input=True: the user's text parts are tokenized
                                         before the session stores them or any model sees them
           ── model call ── after_model_callback
                                         scan_model_output=True: plaintext PII the model wrote
                                         (echoing an unprotected source) is tokenized before the
                                         session stores it
           ── before_tool_callback       arguments restored in place (see ``callbacks.py``); a
                                         refusal answers the call with an error dict, the tool
                                         does not run; an ``AgentTool``'s arguments stay tokens
                                         (the sub-agent's runner inherits this plugin, so its
                                         own tools are protected and its model sees tokens)
           ── tool runs ── on_tool_error_callback
                                         report_tool_errors=True: the error goes to the model as
                                         ``{"error": ...}`` with its message tokenized; otherwise it
                                         propagates with its message tokenized (ADK wraps an error
                                         raised in a plugin in a ``RuntimeError``)
           ── after_tool_callback        the response tokenized (also error responses produced by
                                         other plugins), or ``firewall=``'s policy applied, so the
                                         model only sees what the policy lets through

Usage::

    from google.adk.apps import App
    from mask_adk import MaskPlugin

    app = App(name="support", root_agent=agent, plugins=[MaskPlugin(client=client)])

Register it first: a plugin that answers a callback stops the plugins after it. Show real values to
the user with :class:`mask_core.StreamDetokenizer` on the final text.
"""

from __future__ import annotations

from typing import Any

from google.adk.plugins.base_plugin import BasePlugin
from google.genai import types

from mask_adk.callbacks import MaskToolCallbacks
from mask_core import MaskClient
from mask_core.adapters import Protection
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall

__all__ = ["MaskPlugin"]


class MaskPlugin(BasePlugin):
    """Decode tool arguments and encode tool results for every agent in the app (async)."""

    def __init__(
        self,
        *,
        client: MaskClient | None = None,
        allowed_types: DecodePolicy = None,
        firewall: Firewall | None = None,
        scan_user_input: bool = False,
        scan_model_output: bool = False,
        report_tool_errors: bool = False,
        name: str = "mask",
        **unknown: Any,
    ) -> None:
        protection = Protection.of(
            client=client, allowed_types=allowed_types, firewall=firewall, owner="MaskPlugin", **unknown
        )
        super().__init__(name=name)
        self.client = client
        self.callbacks = MaskToolCallbacks.of(protection)
        self.scan_user_input = scan_user_input
        self.scan_model_output = scan_model_output
        self.report_tool_errors = report_tool_errors

    def _client(self) -> MaskClient:
        return self.callbacks.protection.resolve()

    async def _tokenize_parts(self, content: types.Content | None) -> types.Content | None:
        """A copy of ``content`` with its text parts tokenized, or None when nothing changed."""
        if content is None or not content.parts:
            return None
        client = self._client()
        parts, changed = [], False
        for part in content.parts:
            new = part
            if part.text:
                text = await client.atokenize_text(part.text)
                if text != part.text:
                    new = part.model_copy(update={"text": text})
                    changed = True
            parts.append(new)
        return content.model_copy(update={"parts": parts}) if changed else None

    async def on_user_message_callback(
        self, *, invocation_context: Any, user_message: types.Content
    ) -> types.Content | None:
        if not self.scan_user_input:
            return None
        return await self._tokenize_parts(user_message)

    async def after_model_callback(self, *, callback_context: Any, llm_response: Any) -> Any:
        if not self.scan_model_output:
            return None
        content = await self._tokenize_parts(llm_response.content)
        return None if content is None else llm_response.model_copy(update={"content": content})

    async def before_tool_callback(
        self, *, tool: Any, tool_args: dict[str, Any], tool_context: Any
    ) -> dict[str, Any] | None:
        return await self.callbacks.abefore_tool(tool, tool_args, tool_context)

    async def after_tool_callback(
        self, *, tool: Any, tool_args: dict[str, Any], tool_context: Any, result: Any
    ) -> Any:
        return await self.callbacks.aafter_tool(tool, tool_args, tool_context, result)

    async def on_tool_error_callback(
        self, *, tool: Any, tool_args: dict[str, Any], tool_context: Any, error: Exception
    ) -> dict[str, Any] | None:
        return await self.callbacks.aon_tool_error(
            tool, tool_args, tool_context, error, report=self.report_tool_errors
        )
