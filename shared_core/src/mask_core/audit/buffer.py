"""The audit logger: a bounded in-memory queue drained by one background writer thread.

Usage::

    from mask_core.audit import AuditLogger, StdoutSink, RotatingFileSink

    audit = AuditLogger([StdoutSink(), RotatingFileSink("/var/log/mask/audit.log")], chain_keyring=ring)
    client = MaskClient(tenant="acme", keyring=ring, audit=audit)
    ...
    audit.close()            # or let atexit do it; audit.register_signals() for SIGTERM/SIGINT

Or from settings: ``MASK_AUDIT_SINKS=stdout,file`` and ``MASK_AUDIT_FILE=...`` give every client built
from settings one shared logger (see :func:`audit_logger_from_settings`).

The agent's thread only appends the :class:`~mask_core.audit.AuditEvent` to a bounded deque (no lock,
no wake-up of the writer: appends are atomic under the GIL) and returns. The writer thread wakes every
``flush_interval`` seconds (or on ``flush()``), drains the deque and formats, chains and writes the batch.
The bound is exact for one emitting thread and may be exceeded by at most one event per concurrently
emitting thread. The policy
when things go wrong, chosen so that auditing can never stall or break a tool call:

* **Queue full** (the writer cannot keep up, a sink hangs): the event is dropped and counted, never
  blocking the caller and never spilled to a temporary file. The writer then writes an
  ``audit_dropped`` line with the count to every sink and logs a warning, so the gap is on record.
* **A sink raises**: the batch is lost for that sink only; the failure is counted
  (``stats()["sink_errors"]``) and logged as a warning (type only). Other sinks still get the batch.
* **Shutdown**: ``close()`` (registered with ``atexit``) drains the queue and closes the sinks, waiting
  at most ``timeout`` seconds. ``register_signals()`` opts in to flushing on SIGTERM/SIGINT as well,
  then hands the signal to the handler that was there before (it is opt-in so Mask never takes over a
  web server's signal handling).
"""

from __future__ import annotations

import atexit
import collections
import hashlib
import logging
import os
import signal
import threading
import weakref
from collections.abc import Sequence
from types import FrameType
from typing import Any

from mask_core.audit.chain import AuditChain
from mask_core.audit.events import AuditEvent
from mask_core.audit.format import dumps, event_record
from mask_core.audit.sinks import LineSink, LoggingSink, RotatingFileSink, StdoutSink
from mask_core.errors import MaskConfigurationError
from mask_core.keys.keyring import Keyring
from mask_core.settings import MaskSettings

__all__ = ["AuditLogger", "audit_logger_from_settings"]

logger = logging.getLogger("mask_core.audit")

_BATCH = 512


_live: weakref.WeakSet[AuditLogger] = weakref.WeakSet()


class AuditLogger:
    """An :class:`~mask_core.audit.AuditSink` that buffers events and writes JSON lines to ``sinks``."""

    def __init__(
        self,
        sinks: Sequence[LineSink],
        *,
        max_buffer_size: int = 10_000,
        flush_interval: float = 1.0,
        chain_keyring: Keyring | None = None,
    ) -> None:
        if not sinks:
            raise MaskConfigurationError("an AuditLogger needs at least one sink")
        if max_buffer_size < 1 or flush_interval <= 0:
            raise MaskConfigurationError("max_buffer_size must be >= 1 and flush_interval > 0")
        self.sinks = list(sinks)
        self.max_buffer_size = max_buffer_size
        self.flush_interval = flush_interval
        self._chain = AuditChain(chain_keyring) if chain_keyring is not None else None
        self._buffer: collections.deque[AuditEvent] = collections.deque()
        self._dropped = 0  # dropped since last reported (written by emitters, reset by the writer)
        self._drop_lock = threading.Lock()
        self._stats = {"written": 0, "dropped": 0, "sink_errors": 0}
        self._closed = False
        self._stopping = False
        self._wake = threading.Event()
        self._flushes: list[threading.Event] = []
        self._flush_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="mask-audit-writer", daemon=True)
        self._thread.start()
        _live.add(self)

    def __repr__(self) -> str:
        chained = ", chained" if self._chain else ""
        return f"AuditLogger(sinks={self.sinks!r}, max_buffer_size={self.max_buffer_size}{chained})"

    # -- the agent's side: never blocks ----------------------------------------------------------------
    def emit(self, event: AuditEvent) -> None:
        if self._closed or len(self._buffer) >= self.max_buffer_size:
            self._drop()
        else:
            self._buffer.append(event)

    def _drop(self) -> None:
        with self._drop_lock:
            self._dropped += 1

    def stats(self) -> dict[str, int]:
        """Counters: ``written`` lines, ``dropped`` events (queue full or after close), ``sink_errors``."""
        with self._drop_lock:
            pending = self._dropped
        return {**self._stats, "dropped": self._stats["dropped"] + pending, "queued": len(self._buffer)}

    # -- control ---------------------------------------------------------------------------------------
    def flush(self, timeout: float | None = 5.0) -> bool:
        """Wait until everything emitted so far is written; False if ``timeout`` ran out first."""
        if not self._thread.is_alive():
            return not self._buffer
        done = threading.Event()
        with self._flush_lock:
            self._flushes.append(done)
        self._wake.set()
        return done.wait(timeout)

    def close(self, timeout: float | None = 5.0) -> None:
        """Flush, stop the writer and close the sinks. Idempotent; later events are counted as dropped."""
        if self._closed:
            return
        self.flush(timeout)
        self._closed = True
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout)  # a writer stuck in a sink is a daemon thread: it cannot hold up exit
        for sink in self.sinks:
            try:
                sink.close()
            except Exception as exc:  # shutting down: count, never raise from atexit
                self._sink_failed(sink, exc)
        _live.discard(self)

    def register_signals(self, signals: Sequence[int] = (signal.SIGTERM, signal.SIGINT)) -> None:
        """Opt in: flush on these signals, then run the handler that was installed before.

        Call from the main thread. With no previous Python handler, the default action follows (SIGINT
        raises KeyboardInterrupt, SIGTERM terminates the process).
        """
        for signum in signals:
            previous = signal.getsignal(signum)

            def handler(num: int, frame: FrameType | None, previous: Any = previous) -> None:
                self.flush(timeout=2.0)
                if callable(previous):
                    previous(num, frame)
                elif previous != signal.SIG_IGN:
                    signal.signal(num, signal.SIG_DFL)
                    os.kill(os.getpid(), num)

            signal.signal(signum, handler)

    # -- the writer thread -----------------------------------------------------------------------------
    def _run(self) -> None:
        buffer = self._buffer
        while True:
            self._wake.wait(self.flush_interval)
            self._wake.clear()
            with self._flush_lock:  # taken before draining: they wait for everything emitted before them
                flushes, self._flushes = self._flushes, []
            while buffer:
                batch = [buffer.popleft() for _ in range(min(_BATCH, len(buffer)))]
                self._write([event_record(e) for e in batch])
            self._report_drops()
            for done in flushes:
                done.set()
            if self._stopping and not buffer:
                return

    def _report_drops(self) -> None:
        with self._drop_lock:
            dropped, self._dropped = self._dropped, 0
        if not dropped:
            return
        self._stats["dropped"] += dropped
        logger.warning("audit queue full: %d audit events were dropped (see the audit_dropped line)", dropped)
        event = AuditEvent("audit_dropped", "*", outcome="dropped", count=dropped)
        self._write([event_record(event)])

    def _write(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        chain = self._chain
        lines = [chain.seal(r) if chain is not None else dumps(r) for r in records]
        for sink in self.sinks:
            try:
                sink.write(lines)
            except Exception as exc:  # the documented policy: count, warn, keep the other sinks going
                self._sink_failed(sink, exc)
        self._stats["written"] += len(lines)

    def _sink_failed(self, sink: LineSink, exc: Exception) -> None:
        self._stats["sink_errors"] += 1
        logger.warning(
            "audit sink %r failed (%s); its lines for this batch are lost", sink, type(exc).__name__
        )


@atexit.register
def _close_all() -> None:
    for audit in list(_live):
        audit.close(timeout=2.0)


_shared: dict[str, AuditLogger] = {}
_shared_lock = threading.Lock()


def sinks_from_settings(settings: MaskSettings) -> list[LineSink]:
    audit = settings.audit
    sinks: list[LineSink] = []
    for name in dict.fromkeys(audit.sinks):
        if name == "stdout":
            sinks.append(StdoutSink())
        elif name == "logging":
            sinks.append(LoggingSink(audit.logger))
        elif name == "file":
            if audit.file is None:
                raise MaskConfigurationError(
                    "MASK_AUDIT_SINKS includes 'file' but MASK_AUDIT_FILE is not set"
                )
            sinks.append(
                RotatingFileSink(audit.file, max_bytes=audit.file_max_bytes, backups=audit.file_backups)
            )
    return sinks


def audit_logger_from_settings(settings: MaskSettings, keyring: Keyring) -> AuditLogger:
    """The process-wide logger for this ``MASK_AUDIT_*`` configuration (and chain key), built once."""
    audit_settings = settings.audit
    config = "\x00".join(f"{name}={value}" for name, value in sorted(audit_settings))
    if audit_settings.chain:
        kid, key = keyring.audit_key()
        config += f"\x00{kid}\x00{hashlib.sha256(key).hexdigest()}"
    with _shared_lock:
        audit = _shared.get(config)
        if audit is None or audit._closed:
            audit = _shared[config] = AuditLogger(
                sinks_from_settings(settings),
                max_buffer_size=audit_settings.max_buffer_size,
                flush_interval=audit_settings.flush_interval,
                chain_keyring=keyring if audit_settings.chain else None,
            )
        return audit
