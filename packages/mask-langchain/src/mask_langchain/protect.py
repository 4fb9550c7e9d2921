"""``protect()``: one verb for every LangChain object that holds tools.

=====================================  ==========================================================
You pass                               You get
=====================================  ==========================================================
a ``BaseTool`` (or a wrapper of one)   a :class:`~mask_langchain.MaskToolWrapper` of it
a plain function                       what ``secure_tool`` builds from it
a ``BaseToolkit``                      a :class:`~mask_langchain.MaskToolkit`
a list or tuple of any of these        a list of protected tools
a compiled agent graph or ``ToolNode``  the same object, its ``ToolNode`` tools swapped for
                                       wrappers for good (use ``patched(agent)`` for a block)
=====================================  ==========================================================

Protecting something already protected replaces its policy; nothing is ever wrapped twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.tools import BaseTool, BaseToolkit

from mask_core import MaskClient, UnsupportedTypeError
from mask_core.adapters import Protection
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall
from mask_langchain.tools import MaskToolkit, MaskToolWrapper, secure_tool

__all__ = ["protect", "tool_nodes", "tools_of"]


def tool_nodes(target: Any) -> list[Any]:
    """The ``ToolNode`` s of a compiled graph (what ``create_agent`` returns), or ``[target]``."""
    from langgraph.prebuilt import ToolNode

    if isinstance(target, ToolNode):
        return [target]
    nodes = getattr(target, "nodes", None)
    if isinstance(nodes, dict):
        found = [getattr(n, "bound", n) for n in nodes.values()]
        return [n for n in found if isinstance(n, ToolNode)]
    raise UnsupportedTypeError(
        f"expected a tool, a list of tools, a compiled agent graph or a ToolNode, not {type(target).__name__}"
    )


def tools_of(targets: Sequence[Any]) -> Iterator[BaseTool]:
    """Every tool a ``patched(*targets)`` block covers: the tools given, and those of graphs given."""
    for target in targets:
        if isinstance(target, BaseTool):
            yield target
        elif isinstance(target, list | tuple):
            yield from tools_of(target)
        else:
            for node in tool_nodes(target):
                yield from node.tools_by_name.values()


def _protect(obj: Any, protection: Protection) -> Any:
    if isinstance(obj, BaseTool):
        return MaskToolWrapper.of(obj, protection)
    if isinstance(obj, BaseToolkit):
        return MaskToolkit(toolkit=obj, protection=protection)
    if isinstance(obj, list | tuple):
        return [_protect(t, protection) for t in obj]
    if callable(obj) and not hasattr(obj, "nodes"):
        return secure_tool(
            obj, client=protection.client, allowed_types=protection.policy, firewall=protection.firewall
        )
    for node in tool_nodes(obj):
        tools = node.tools_by_name
        for name, tool in list(tools.items()):
            tools[name] = MaskToolWrapper.of(tool, protection)
    return obj


def protect(
    obj: Any,
    *,
    client: MaskClient | None = None,
    allowed_types: DecodePolicy = None,
    firewall: Firewall | None = None,
    **unknown: Any,
) -> Any:
    """Protect a tool, a function, a toolkit, a list of them, or an agent (see the module docstring).

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
