"""Nothing leaks: the PII corpus goes through every API path; no output other than the restored
value itself may contain any of it (tokens, messages, logs, reprs, audit events, vault keys and values)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import pytest

from mask_core import AuditEvent, MaskClient, MaskError, MemoryVault, audit_context
from mask_core.keys import generate_key
from mask_core.testing import PII_CORPUS, assert_no_pii


class CaptureSink:
    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    def emit(self, event: AuditEvent) -> None:
        self.events.append(event)


@pytest.fixture
def audited(caplog: pytest.LogCaptureFixture) -> tuple[MaskClient, CaptureSink, MemoryVault]:
    caplog.set_level(logging.DEBUG)
    sink = CaptureSink()
    vault = MemoryVault()
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault, audit=sink)
    return client, sink, vault


def _everything_else(
    client: MaskClient, vault: MemoryVault, sink: CaptureSink, caplog: pytest.LogCaptureFixture
) -> list[Any]:
    outputs: list[Any] = [caplog.text, repr(client), repr(vault), repr(client.engine.keys)]
    outputs += [e.to_dict() for e in sink.events] + [repr(e) for e in sink.events]
    for key, (record, _expiry) in vault._data.items():
        outputs += [key, record]
    return outputs


def test_every_api_path(audited, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    client, sink, vault = audited
    text = " | ".join(f"{i.entity_type.lower()}: {i.value}" for i in PII_CORPUS)
    payload = {
        "record": {i.entity_type.lower() + str(n): i.value for n, i in enumerate(PII_CORPUS)},
        "text": text,
    }

    with audit_context(tool="crm_lookup", agent="support-bot"):
        tokens = [client.encode(i.value, i.entity_type) for i in PII_CORPUS]
        auto = [client.encode(i.value) for i in PII_CORPUS]
        safe_text = client.tokenize_text(text)
        detailed = client.tokenize_detailed(text)
        findings = client.scan(text)
        safe = client.deep_encode(payload)
        async_safe = asyncio.run(client.adeep_encode(payload))
    produced = [
        tokens,
        auto,
        safe_text,
        detailed.text,
        detailed.tokens,
        repr(detailed),
        repr(findings),
        safe,
        async_safe,
    ]
    assert_no_pii(*produced)
    assert_no_pii(*_everything_else(client, vault, sink, caplog))

    assert [client.decode(t) for t in tokens] == [i.value for i in PII_CORPUS]
    assert client.detokenize_text(safe_text) == text
    assert client.deep_decode(safe) == payload
    assert asyncio.run(client.adeep_decode(async_safe)) == payload
    assert_no_pii(*_everything_else(client, vault, sink, caplog))
    assert {e.tool for e in sink.events if e.action == "encode"} == {"crm_lookup"}
    assert {e.action for e in sink.events} >= {"encode", "decode", "detect"}


@pytest.mark.parametrize("item", PII_CORPUS, ids=lambda i: i.entity_type)
def test_errors_never_carry_the_value(audited, caplog: pytest.LogCaptureFixture, item) -> None:  # type: ignore[no-untyped-def]
    client, sink, vault = audited
    failures: list[BaseException] = []
    attempts = [
        lambda: client.decode(item.value),  # a real value mistaken for a token
        lambda: client.encode(item.value, "UNKNOWN_TYPE_X"),
        lambda: client.encode(item.value, "US_SSN" if item.entity_type != "US_SSN" else "CREDIT_CARD"),
        lambda: client.decode(item.value, allowed_types=set()),
        lambda: client.deep_encode({"x": object(), "y": item.value}),
    ]
    for attempt in attempts:
        try:
            attempt()
        except MaskError as exc:
            failures.append(exc)
    assert failures, "each attempt above must be refused"
    for exc in failures:
        assert_no_pii(str(exc), repr(exc), exc.args, corpus=[item])
    assert_no_pii(*_everything_else(client, vault, sink, caplog), corpus=[item])


def test_denied_decodes_do_not_leak(audited, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    client, sink, vault = audited
    safe = client.tokenize_text("card 4539 1488 0343 6467 and mail alice.johnson@example.com")
    partial = client.detokenize_text(safe, allowed_types={"EMAIL_ADDRESS"})
    assert "4539" not in partial
    assert_no_pii(*_everything_else(client, vault, sink, caplog))


# -- the real audit sinks (stdout, logging, rotating file, chained) ------------------------------
def test_real_audit_sinks_never_carry_pii(tmp_path, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    import io

    from mask_core import AuditLogger, Keyring
    from mask_core.audit import LoggingSink, RotatingFileSink, StdoutSink

    caplog.set_level(logging.DEBUG)
    ring = Keyring({"k1": generate_key()})
    out = io.StringIO()
    audit = AuditLogger(
        [
            StdoutSink(out),
            LoggingSink(),
            RotatingFileSink(tmp_path / "audit.log", max_bytes=4096, backups=50),
        ],
        chain_keyring=ring,
    )
    client = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault(), audit=audit)
    text = " | ".join(f"{i.entity_type.lower()}: {i.value}" for i in PII_CORPUS)
    payload = {"record": {str(n): i.value for n, i in enumerate(PII_CORPUS)}, "text": text}
    with audit_context(tool="crm_lookup", agent="support-bot"):
        tokens = [client.encode(i.value, i.entity_type) for i in PII_CORPUS]
        [client.decode(t) for t in tokens]
        client.scan(text)
        safe = client.tokenize_text(text)
        client.detokenize_text(safe)
        client.deep_decode(client.deep_encode(payload), allowed_types={"EMAIL_ADDRESS"})
        asyncio.run(client.adeep_decode(asyncio.run(client.adeep_encode(payload))))
        for item in PII_CORPUS:  # failures too: values mistaken for tokens, wrong types
            for attempt in (
                client.decode,
                lambda v: client.encode(v, "UNKNOWN_TYPE_X"),
                client.detokenize_text,
            ):
                with contextlib.suppress(MaskError):
                    attempt(item.value)
    audit.close()
    files = [p.read_text() for p in sorted(tmp_path.iterdir())]
    lines = out.getvalue().splitlines()
    assert len(lines) > 100 and {"encode", "decode", "detect", "decode_denied"} <= {
        json.loads(x)["action"] for x in lines
    }
    assert_no_pii(out.getvalue(), caplog.text, *files)
    assert not any(t in out.getvalue() for t in tokens), "audit lines hold fingerprints, never tokens"
