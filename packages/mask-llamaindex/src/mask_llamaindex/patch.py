"""``mask_llamaindex_hooks()``: protect the tools of LlamaIndex agents you did not write.

LlamaIndex agents (``FunctionAgent``, ``ReActAgent``, ``CodeActAgent``, and ``AgentWorkflow`` with
its agents) run every tool call through one method, ``_call_tool(ctx, tool, tool_input)``, on
``BaseWorkflowAgent`` and on ``AgentWorkflow``. Inside the block those methods are patched to hand
the original a protected copy of the tool (:func:`~mask_llamaindex.protect`, remembered per tool),
so arguments are restored and results tokenized exactly as with explicit wrapping.

The patch is installed once, under a lock, when the first block is entered and removed when the last
one exits (nesting and concurrent blocks are fine). The policy (``client``, ``decode``) is a context
variable: it covers code running inside the block, in this thread or task and the tasks it starts
(a workflow started inside the block), and nothing else::

    with mask_llamaindex_hooks(client=client):
        response = await agent.run("Refund customer C-1001")
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from typing import Any

from llama_index.core.agent.workflow import AgentWorkflow
from llama_index.core.agent.workflow.base_agent import BaseWorkflowAgent

from mask_core import MaskClient
from mask_core.guard import DecodePolicy
from mask_llamaindex.tools import protect_cached

__all__ = ["mask_llamaindex_hooks"]

_TARGETS = (BaseWorkflowAgent, AgentWorkflow)
_lock = threading.Lock()
_refs = 0
_originals: dict[type, Any] = {}
_policy: contextvars.ContextVar[tuple[MaskClient | None, DecodePolicy] | None] = contextvars.ContextVar(
    "mask_llamaindex_policy", default=None
)


def _make_patch(owner: type) -> Any:
    async def _call_tool(self: Any, ctx: Any, tool: Any, tool_input: dict[str, Any]) -> Any:
        policy = _policy.get()
        if policy is not None:
            tool = protect_cached(tool, policy[0], policy[1])
        return await _originals[owner](self, ctx, tool, tool_input)

    _call_tool.__mask_patch__ = True  # type: ignore[attr-defined]
    return _call_tool


def _install() -> None:
    global _refs
    with _lock:
        _refs += 1
        if _refs == 1:
            for owner in _TARGETS:
                _originals[owner] = owner.__dict__["_call_tool"]
                type.__setattr__(owner, "_call_tool", _make_patch(owner))


def _uninstall() -> None:
    global _refs
    with _lock:
        _refs -= 1
        if _refs == 0:
            for owner in _TARGETS:
                type.__setattr__(owner, "_call_tool", _originals.pop(owner))


def is_installed() -> bool:
    """Whether the class patch is in place right now (for tests and diagnostics)."""
    return any(getattr(o.__dict__["_call_tool"], "__mask_patch__", False) for o in _TARGETS)


@contextlib.contextmanager
def mask_llamaindex_hooks(*, client: MaskClient | None = None, decode: DecodePolicy = None) -> Iterator[None]:
    """Protect every tool LlamaIndex agents call inside the block.

    Args:
        client: the :class:`~mask_core.MaskClient` to use (default: the module default client).
        decode: entity types tools may receive in clear, or a mapping from tool name to types.

    Returns:
        A context manager that removes the patch (when no other block needs it) on exit.
    """
    token = _policy.set((client, decode))
    _install()
    try:
        yield
    finally:
        _uninstall()
        _policy.reset(token)
