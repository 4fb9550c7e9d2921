"""``protect()``: one verb for every LlamaIndex object that holds tools.

=============================================  ================================================
You pass                                       You get
=============================================  ================================================
a tool (function, query engine, tool spec)     a :class:`~mask_llamaindex.MaskToolWrapper`
a plain function (sync or async)               a ``MaskToolWrapper`` of ``FunctionTool.from_defaults``
a list or tuple of any of these                a list of protected tools
a ``FunctionAgent`` / ``ReActAgent`` / ...     the same agent, its ``tools`` protected for good
an ``AgentWorkflow``                           the same workflow, every agent's tools protected
=============================================  ================================================

Protecting something already protected replaces its policy; nothing is ever wrapped twice. For a
block of code instead of for good, use :func:`~mask_llamaindex.patched`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from llama_index.core.agent.workflow import AgentWorkflow
from llama_index.core.agent.workflow.base_agent import BaseWorkflowAgent
from llama_index.core.tools import FunctionTool
from llama_index.core.tools.types import BaseTool

from mask_core import MaskClient, UnsupportedTypeError
from mask_core.adapters import Protection
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall
from mask_llamaindex.tools import MaskToolWrapper

__all__ = ["protect", "tools_of"]


def _agents(target: Any) -> list[BaseWorkflowAgent]:
    if isinstance(target, BaseWorkflowAgent):
        return [target]
    if isinstance(target, AgentWorkflow):
        return list(target.agents.values())
    return []


def tools_of(targets: Sequence[Any]) -> Iterator[BaseTool]:
    """Every tool a ``patched(*targets)`` block covers: tools given, and the tools of agents given."""
    for target in targets:
        if isinstance(target, BaseTool):
            yield target
        elif isinstance(target, list | tuple):
            yield from tools_of(target)
        elif _agents(target):
            for agent in _agents(target):
                yield from (t for t in agent.tools or [] if isinstance(t, BaseTool))
        else:
            raise UnsupportedTypeError(
                f"expected LlamaIndex tools, workflow agents or an AgentWorkflow, not {type(target).__name__}"
            )


def _protect(obj: Any, protection: Protection) -> Any:
    if isinstance(obj, BaseTool):
        return MaskToolWrapper.of(obj, protection)
    if isinstance(obj, list | tuple):
        return [_protect(t, protection) for t in obj]
    agents = _agents(obj)
    if agents:
        for agent in agents:
            agent.tools = [_protect(t, protection) for t in agent.tools or []]
        return obj
    if callable(obj):
        return MaskToolWrapper.of(FunctionTool.from_defaults(obj), protection)
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
