"""Mask for Google ADK: your tools see real values, the model only ever sees tokens.

Protect an agent's tools in three lines::

    from mask_adk import decrypt_before_tool, encrypt_after_tool

    agent = Agent(name="support", model=..., tools=[send_email],
                  before_tool_callback=decrypt_before_tool, after_tool_callback=encrypt_after_tool)

Other ways in:

* ``App(..., plugins=[MaskPlugin()])``: every agent of an app (async), optionally tokenizing the
  user's input and the model's output too;
* ``mask_tool_callbacks(client=..., decode=...)``: the callbacks (before, after, on error) for a
  tenant's client and a least-privilege policy; ``mask_tool_error`` re-raises a tool's exception with
  its message tokenized;
* ``with mask_adk.patched(agent): ...``: an agent you cannot change, restored on exit.

Every entry point takes ``client=`` (a :class:`~mask_core.MaskClient`, e.g. one per tenant) and
``decode=`` (the entity types a tool may receive in clear; tokens of other types stay tokens). A tool
never runs on a token Mask could not restore: the model gets an ``{"error": ...}`` response that holds
no value. Stream the final answer to your user through :class:`mask_core.StreamDetokenizer`.
"""

from __future__ import annotations

from mask_adk import _compat  # noqa: F401  (checks the google-adk version first)
from mask_adk.callbacks import (
    MaskToolCallbacks,
    ToolCallbacks,
    decrypt_before_tool,
    encrypt_after_tool,
    mask_tool_callbacks,
    mask_tool_error,
)
from mask_adk.patch import patched
from mask_adk.plugin import MaskPlugin

__version__ = "0.1.0"

__all__ = [
    "MaskPlugin",
    "MaskToolCallbacks",
    "ToolCallbacks",
    "decrypt_before_tool",
    "encrypt_after_tool",
    "mask_tool_callbacks",
    "mask_tool_error",
    "patched",
]
