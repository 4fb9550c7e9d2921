"""The audit trail: structured events of every encode, decode and detection, never values."""

from mask_core.audit.events import AuditEvent, AuditSink, audit_context, current_context

__all__ = ["AuditEvent", "AuditSink", "audit_context", "current_context"]
