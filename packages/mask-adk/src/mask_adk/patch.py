"""``patched()``: protect the tools of ADK agents you did not write, for the length of a block.

How ADK finds an agent's tool callbacks: at every tool call its flow reads three properties of the
``LlmAgent``, ``canonical_before_tool_callbacks``, ``canonical_after_tool_callbacks`` and
``canonical_on_tool_error_callbacks`` (the agent's ``*_tool_callback`` fields as lists), after the
plugins' callbacks. Inside the block those properties are replaced on ``LlmAgent``
(:class:`mask_core.adapters.ClassPatch`): for an agent the block covers, Mask's callbacks (see
``callbacks.py``) come first, so the agent's own callbacks see real arguments and tokenized results.
The agents themselves are never modified, not even while the block is open.

* ``patched()``: every agent running inside the block;
* ``patched(agent, ...)``: these agents, their sub-agents, and the agents inside their ``AgentTool`` s.
  ADK runs a *copy* of an agent (``clone()``, a pydantic ``model_copy``): inside the block
  ``BaseAgent.model_copy`` is replaced too, and tells the class patch that the copy descends from
  the agent it was made from (:meth:`~mask_core.adapters.ClassPatch.follow`), so the block covers
  the copies ADK makes while it is open, and their copies. Copies made before the block opened are
  not covered: open the block around the run.

Exactly one block acts on a call: the innermost one in this context that covers the agent (named,
a copy of one named, or every agent), so nested blocks of either form never protect a call twice.
An agent that already carries Mask's callbacks (``protect(agent)``, ``mask_tool_callbacks``) runs
under those alone.

The policy (``client``, ``allowed_types``, ``firewall``) belongs to the block, in a context variable: runs
inside the block (its task and the tasks it starts) are protected, other requests using the same
agents are not touched. Blocks nest: the innermost one wins and the outer one is back when it
closes. ``LlmAgent`` and ``BaseAgent`` are restored when the last block closes.

Usage::

    with mask_adk.patched(root_agent, client=client):
        async for event in runner.run_async(user_id=..., session_id=..., new_message=...): ...
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from google.adk.agents import BaseAgent, LlmAgent

from mask_adk.callbacks import callbacks_for, is_mask_callback
from mask_adk.protect import agents_of
from mask_core import MaskClient
from mask_core.adapters import ClassPatch, Protection, Replacement
from mask_core.guard import DecodePolicy
from mask_core.policy import Firewall

__all__ = ["TOOLS", "patched"]

_PROPERTIES = (
    "canonical_before_tool_callbacks",
    "canonical_after_tool_callbacks",
    "canonical_on_tool_error_callbacks",
)


def _prepended(position: int) -> Callable[[Any], Any]:
    def make(original: property) -> property:
        def callbacks(agent: Any) -> list[Any]:
            theirs: list[Any] = original.fget(agent)  # type: ignore[misc]
            protection = TOOLS.active(agent)
            if protection is None or any(is_mask_callback(c) for c in theirs):
                return theirs
            return [callbacks_for(protection)[position], *theirs]

        return property(callbacks)

    return make


def _copied(original: Callable[..., Any]) -> Callable[..., Any]:
    def model_copy(self: Any, *args: Any, **kwargs: Any) -> Any:
        made = original(self, *args, **kwargs)
        TOOLS.follow(made, self)
        return made

    return model_copy


def _plan() -> Iterable[Replacement]:
    yield from (Replacement(LlmAgent, name, _prepended(i)) for i, name in enumerate(_PROPERTIES))
    yield Replacement(BaseAgent, "model_copy", _copied)


#: The class patch behind every ``patched()`` block (``TOOLS.installed`` tells whether one is open).
TOOLS = ClassPatch("adk_tools", _plan)


@contextlib.contextmanager
def patched(
    *agents: Any,
    client: MaskClient | None = None,
    allowed_types: DecodePolicy = None,
    firewall: Firewall | None = None,
    **unknown: Any,
) -> Iterator[None]:
    """Protect the tools of ``agents`` (and the agents below them), or of every agent in the block.

    Args:
        *agents: ADK agents; none means every agent running inside the block.
        client: the :class:`~mask_core.MaskClient` to use (default: the module default client).
        allowed_types: entity types tools may receive in clear, or a mapping from tool name to types.
        firewall: a :class:`~mask_core.Firewall` whose policy handles results.

    Returns:
        A context manager that restores ``LlmAgent`` and ``BaseAgent`` when the last block exits.
    """
    protection = Protection.of(
        client=client, allowed_types=allowed_types, firewall=firewall, owner="patched", **unknown
    )
    covered = [a for root in agents for a in agents_of(root)] if agents else None
    with TOOLS.block(protection, covered):
        yield
