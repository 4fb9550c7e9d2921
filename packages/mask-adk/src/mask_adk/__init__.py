"""Mask for Google ADK: your tools see real values, the model only ever sees tokens.

Protect an agent in three lines::

    from mask_adk import protect

    agent = protect(Agent(name="support", model=..., tools=[send_email]), client=client)

The same verbs as every Mask framework package, all with ``client=``, ``allowed_types=`` and ``firewall=``:

* ``protect(obj)``: a tool, a function, a list of them, or an agent (with its sub-agents and the
  agents inside its ``AgentTool`` s, for good);
* ``with patched(agent): ...`` / ``with patched(): ...``: agents you cannot change, or every agent
  running in the block, undone on exit;
* ``App(..., plugins=[MaskPlugin()])``: the framework-native way, every agent of an app (async),
  optionally tokenizing the user's input and the model's output too;
* ``MaskToolWrapper(tool)``: the protected tool class ``protect`` returns;
* ``decrypt_before_tool`` / ``encrypt_after_tool`` (the original product's names, default client),
  ``mask_tool_callbacks(...)`` and ``mask_tool_error``: the agent callbacks themselves.

``client`` is a :class:`~mask_core.MaskClient` (one per tenant), ``allowed_types`` the entity types a tool may
receive in clear (tokens of other types stay tokens), ``firewall`` a :class:`~mask_core.Firewall`
whose policy redacts, masks, blocks or passes values in results. An unknown option is an error. A
tool never runs on a token Mask could not restore; the model gets an ``{"error": ...}`` response that
holds no value. An ``AgentTool``'s arguments are not decoded: the sub-agent's model sees tokens.
Stream the final answer to your user through :class:`mask_core.StreamDetokenizer`.
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
from mask_adk.protect import protect
from mask_adk.tools import MaskToolWrapper

__version__ = "0.1.0"

__all__ = [
    "MaskPlugin",
    "MaskToolCallbacks",
    "MaskToolWrapper",
    "ToolCallbacks",
    "decrypt_before_tool",
    "encrypt_after_tool",
    "mask_tool_callbacks",
    "mask_tool_error",
    "patched",
    "protect",
]
