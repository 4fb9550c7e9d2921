"""How an audit event becomes one JSON line.

Every line is a JSON object with sorted keys and no spaces, ASCII only, so the same event always gives
the same bytes (the tamper-evident chain MACs these bytes) and any SIEM can parse it::

    {"action":"encode","agent":"support-bot","count":1,"entity_type":"EMAIL_ADDRESS",
     "fingerprint":"3fa94c0e2b71","outcome":"ok","source":"mask","tenant":"acme",
     "time":"2026-05-04T09:12:33.041Z","tool":"crm_lookup"}

Fields: ``time`` (UTC, ISO 8601), ``source`` (always ``mask``), ``tenant``, ``action`` (encode, decode,
detect, decode_denied, policy, tokenize, detokenize, deep_encode, deep_decode, audit_dropped),
``outcome`` (ok, not_found, denied, kept, error, dropped), ``entity_type``, ``fingerprint`` (a keyed,
tenant-scoped BLAKE2b of the *token*: correlates events without revealing the token or the value),
``count``, ``tool`` and ``agent`` (from :func:`~mask_core.audit.audit_context`), ``detail`` (a recognizer
name, a policy action or an error class name). Absent fields are left out. No field can carry a value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from mask_core.audit.events import AuditEvent

__all__ = ["dumps", "event_record", "iso_time"]

_FIELDS = tuple(f.name for f in dataclasses.fields(AuditEvent) if f.name != "time")


def iso_time(epoch: float) -> str:
    """``2026-05-04T09:12:33.041Z``: UTC, millisecond precision."""
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def event_record(event: AuditEvent) -> dict[str, Any]:
    """The JSON object of one event (absent fields left out)."""
    record: dict[str, Any] = {"source": "mask", "time": iso_time(event.time)}
    for name in _FIELDS:  # attribute access, not dataclasses.asdict (which deep-copies: 10x slower)
        value = getattr(event, name)
        if value is not None:
            record[name] = value
    return record


def dumps(record: dict[str, Any]) -> str:
    """Canonical JSON text: sorted keys, compact, ASCII (what the chain MACs, byte for byte)."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
