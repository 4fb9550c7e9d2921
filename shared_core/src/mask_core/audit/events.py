"""Audit events: what Mask did, never to what value.

An :class:`AuditEvent` names an action, the tenant, the entity type, and a keyed fingerprint of the
*token* (``tokens`` are safe to log, but a fingerprint also lets reviewers correlate events without
holding tokens). It has no field that could carry a plaintext. Sinks (stdout, logging, files) and the
buffering around them live beside this module; the client only calls :meth:`AuditSink.emit`.

Tool and agent names come from :func:`audit_context`, which framework adapters set around a tool call.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import time
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

__all__ = ["AuditEvent", "AuditSink", "audit_context", "current_context"]

_EMPTY: Mapping[str, str] = MappingProxyType({})
_CONTEXT: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar(
    "mask_audit_context", default=_EMPTY
)


@dataclasses.dataclass(frozen=True, slots=True)
class AuditEvent:
    #: encode | decode | detect | decode_denied | policy, or for a failure the operation that failed
    #: (encode, decode, detect, tokenize, detokenize, deep_encode, deep_decode) with outcome not ok
    action: str
    tenant: str
    entity_type: str | None = None
    fingerprint: str | None = None
    outcome: str = "ok"  # ok | not_found | denied | kept | error | dropped
    count: int = 1
    tool: str | None = None
    agent: str | None = None
    detail: str | None = None  # an error class name or a policy action; never a value
    time: float = dataclasses.field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}


@runtime_checkable
class AuditSink(Protocol):
    def emit(self, event: AuditEvent) -> None:
        """Record one event. Must not block for long and must not raise into the caller."""


def current_context() -> Mapping[str, str]:
    return _CONTEXT.get()


@contextlib.contextmanager
def audit_context(*, tool: str | None = None, agent: str | None = None) -> Iterator[None]:
    """Attach tool and agent names to every event emitted inside the block (task- and thread-local)."""
    values = dict(_CONTEXT.get())
    if tool is not None:
        values["tool"] = tool
    if agent is not None:
        values["agent"] = agent
    token = _CONTEXT.set(values)
    try:
        yield
    finally:
        _CONTEXT.reset(token)
