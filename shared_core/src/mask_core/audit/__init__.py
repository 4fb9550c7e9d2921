"""The audit trail: structured JSON events of every encode, decode, detection and failure, never values.

* :mod:`~mask_core.audit.events`: :class:`AuditEvent`, the :class:`AuditSink` protocol, :func:`audit_context`
* :mod:`~mask_core.audit.format`: one event -> one canonical JSON line
* :mod:`~mask_core.audit.sinks`: stdout, Python logging, rotating file
* :mod:`~mask_core.audit.buffer`: :class:`AuditLogger`, the bounded queue and its writer thread
* :mod:`~mask_core.audit.chain`: optional tamper-evident HMAC chain and :func:`verify_chain`

Turn it on with ``MASK_AUDIT_SINKS=stdout`` (see docs/audit.md), or pass
``MaskClient(audit=AuditLogger(...))``.
"""

from mask_core.audit.buffer import AuditLogger, audit_logger_from_settings
from mask_core.audit.chain import ChainVerification, verify_chain
from mask_core.audit.events import AuditEvent, AuditSink, audit_context, current_context
from mask_core.audit.sinks import LineSink, LoggingSink, RotatingFileSink, StdoutSink

__all__ = [
    "AuditEvent",
    "AuditLogger",
    "AuditSink",
    "ChainVerification",
    "LineSink",
    "LoggingSink",
    "RotatingFileSink",
    "StdoutSink",
    "audit_context",
    "audit_logger_from_settings",
    "current_context",
    "verify_chain",
]
