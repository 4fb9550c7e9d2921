"""An agent started from inside a protected tool is sent tokens (agents as tools).

A protected tool runs on real values. When the tool runs another LlamaIndex agent
(``await sub_agent.run(user_msg=question)``), that question would reach the sub-agent's model in
clear. While a protected tool body runs, :data:`AGENTS` patches the entry points of LlamaIndex's
workflow agents (``BaseWorkflowAgent.run``: ``FunctionAgent``, ``ReActAgent``, ``CodeActAgent``;
and ``AgentWorkflow.run``) to tokenize ``user_msg`` and ``chat_history`` first, with the client that
decoded the tool's arguments; the sub-agent's own tools are protected as usual and get real values::

    model ──ask_expert(question="... <token> ...")──▶ protected tool: the question is real here
        expert.run(user_msg=question)      <- AGENTS: the expert's model sees "... <token> ..."

The patch is held (reference-counted) only while a protected tool body runs and acts only in that
body's context; agents started anywhere else are untouched. ``run`` is synchronous in LlamaIndex,
so the tokenizing is too (an async vault client is not needed here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from llama_index.core.agent.workflow import AgentWorkflow
from llama_index.core.agent.workflow.base_agent import BaseWorkflowAgent
from llama_index.core.base.llms.types import ChatMessage, TextBlock

from mask_core.adapters import ClassPatch, Replacement, current_guard

__all__ = ["AGENTS"]


def _message(value: Any, tokenize: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return tokenize(value)
    if isinstance(value, ChatMessage):
        blocks = [TextBlock(text=tokenize(b.text)) if isinstance(b, TextBlock) else b for b in value.blocks]
        return value.model_copy(update={"blocks": blocks})
    return value


def _run(original: Callable[..., Any]) -> Callable[..., Any]:
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        guard = current_guard()
        if guard is not None:
            tokenize = guard.resolve().tokenize_text
            args = (
                tuple(_message(a, tokenize) for a in args[:1])
                + tuple([_message(m, tokenize) for m in a] if isinstance(a, list) else a for a in args[1:2])
                + args[2:]
            )
            if "user_msg" in kwargs:
                kwargs["user_msg"] = _message(kwargs["user_msg"], tokenize)
            if isinstance(kwargs.get("chat_history"), list):
                kwargs["chat_history"] = [_message(m, tokenize) for m in kwargs["chat_history"]]
        return original(self, *args, **kwargs)

    return run


def _plan() -> Iterable[Replacement]:
    return (Replacement(BaseWorkflowAgent, "run", _run), Replacement(AgentWorkflow, "run", _run))


#: Held while a protected tool body runs (``GuardedCall(around=AGENTS.held)``).
AGENTS = ClassPatch("llamaindex_agents", _plan)
