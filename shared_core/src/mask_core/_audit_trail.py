"""A client's audit trail: the events its public methods emit, successes and failures alike.

Every public method of :class:`~mask_core.client.MaskClient` reports its own failures
(:meth:`AuditTrail.failed` in an ``except MaskError`` clause), so a method without one is visible in
the code. Events carry a fingerprint of the token, never the token or the value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mask_core.audit.events import AuditEvent, AuditSink, current_context
from mask_core.errors import DecodeNotAllowedError, MaskError, TokenNotFoundError

__all__ = ["DECODE_AUDITED", "AuditTrail"]

_OUTCOMES: dict[type[MaskError], str] = {TokenNotFoundError: "not_found", DecodeNotAllowedError: "denied"}
#: The errors a decode reports itself, with the entity type, before raising them.
DECODE_AUDITED: tuple[type[MaskError], ...] = (TokenNotFoundError, DecodeNotAllowedError)


class AuditTrail:
    """Audit events for one tenant, sent to ``sink`` (None: nowhere, and nothing is built)."""

    __slots__ = ("_fingerprint", "sink", "tenant")

    def __init__(self, tenant: str, fingerprint: Callable[[str], str], sink: AuditSink | None) -> None:
        self.tenant = tenant
        self._fingerprint = fingerprint
        self.sink = sink

    def emit(self, action: str, entity_type: str | None, token: str | None, **kw: Any) -> None:
        """One event; the tool and agent come from the current :func:`audit_context`."""
        if self.sink is None:
            return
        ctx = current_context()
        self.sink.emit(
            AuditEvent(
                action,
                self.tenant,
                entity_type,
                self._fingerprint(token) if token is not None else None,
                tool=ctx.get("tool"),
                agent=ctx.get("agent"),
                **kw,
            )
        )

    def failed(self, action: str, exc: MaskError, audited: tuple[type[MaskError], ...] = ()) -> None:
        """The failure event for ``exc`` (outcome not_found, denied or error; detail the error class),
        unless it is one of ``audited``: errors the method already reported, so none counts twice."""
        if self.sink is None or isinstance(exc, audited):
            return
        ctx = current_context()
        outcome = next((o for t, o in _OUTCOMES.items() if isinstance(exc, t)), "error")
        self.sink.emit(
            AuditEvent(
                action,
                self.tenant,
                fingerprint=getattr(exc, "fingerprint", None),
                outcome=outcome,
                tool=ctx.get("tool"),
                agent=ctx.get("agent"),
                detail=type(exc).__name__,
            )
        )

    def restored(self, entity_type: str, token: str, restored: bool) -> None:
        """A token found in a text: restored (decode) or kept as it is (decode_denied)."""
        if restored:
            self.emit("decode", entity_type, token)
        else:
            self.emit("decode_denied", entity_type, token, outcome="kept")
