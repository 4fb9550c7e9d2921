"""``MaskCallbackHandler``: LangChain's run events as Mask audit events, never with values (audit only).

LangChain calls a callback handler around every model and tool run. This handler turns them into
:class:`~mask_core.AuditEvent` records (``tool_start``, ``tool_end``, ``tool_error``, ``model_call``)
carrying the tool name, the agent name and, for errors, the exception class; inputs and outputs are
never copied. It protects nothing by itself (that is ``protect`` / ``MaskMiddleware`` / ``patched``): it is
the audit trail, and, with ``check_prompts=True``, a tripwire that scans everything sent to the model
and records a ``pii_in_prompt`` event (entity type and count, never the value) if plaintext PII ever
reaches it, for instance through a tool that was left unprotected.

Events go to ``sink`` if given, else to the client's ``audit`` sink, else to the
``mask_langchain.audit`` logger as JSON lines (INFO).
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import BaseMessage

from mask_core import AuditEvent, AuditSink, MaskClient, get_default_client
from mask_core.audit import current_context

__all__ = ["MaskCallbackHandler"]

_log = logging.getLogger("mask_langchain.audit")


def _texts(content: Any) -> list[str]:
    if isinstance(content, str):
        return [content]
    if isinstance(content, list):
        out = []
        for block in content:
            if isinstance(block, str):
                out.append(block)
            elif isinstance(block, dict) and isinstance(block.get("text"), str):
                out.append(block["text"])
        return out
    return []


class MaskCallbackHandler(BaseCallbackHandler):
    """Audit events for tool and model runs (pass it in ``callbacks=[...]`` or a run config)."""

    raise_error = False  # an audit side channel never breaks the agent (STYLE: explicit policy)

    def __init__(
        self,
        *,
        client: MaskClient | None = None,
        sink: AuditSink | None = None,
        agent: str | None = None,
        check_prompts: bool = False,
    ) -> None:
        self._client = client
        self._sink = sink
        self.agent = agent
        self.check_prompts = check_prompts
        self._tools: dict[UUID, str] = {}
        self._lock = threading.Lock()

    @property
    def client(self) -> MaskClient:
        return self._client if self._client is not None else get_default_client()

    def _emit(self, action: str, *, tool: str | None = None, **kw: Any) -> None:
        client = self.client
        ctx = current_context()
        event = AuditEvent(
            action, client.tenant, tool=tool or ctx.get("tool"), agent=self.agent or ctx.get("agent"), **kw
        )
        sink = self._sink if self._sink is not None else client.audit
        if sink is not None:
            sink.emit(event)
        else:
            _log.info("%s", json.dumps(event.to_dict(), sort_keys=True))

    # -- tools --------------------------------------------------------------------------------------
    def on_tool_start(
        self, serialized: dict[str, Any], input_str: str, *, run_id: UUID, **kwargs: Any
    ) -> None:
        name = str((serialized or {}).get("name") or kwargs.get("name") or "tool")
        with self._lock:
            self._tools[run_id] = name
        self._emit("tool_start", tool=name)

    def on_tool_end(self, output: Any, *, run_id: UUID, **kwargs: Any) -> None:
        with self._lock:
            name = self._tools.pop(run_id, None)
        status = getattr(output, "status", "success")
        self._emit("tool_end", tool=name, outcome="ok" if status == "success" else str(status))

    def on_tool_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        with self._lock:
            name = self._tools.pop(run_id, None)
        self._emit("tool_error", tool=name, outcome="error", detail=type(error).__name__)

    # -- models -------------------------------------------------------------------------------------
    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], **kwargs: Any
    ) -> None:
        self._emit("model_call")
        if self.check_prompts:
            self._check([t for batch in messages for m in batch for t in _texts(m.content)])

    def on_llm_start(self, serialized: dict[str, Any], prompts: list[str], **kwargs: Any) -> None:
        self._emit("model_call")
        if self.check_prompts:
            self._check(list(prompts))

    def _check(self, texts: list[str]) -> None:
        found: Counter[str] = Counter()
        client = self.client
        for text in texts:
            for entity in client.scan(text):
                found[entity.entity_type] += 1
        for entity_type, count in sorted(found.items()):
            self._emit("pii_in_prompt", entity_type=entity_type, count=count, outcome="leak")
