"""``patched()`` (alias ``mask_llamaindex_hooks()``): every LlamaIndex tool call in a block, protected.

How LlamaIndex calls a tool: every path ends in a method of the tool itself. Agents
(``FunctionAgent``, ``ReActAgent``, ``CodeActAgent``, ``AgentWorkflow``) call ``tool.acall``;
``llm.predict_and_call`` and ``call_tool_with_selection`` call ``tool(...)`` or ``tool.acall``; query
engine tools, tool specs and your own code call ``tool.call`` / ``tool.acall`` / ``tool(...)``. Inside
the block, ``call``, ``acall`` and ``__call__`` of every ``BaseTool`` class are replaced
(:class:`mask_core.adapters.ClassPatch`; a tool class defined while a block is open is patched as it
is created): a call to a tool the block covers runs through a :class:`~mask_llamaindex.MaskToolWrapper`
of it. Each call is protected exactly once:
``tool(...)`` calling ``tool.call(...)``, or a protected tool calling the tool it wraps, is not
decoded or encoded again.

* ``patched()``: every tool called inside the block;
* ``patched(agent, workflow, tool, ...)``: only these tools and the tools of these agents.

The policy (``client``, ``allowed_types``, ``firewall``) belongs to the block, in a context variable: code in
the block (its task and the tasks it starts, such as the workflow's steps) is protected, other
requests are not touched. Blocks nest (the innermost wins; the outer one is back on exit), and the
classes are restored when the last block closes::

    with mask_llamaindex.patched(client=client):
        response = await agent.run("Refund customer C-1001")
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from llama_index.core.tools.types import BaseTool, BaseToolAsyncAdapter

from mask_core import MaskClient
from mask_core.adapters import ClassPatch, Protection, Replacement, is_guarded
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall
from mask_llamaindex.protect import tools_of
from mask_llamaindex.tools import MaskToolWrapper

__all__ = ["TOOLS", "mask_llamaindex_hooks", "patched"]

# Classes that only hand the call to another tool: the tool they delegate to is the one guarded.
_DELEGATING = (MaskToolWrapper, BaseToolAsyncAdapter)


def _sync(original: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: BaseTool, *args: Any, **kwargs: Any) -> Any:
        protection = TOOLS.active(self)
        if protection is None or is_guarded(self):
            return original(self, *args, **kwargs)
        return MaskToolWrapper.of(self, protection).call(*args, **kwargs)

    return call


def _async(original: Callable[..., Any]) -> Callable[..., Any]:
    async def acall(self: BaseTool, *args: Any, **kwargs: Any) -> Any:
        protection = TOOLS.active(self)
        if protection is None or is_guarded(self):
            return await original(self, *args, **kwargs)
        return await MaskToolWrapper.of(self, protection).acall(*args, **kwargs)

    return acall


def _classes() -> Iterator[type]:
    seen: set[type] = set()
    stack: list[type] = [BaseTool]
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        if not issubclass(cls, _DELEGATING):
            yield cls


def _plan() -> Iterator[Replacement]:
    for cls in _classes():
        for name, make in (("call", _sync), ("__call__", _sync), ("acall", _async)):
            method = cls.__dict__.get(name)
            if callable(method) and not getattr(method, "__isabstractmethod__", False):
                yield Replacement(cls, name, make)


#: The class patch behind every ``patched()`` block (``TOOLS.installed`` tells whether one is open).
TOOLS = ClassPatch("llamaindex_tools", _plan, watch=(BaseTool,))


@contextlib.contextmanager
def patched(
    *targets: Any,
    client: MaskClient | None = None,
    allowed_types: DecodePolicy = None,
    firewall: Firewall | None = None,
    **unknown: Any,
) -> Iterator[None]:
    """Protect every tool called in the block (or only those of ``targets``) until it exits.

    Args:
        *targets: tools, lists of tools, workflow agents or ``AgentWorkflow`` s; none means every
            tool called in the block.
        client: the :class:`~mask_core.MaskClient` to use (default: the module default client).
        allowed_types: entity types tools may receive in clear, or a mapping from tool name to types.
        firewall: a :class:`~mask_core.Firewall` whose policy handles results.

    Returns:
        A context manager that restores the tool classes when the last block exits.
    """
    protection = Protection.of(
        client=client, allowed_types=allowed_types, firewall=firewall, owner="patched", **unknown
    )
    covered = list(tools_of(targets)) if targets else None
    with TOOLS.block(protection, covered):
        yield


#: The original product's name for :func:`patched` (same arguments, same behaviour).
mask_llamaindex_hooks = patched
