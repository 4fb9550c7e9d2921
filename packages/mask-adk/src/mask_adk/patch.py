"""``patched()``: protect the tools of ADK agents you did not write, for the length of a block.

How ADK finds an agent's tool callbacks: at every tool call its flow reads three properties of the
``LlmAgent``, ``canonical_before_tool_callbacks``, ``canonical_after_tool_callbacks`` and
``canonical_on_tool_error_callbacks`` (the agent's ``*_tool_callback`` fields as lists), after the
plugins' callbacks. Inside the block those properties are replaced on ``LlmAgent``
(:class:`mask_core.adapters.ClassPatch`): for an agent the block covers, Mask's callbacks (see
``callbacks.py``) come first, so the agent's own callbacks see real arguments and tokenized results;
the agents themselves are never modified.

* ``patched()``: every agent running inside the block;
* ``patched(agent, ...)``: these agents, their sub-agents, and the agents inside their ``AgentTool`` s.
  ADK runs a *copy* of an agent (``clone()``), so these agents carry a dispatcher callback first in
  their three fields while any block names them (reference-counted; the fields are put back when the
  last such block closes). Clones copy it, and it finds the block's policy by a key of its own.

Exactly one of the two acts on a call: the innermost block in this context that covers the agent
(by its dispatcher's key, or every agent) decides, so nested blocks of either form never protect a
call twice.

The policy (``client``, ``decode``, ``firewall``) belongs to the block, in a context variable: runs
inside the block (its task and the tasks it starts) are protected, other requests using the same
agents are not touched. Blocks nest: the innermost one wins and the outer one is back when it
closes. ``LlmAgent`` is restored when the last block closes.

Usage::

    with mask_adk.patched(root_agent, client=client):
        async for event in runner.run_async(user_id=..., session_id=..., new_message=...): ...
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from google.adk.agents import LlmAgent

from mask_adk.callbacks import MaskToolCallbacks, callbacks_for
from mask_adk.protect import FIELDS, agents_of
from mask_core import MaskClient
from mask_core.adapters import ClassPatch, Protection, Replacement, Scope
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall

__all__ = ["TOOLS", "patched"]

_PROPERTIES = (
    "canonical_before_tool_callbacks",
    "canonical_after_tool_callbacks",
    "canonical_on_tool_error_callbacks",
)
_KEY = "__mask_key__"


def _keys(agent: Any) -> list[object]:
    found = getattr(agent, "before_tool_callback", None)
    return [getattr(c, _KEY) for c in found if hasattr(c, _KEY)] if isinstance(found, list) else []


def _deciding(candidates: list[object]) -> Scope | None:
    """The innermost open block in this context that covers one of ``candidates`` or every agent."""
    for scope in reversed(TOOLS.scopes()):
        if scope.targets is None or any(scope.covers(k) for k in candidates):
            return scope
    return None


# -- the global form: LlmAgent's callback properties -------------------------------------------------------
def _prepended(position: int) -> Callable[[Any], Any]:
    def make(original: property) -> property:
        def callbacks(agent: Any) -> list[Any]:
            theirs: list[Any] = original.fget(agent)  # type: ignore[misc]
            scope = _deciding(_keys(agent))
            if scope is None or scope.targets is not None:
                return theirs  # no block, or a block that names this agent: its dispatcher acts
            return [callbacks_for(scope.protection)[position], *theirs]

        return property(callbacks)

    return make


def _plan() -> Iterable[Replacement]:
    return [Replacement(LlmAgent, name, _prepended(i)) for i, name in enumerate(_PROPERTIES)]


#: The class patch behind every ``patched()`` block (``TOOLS.installed`` tells whether one is open).
TOOLS = ClassPatch("adk_tools", _plan)


# -- the targeted form: a dispatcher in the agents' own fields ---------------------------------------------
def _active(key: object) -> MaskToolCallbacks | None:
    scope = _deciding([key])
    return None if scope is None or scope.targets is None else MaskToolCallbacks.of(scope.protection)


def _dispatchers(key: object) -> tuple[Any, Any, Any]:
    async def before(tool: Any, args: dict[str, Any], tool_context: Any) -> Any:
        callbacks = _active(key)
        return None if callbacks is None else await callbacks.abefore_tool(tool, args, tool_context)

    async def after(tool: Any, args: dict[str, Any], tool_context: Any, tool_response: Any) -> Any:
        callbacks = _active(key)
        return (
            None
            if callbacks is None
            else await callbacks.aafter_tool(tool, args, tool_context, tool_response)
        )

    async def on_error(tool: Any, args: dict[str, Any], tool_context: Any, error: Exception) -> Any:
        callbacks = _active(key)
        return None if callbacks is None else await callbacks.aon_tool_error(tool, args, tool_context, error)

    for fn in (before, after, on_error):
        setattr(fn, _KEY, key)
    return before, after, on_error


@dataclasses.dataclass
class _Fitted:
    agent: Any
    key: object
    refs: int
    originals: tuple[Any, ...]


_lock = threading.Lock()
_fitted: dict[int, _Fitted] = {}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _fit(agent: Any) -> object:
    with _lock:
        found = _fitted.get(id(agent))
        if found is not None and found.agent is agent:
            found.refs += 1
            return found.key
        key = object()
        originals = tuple(getattr(agent, f) for f in FIELDS)
        _fitted[id(agent)] = _Fitted(agent, key, 1, originals)
        for field, ours, theirs in zip(FIELDS, _dispatchers(key), originals, strict=True):
            setattr(agent, field, [ours, *_as_list(theirs)])
        return key


def _unfit(agent: Any) -> None:
    with _lock:
        found = _fitted[id(agent)]
        found.refs -= 1
        if found.refs == 0:
            del _fitted[id(agent)]
            for field, value in zip(FIELDS, found.originals, strict=True):
                setattr(agent, field, value)


@contextlib.contextmanager
def patched(
    *agents: Any,
    client: MaskClient | None = None,
    decode: DecodePolicy = None,
    firewall: Firewall | None = None,
    **unknown: Any,
) -> Iterator[None]:
    """Protect the tools of ``agents`` (and the agents below them), or of every agent in the block.

    Args:
        *agents: ADK agents; none means every agent running inside the block.
        client: the :class:`~mask_core.MaskClient` to use (default: the module default client).
        decode: entity types tools may receive in clear, or a mapping from tool name to types.
        firewall: a :class:`~mask_core.Firewall` whose policy handles results.

    Returns:
        A context manager that restores the agents (and ``LlmAgent``) when the last block exits.
    """
    protection = Protection.of(client=client, decode=decode, firewall=firewall, owner="patched", **unknown)
    covered = [a for root in agents for a in agents_of(root) if hasattr(a, "before_tool_callback")]
    fitted: list[Any] = []
    try:
        keys = []
        for agent in covered:
            keys.append(_fit(agent))
            fitted.append(agent)
        with TOOLS.block(protection, keys if agents else None):
            yield
    finally:
        for agent in reversed(fitted):
            _unfit(agent)
