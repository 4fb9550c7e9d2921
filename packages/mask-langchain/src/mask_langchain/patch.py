"""``patched()``: protect tools you did not write, for the length of a block, then undo it all.

How LangChain runs a tool, and where the patch steps in: every tool call, whoever makes it (an agent's
``ToolNode``, ``tool.invoke``/``ainvoke``, ``batch``, ``stream``, your own code), ends in
``BaseTool.run`` or ``BaseTool.arun``. Inside the block those two methods are replaced
(:class:`mask_core.adapters.ClassPatch`): a call to a tool the block covers runs through a
:class:`~mask_langchain.MaskToolWrapper` of it, so arguments are restored and results tokenized
exactly as with ``protect()``. A tool that is already protected (a wrapper, ``secure_tool``, the
middleware) runs once, under its own policy.

* ``patched()``: every tool run inside the block;
* ``patched(agent, tool, ...)``: only the tools of these compiled agent graphs / ``ToolNode`` s and
  these tools (the objects themselves are never modified).

The policy (``client``, ``allowed_types``, ``firewall``) belongs to the block, in a context variable: code
running inside it (its thread or task, and tasks and executor threads it starts) is protected; other
requests running the same agent at the same time are not touched and never pick up this block's
tenant. Blocks nest: the innermost one wins, the outer one is back when it closes. The classes are
restored when the last block closes.

Usage::

    with mask_langchain.patched(agent, client=client):
        agent.invoke({"messages": [("user", "refund customer C-1001")]})
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from langchain_core.tools import BaseTool

from mask_core import MaskClient
from mask_core.adapters import ClassPatch, Protection, Replacement, is_guarded
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall
from mask_langchain.protect import tools_of
from mask_langchain.tools import MaskToolWrapper

__all__ = ["TOOLS", "patched"]


def _run(original: Callable[..., Any]) -> Callable[..., Any]:
    def run(self: BaseTool, *args: Any, **kwargs: Any) -> Any:
        protection = TOOLS.active(self)
        if protection is None or isinstance(self, MaskToolWrapper) or is_guarded(self):
            return original(self, *args, **kwargs)
        return MaskToolWrapper.of(self, protection).run(*args, **kwargs)

    return run


def _arun(original: Callable[..., Any]) -> Callable[..., Any]:
    async def arun(self: BaseTool, *args: Any, **kwargs: Any) -> Any:
        protection = TOOLS.active(self)
        if protection is None or isinstance(self, MaskToolWrapper) or is_guarded(self):
            return await original(self, *args, **kwargs)
        return await MaskToolWrapper.of(self, protection).arun(*args, **kwargs)

    return arun


def _plan() -> Iterable[Replacement]:
    return (Replacement(BaseTool, "run", _run), Replacement(BaseTool, "arun", _arun))


#: The class patch behind every ``patched()`` block (``TOOLS.installed`` tells whether one is open).
TOOLS = ClassPatch("langchain_tools", _plan)


@contextlib.contextmanager
def patched(
    *targets: Any,
    client: MaskClient | None = None,
    allowed_types: DecodePolicy = None,
    firewall: Firewall | None = None,
    **unknown: Any,
) -> Iterator[None]:
    """Protect the tools of ``targets`` (or every tool run in the block) until the block exits.

    Args:
        *targets: compiled agent graphs, ``ToolNode`` s, tools or lists of tools; none means every
            tool run in the block.
        client: the :class:`~mask_core.MaskClient` to use (default: the module default client).
        allowed_types: entity types tools may receive in clear, or a mapping from tool name to types.
        firewall: a :class:`~mask_core.Firewall` whose policy handles results.

    Returns:
        A context manager that restores ``BaseTool`` when the last block exits.
    """
    protection = Protection.of(
        client=client, allowed_types=allowed_types, firewall=firewall, owner="patched", **unknown
    )
    covered = list(tools_of(targets)) if targets else None
    with TOOLS.block(protection, covered):
        yield
