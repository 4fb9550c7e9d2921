"""The audit trail: JSON lines on real sinks, a bounded non-blocking buffer, the HMAC chain, failures."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mask_core import AuditEvent, AuditLogger, Keyring, MaskClient, MaskError, MemoryVault, audit_context
from mask_core.audit import LoggingSink, RotatingFileSink, StdoutSink, verify_chain
from mask_core.keys import generate_key
from mask_core.testing import assert_no_pii
from mask_core.testing.tokens import dead_token


def _lines(buf: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buf.getvalue().splitlines()]


@pytest.fixture
def ring() -> Keyring:
    return Keyring({"k1": generate_key()})


def test_every_event_is_one_json_line_with_the_documented_fields(ring: Keyring) -> None:
    buf = io.StringIO()
    audit = AuditLogger([StdoutSink(buf)])
    client = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault(), audit=audit)
    with audit_context(tool="crm_lookup", agent="support-bot"):
        token = client.encode("alice.johnson@example.com")
        client.decode(token)
    audit.close()
    enc, dec = _lines(buf)
    assert enc["action"] == "encode" and dec["action"] == "decode"
    assert enc["fingerprint"] == dec["fingerprint"] == client.engine.fingerprint(token)
    assert token not in buf.getvalue(), "a fingerprint, never the token"
    for line in (enc, dec):
        assert {"time", "tenant", "action", "entity_type", "fingerprint", "tool", "agent", "outcome"} <= set(
            line
        )
        assert line["tool"] == "crm_lookup" and line["agent"] == "support-bot" and line["tenant"] == "acme"
        assert str(line["time"]).endswith("Z")


def test_a_key_or_label_that_holds_data_stays_out_of_the_audit_line(ring: Keyring) -> None:
    # A field's finding is named by its type, not by its key: keys and form labels are the payload's
    # text and may hold the data themselves.
    buf = io.StringIO()
    audit = AuditLogger([StdoutSink(buf)])
    client = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault(), audit=audit)
    client.deep_encode({"ingrid_halvorsen_city": "Bergen"})
    client.tokenize_text("Ingrid Halvorsen city: Bergen\nHalvorsen,ingrid_halvorsen_city\nx,Oslo\n")
    audit.close()
    assert {line["detail"] for line in _lines(buf) if line["entity_type"] == "LOCATION"} == {"field:location"}
    assert "halvorsen" not in buf.getvalue().lower()


def test_failures_become_events(ring: Keyring) -> None:
    buf = io.StringIO()
    audit = AuditLogger([StdoutSink(buf)])
    client = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault(), audit=audit)
    dead = dead_token(ring)
    attempts = [
        lambda: client.encode("x" * 100_000),
        lambda: client.decode(dead),
        lambda: client.detokenize_text(f"ssn {dead}"),
        lambda: client.deep_encode({"x": object()}),
        lambda: client.decode(client.encode("536-22-8745", "US_SSN"), allowed_types={"EMAIL_ADDRESS"}),
        lambda: asyncio.run(client.adecode(12)),  # type: ignore[arg-type]
    ]
    for attempt in attempts:
        with pytest.raises(MaskError):
            attempt()
    audit.close()
    failures = [(e["action"], e["outcome"], e.get("detail")) for e in _lines(buf) if e["outcome"] != "ok"]
    assert failures == [
        ("encode", "error", "ValueTooLargeError"),
        ("decode", "not_found", None),
        ("detokenize", "not_found", "TokenNotFoundError"),
        ("deep_encode", "error", "UnsupportedTypeError"),
        ("decode_denied", "denied", None),
        ("decode", "error", "UnsupportedTypeError"),
    ], "one event per failure, none twice"


def test_detokenize_paths_emit_decode_and_kept_events(ring: Keyring) -> None:
    buf = io.StringIO()
    audit = AuditLogger([StdoutSink(buf)])
    client = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault(), audit=audit)
    safe = client.deep_encode({"card": "4539 1488 0343 6467", "mail": "alice.johnson@example.com"})
    client.deep_decode(safe, allowed_types={"EMAIL_ADDRESS"})
    audit.close()
    tail = [(e["action"], e["entity_type"], e["outcome"]) for e in _lines(buf)][2:]
    assert sorted(tail) == [("decode", "EMAIL_ADDRESS", "ok"), ("decode_denied", "CREDIT_CARD", "kept")]


def test_full_queue_drops_counts_and_reports_without_blocking() -> None:
    gate = threading.Event()

    class StuckSink:
        def __init__(self) -> None:
            self.lines: list[str] = []

        def write(self, lines: list[str]) -> None:
            gate.wait(10)
            self.lines += lines

        def close(self) -> None:
            pass

    sink = StuckSink()
    audit = AuditLogger([sink], max_buffer_size=10, flush_interval=0.05)
    event = AuditEvent("encode", "acme", "US_SSN", "abc")
    for _ in range(1000):
        audit.emit(event)
    # emit never waited for the stuck writer: had it waited for room, nothing would have been dropped.
    assert audit.stats()["dropped"] >= 1000 - 11
    gate.set()
    audit.close()
    dropped = [json.loads(x) for x in sink.lines if '"audit_dropped"' in x]
    assert dropped and sum(d["count"] for d in dropped) == audit.stats()["dropped"]
    assert len(sink.lines) - len(dropped) == 1000 - audit.stats()["dropped"], (
        "every accepted event is written"
    )


def test_a_failing_sink_is_counted_and_the_others_still_write(caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        def write(self, lines: list[str]) -> None:
            raise OSError("disk full")

        def close(self) -> None:
            pass

    buf = io.StringIO()
    audit = AuditLogger([Broken(), StdoutSink(buf)])
    audit.emit(AuditEvent("encode", "acme"))
    audit.close()
    assert audit.stats()["sink_errors"] == 1 and len(_lines(buf)) == 1
    assert "OSError" in caplog.text


def test_rotating_file_sink(tmp_path: Path) -> None:
    path = tmp_path / "audit" / "mask.log"
    audit = AuditLogger([RotatingFileSink(path, max_bytes=2048, backups=2)])
    for i in range(100):
        audit.emit(AuditEvent("encode", "acme", "US_SSN", f"{i:012x}"))
    audit.close()
    files = sorted(tmp_path.joinpath("audit").iterdir())
    assert [f.name for f in files] == ["mask.log", "mask.log.1", "mask.log.2"]
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert all(f.stat().st_size <= 2048 for f in files)
    for f in files:
        for line in f.read_text().splitlines():
            assert json.loads(line)["action"] == "encode"


def test_logging_sink(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mask.audit")
    audit = AuditLogger([LoggingSink()])
    audit.emit(AuditEvent("detect", "acme", "EMAIL_ADDRESS"))
    audit.close()
    (record,) = [r for r in caplog.records if r.name == "mask.audit"]
    assert json.loads(record.getMessage())["action"] == "detect"
    assert json.loads(record.mask_audit)["entity_type"] == "EMAIL_ADDRESS"


def test_chain_verifies_and_detects_tampering(ring: Keyring) -> None:
    buf = io.StringIO()
    audit = AuditLogger([StdoutSink(buf)], chain_keyring=ring)
    for i in range(6):
        audit.emit(AuditEvent("encode", "acme", "US_SSN", f"{i:012x}"))
    audit.close()
    second = io.StringIO()  # a restart: a new chain follows in the same file
    audit = AuditLogger([StdoutSink(second)], chain_keyring=ring)
    audit.emit(AuditEvent("decode", "acme"))
    audit.close()
    lines = buf.getvalue().splitlines() + second.getvalue().splitlines()
    good = verify_chain(lines, ring)
    assert good.ok and good.lines == 7 and good.chains == 2

    edited = [*lines]
    edited[2] = edited[2].replace('"US_SSN"', '"EMAIL_ADDRESS"')
    removed = lines[:3] + lines[4:]
    swapped = [lines[0], lines[2], lines[1], *lines[3:]]
    headless = lines[1:]
    for bad, at in ((edited, 3), (removed, 4), (swapped, 2), (headless, 1)):
        verdict = verify_chain(bad, ring)
        assert not verdict.ok and verdict.line == at, verdict
    other = Keyring({"k1": generate_key()})
    assert not verify_chain(lines, other).ok, "another key cannot vouch for the chain"
    assert verify_chain(lines, ring.add(generate_key(), key_id="k2").promote("k2")).ok, (
        "rotation keeps old lines verifiable"
    )


def test_flushes_at_exit_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    code = f"""
import os
os.environ.update(MASK_AUDIT_SINKS="file,stdout", MASK_AUDIT_FILE={str(path)!r}, MASK_AUDIT_FLUSH_INTERVAL="30")
from mask_core import MaskClient
from mask_core.keys import generate_key
c = MaskClient(tenant="acme", master_key=generate_key())
for v in ("alice.johnson@example.com", "536-22-8745"):
    c.decode(c.encode(v))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert [json.loads(x)["action"] for x in out.stdout.splitlines()] == ["encode", "decode"] * 2
    assert len(path.read_text().splitlines()) == 4
    assert_no_pii(out.stdout, out.stderr, path.read_text())


def test_signal_handlers_are_opt_in_and_flush(tmp_path: Path) -> None:
    code = """
import io, os, signal, sys
from mask_core import AuditEvent, AuditLogger
from mask_core.audit import StdoutSink
audit = AuditLogger([StdoutSink()], flush_interval=30)
assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, "nothing installed by default"
audit.register_signals()
audit.emit(AuditEvent("encode", "acme"))
os.kill(os.getpid(), signal.SIGTERM)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == -15, out.stderr
    assert json.loads(out.stdout)["action"] == "encode"


def test_settings_build_one_shared_logger(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ring: Keyring
) -> None:
    monkeypatch.setenv("MASK_AUDIT_SINKS", "file")
    monkeypatch.setenv("MASK_AUDIT_FILE", str(tmp_path / "a.log"))
    monkeypatch.setenv("MASK_AUDIT_CHAIN", "true")
    a = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault())
    b = MaskClient(tenant="globex", keyring=ring, vault=MemoryVault())
    assert isinstance(a.audit, AuditLogger) and a.audit is b.audit
    a.encode("536-22-8745", "US_SSN")
    b.encode("536-22-8745", "US_SSN")
    a.audit.flush()
    assert verify_chain((tmp_path / "a.log").read_text().splitlines(), ring).ok
    a.audit.close()
    monkeypatch.setenv("MASK_AUDIT_SINKS", "file")
    monkeypatch.delenv("MASK_AUDIT_FILE")
    from mask_core.errors import MaskConfigurationError

    with pytest.raises(MaskConfigurationError, match="MASK_AUDIT_FILE"):
        MaskClient(tenant="acme", keyring=ring)


def test_failure_auditing_costs_nothing_without_a_sink_and_follows_the_sink(ring: Keyring) -> None:
    client = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault())
    assert "decode" not in vars(client), "nothing installed on the instance: methods audit in their own body"
    events: list[object] = []

    class Sink:
        def emit(self, event: object) -> None:
            events.append(event)

    client.audit = Sink()
    with pytest.raises(MaskError):
        client.encode("x" * 100_000)
    assert [getattr(e, "outcome", None) for e in events] == ["error"]
    client.audit = None
    assert "decode" not in vars(client)


def test_every_public_method_and_its_async_twin_audits_its_failures(ring: Keyring) -> None:
    events: list[AuditEvent] = []

    class Sink:
        def emit(self, event: AuditEvent) -> None:
            events.append(event)

    client = MaskClient(tenant="acme", keyring=ring, vault=MemoryVault(), audit=Sink())
    too_long = {"note": "x" * (client.settings.max_text_length + 1)}  # deep_decode passes other types
    # method -> (audit action, an argument it refuses)
    cases: dict[str, tuple[str, object]] = {
        "encode": ("encode", 12),
        "decode": ("decode", 12),
        "scan": ("detect", 12),
        "tokenize_text": ("tokenize", 12),
        "scan_and_tokenize": ("tokenize", 12),
        "tokenize_detailed": ("tokenize", 12),
        "detokenize_text": ("detokenize", 12),
        "deep_encode": ("deep_encode", {"x": object()}),
        "deep_encode_pii": ("deep_encode", {"x": object()}),
        "deep_decode": ("deep_decode", too_long),
    }

    def call(method: str, arg: object) -> object:
        result = getattr(client, method)(arg)
        return asyncio.run(result) if asyncio.iscoroutine(result) else result

    for name, (action, bad) in cases.items():
        for method in (name, "a" + name):
            events.clear()
            with pytest.raises(MaskError) as info:
                call(method, bad)
            expected = [(action, "error", type(info.value).__name__)]
            assert [(e.action, e.outcome, e.detail) for e in events] == expected, method
