"""``protect()``: one verb for every ADK object that holds tools.

================================================  ============================================
You pass                                          You get
================================================  ============================================
a tool (``BaseTool``) or a plain function         a :class:`~mask_adk.MaskToolWrapper`
a list or tuple of them                           a list of protected tools
an agent (``LlmAgent``, workflow agents)          the same agent: Mask's tool callbacks first in
                                                  its callbacks, and in those of its sub-agents
                                                  and of the agents inside its ``AgentTool`` s
================================================  ============================================

Protecting an agent covers every tool it will ever call, toolsets (MCP) included, because ADK runs
each of them through the agent's tool callbacks. Protecting again replaces Mask's callbacks (a new
policy); the agent's own callbacks stay, after Mask's, so they see real arguments and tokenized
results. For a block of code instead of for good, use :func:`~mask_adk.patched`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from google.adk.tools.agent_tool import AgentTool
from google.adk.tools.base_tool import BaseTool

from mask_adk.callbacks import callbacks_for, is_mask_callback
from mask_adk.tools import MaskToolWrapper
from mask_core import MaskClient, UnsupportedTypeError
from mask_core.adapters import Protection
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall

__all__ = ["FIELDS", "agents_of", "protect"]

#: The agent fields ADK reads tool callbacks from (a callable, a list of them, or None).
FIELDS = ("before_tool_callback", "after_tool_callback", "on_tool_error_callback")


def _is_agent(obj: Any) -> bool:
    return hasattr(obj, "sub_agents") and hasattr(obj, "name")


def agents_of(root: Any) -> Iterator[Any]:
    """``root`` and every agent below it: sub-agents, and agents wrapped in ``AgentTool`` s."""
    if not _is_agent(root):
        raise UnsupportedTypeError(f"expected an ADK agent, not {type(root).__name__}")
    seen: set[int] = set()
    stack = [root]
    while stack:
        agent = stack.pop()
        if id(agent) in seen:
            continue
        seen.add(id(agent))
        yield agent
        stack.extend(agent.sub_agents or [])
        for tool in getattr(agent, "tools", None) or []:
            inner = tool.tool if isinstance(tool, MaskToolWrapper) else tool
            if isinstance(inner, AgentTool):
                stack.append(inner.agent)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _protect_agent(root: Any, protection: Protection) -> Any:
    ours = callbacks_for(protection)
    for agent in agents_of(root):
        if not hasattr(agent, "before_tool_callback"):
            continue  # workflow agents (sequential, parallel, loop) hold no tools of their own
        for field, callback in zip(FIELDS, ours, strict=True):
            theirs = [c for c in _as_list(getattr(agent, field)) if not is_mask_callback(c)]
            setattr(agent, field, [callback, *theirs])
    return root


def _protect(obj: Any, protection: Protection) -> Any:
    if isinstance(obj, list | tuple):
        return [_protect(t, protection) for t in obj]
    if _is_agent(obj):
        return _protect_agent(obj, protection)
    if isinstance(obj, BaseTool) or callable(obj):
        return MaskToolWrapper.of(obj, protection)
    raise UnsupportedTypeError(
        f"cannot protect a {type(obj).__name__}: pass a tool, a function, a list of them or an agent"
    )


def protect(
    obj: Any,
    *,
    client: MaskClient | None = None,
    allowed_types: DecodePolicy = None,
    firewall: Firewall | None = None,
    **unknown: Any,
) -> Any:
    """Protect a tool, a function, a list of them, or an agent (see the module docstring).

    Args:
        obj: what to protect.
        client: the :class:`~mask_core.MaskClient` (default: the module default client, at call time).
        allowed_types: entity types the tools may receive in clear, or a mapping from tool name to types.
        firewall: a :class:`~mask_core.Firewall` whose policy handles results (default: tokenize all).

    Raises:
        UnknownOptionError: for any other keyword (a typo must not switch protection off).
    """
    protection = Protection.of(
        client=client, allowed_types=allowed_types, firewall=firewall, owner="protect", **unknown
    )
    return _protect(obj, protection)
