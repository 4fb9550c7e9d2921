"""``patched()``: protect the tools of ADK agents you did not write, and undo it all on exit.

ADK asks an ``LlmAgent`` for its tool callbacks through three properties,
``canonical_before_tool_callbacks``, ``canonical_after_tool_callbacks`` and
``canonical_on_tool_error_callbacks`` (its ``*_tool_callback`` fields as lists). Mask's callbacks go
first in those lists, so the agent's own callbacks see real arguments and tokenized results, as with
explicit registration (a raising tool's error is re-raised with its message tokenized):

* ``patched(agent, ...)``: the agents given and their sub-agents get Mask's callbacks prepended to
  those three fields; exit puts the original field values back. Patching the same agent again while
  it is patched only counts a reference.
* ``patched()`` with no agents: the three properties are patched on ``LlmAgent`` itself, so every agent
  running inside the block (in this task and the tasks it starts) is protected. The class is restored
  when the last block exits; the policy is a context variable, so runs outside the block are not
  affected.

Usage::

    with mask_adk.patched(root_agent, client=client):
        async for event in runner.run_async(user_id=..., session_id=..., new_message=...): ...
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from typing import Any

from google.adk.agents import LlmAgent

from mask_adk.callbacks import MaskToolCallbacks, mask_tool_callbacks
from mask_core import MaskClient, UnsupportedTypeError
from mask_core.guard import DecodePolicy

__all__ = ["patched"]

_lock = threading.RLock()
_FIELDS = ("before_tool_callback", "after_tool_callback", "on_tool_error_callback")
_agents: dict[int, tuple[Any, int, tuple[Any, ...]]] = {}  # id -> (agent, refs, original fields)
_class_refs = 0
_originals: dict[str, Any] = {}
_policy: contextvars.ContextVar[MaskToolCallbacks | None] = contextvars.ContextVar(
    "mask_adk_policy", default=None
)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _walk(agent: Any) -> Iterator[Any]:
    seen: set[int] = set()
    stack = [agent]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(getattr(node, "sub_agents", None) or [])


def _patch_agent(agent: Any, callbacks: tuple[Any, ...]) -> None:
    with _lock:
        found = _agents.get(id(agent))
        if found is not None:
            _agents[id(agent)] = (found[0], found[1] + 1, found[2])
            return
        originals = tuple(getattr(agent, f) for f in _FIELDS)
        _agents[id(agent)] = (agent, 1, originals)
        for field, ours, theirs in zip(_FIELDS, callbacks, originals, strict=True):
            setattr(agent, field, [ours, *_as_list(theirs)])


def _unpatch_agent(agent: Any) -> None:
    with _lock:
        obj, refs, originals = _agents[id(agent)]
        if refs > 1:
            _agents[id(agent)] = (obj, refs - 1, originals)
            return
        del _agents[id(agent)]
        for field, value in zip(_FIELDS, originals, strict=True):
            setattr(agent, field, value)


async def _before(tool: Any, args: dict[str, Any], tool_context: Any) -> dict[str, Any] | None:
    callbacks = _policy.get()
    return None if callbacks is None else await callbacks.abefore_tool(tool, args, tool_context)


async def _after(tool: Any, args: dict[str, Any], tool_context: Any, tool_response: Any) -> Any:
    callbacks = _policy.get()
    return None if callbacks is None else await callbacks.aafter_tool(tool, args, tool_context, tool_response)


async def _on_error(tool: Any, args: dict[str, Any], tool_context: Any, error: Exception) -> Any:
    callbacks = _policy.get()
    return None if callbacks is None else await callbacks.aon_tool_error(tool, args, tool_context, error)


_PROPERTIES = {
    "canonical_before_tool_callbacks": _before,
    "canonical_after_tool_callbacks": _after,
    "canonical_on_tool_error_callbacks": _on_error,
}


def _prepended(original: property, ours: Any) -> property:
    return property(lambda self: [ours, *original.fget(self)])  # type: ignore[misc]


def _patch_class() -> None:
    global _class_refs
    with _lock:
        _class_refs += 1
        if _class_refs > 1:
            return
        for name, ours in _PROPERTIES.items():
            _originals[name] = LlmAgent.__dict__[name]
            type.__setattr__(LlmAgent, name, _prepended(_originals[name], ours))


def _unpatch_class() -> None:
    global _class_refs
    with _lock:
        _class_refs -= 1
        if _class_refs == 0:
            for name in _PROPERTIES:
                type.__setattr__(LlmAgent, name, _originals.pop(name))


@contextlib.contextmanager
def patched(*agents: Any, client: MaskClient | None = None, decode: DecodePolicy = None) -> Iterator[None]:
    """Protect the tools of ``agents`` and their sub-agents (or of every agent run in the block).

    Args:
        *agents: ``LlmAgent`` s (sub-agents included); none means every agent run inside the block.
        client: the :class:`~mask_core.MaskClient` to use (default: the module default client).
        decode: entity types tools may receive in clear, or a mapping from tool name to types.

    Returns:
        A context manager that restores every agent (or ``LlmAgent``) when exited.
    """
    done: list[Any] = []
    token = None
    try:
        if agents:
            callbacks = tuple(mask_tool_callbacks(client=client, decode=decode))
            for root in agents:
                if not hasattr(root, "before_tool_callback") and not hasattr(root, "sub_agents"):
                    raise UnsupportedTypeError(f"patched() takes ADK agents, not {type(root).__name__}")
                for agent in _walk(root):
                    if hasattr(agent, "before_tool_callback"):
                        _patch_agent(agent, callbacks)
                        done.append(agent)
        else:
            token = _policy.set(MaskToolCallbacks(client=client, decode=decode))
            _patch_class()
            done.append(None)
        yield
    finally:
        for agent in reversed(done):
            if agent is None:
                _unpatch_class()
            else:
                _unpatch_agent(agent)
        if token is not None:
            _policy.reset(token)
