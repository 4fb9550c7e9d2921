"""Where audit lines go: stdout (for SIEM pipelines), Python logging, a rotating file.

A sink receives *lines* (already JSON, see :mod:`mask_core.audit.format`) in batches from the
:class:`~mask_core.audit.buffer.AuditLogger`'s writer thread, never from the agent's thread, so a slow
disk or a blocked pipe cannot slow a tool call. A sink may raise; the writer counts the failure, logs it
once per burst and keeps feeding the other sinks (the policy is in ``buffer.py``).

Write your own by implementing :class:`LineSink`: ``write(lines)`` and ``close()``.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

__all__ = ["LineSink", "LoggingSink", "RotatingFileSink", "StdoutSink"]


@runtime_checkable
class LineSink(Protocol):
    def write(self, lines: Sequence[str]) -> None:
        """Write each line (no trailing newline included) durably enough for this sink."""

    def close(self) -> None:
        """Flush and release resources."""


class StdoutSink:
    """One JSON object per line on standard output (or ``stream``), flushed after every batch."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = stream

    def write(self, lines: Sequence[str]) -> None:
        stream = self._stream or sys.stdout  # looked up each time: redirections and test capture work
        stream.write("".join(line + "\n" for line in lines))
        stream.flush()

    def close(self) -> None:
        stream = self._stream or sys.stdout
        stream.flush()

    def __repr__(self) -> str:
        return "StdoutSink()"


class LoggingSink:
    """Each line as one log record of ``logger`` (default ``mask.audit``) at ``level``.

    The parsed line is also attached as ``record.mask_audit`` for structured log handlers.
    """

    def __init__(self, logger: str | logging.Logger = "mask.audit", level: int = logging.INFO) -> None:
        self.logger = logging.getLogger(logger) if isinstance(logger, str) else logger
        self.level = level

    def write(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.logger.log(self.level, line, extra={"mask_audit": line})

    def close(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"LoggingSink(logger={self.logger.name!r})"


class _OwnerOnlyRotatingHandler(RotatingFileHandler):
    """The stdlib rotating handler, creating files readable by their owner only, and raising errors
    instead of printing them (so the audit writer can count a failed write)."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return io.TextIOWrapper(
            os.fdopen(fd, "ab"), encoding=self.encoding or "utf-8", errors=self.errors, write_through=True
        )

    def handleError(self, record: logging.LogRecord) -> None:
        raise  # noqa: PLE0704 - re-raise the error being handled (we are inside emit's except block)


class RotatingFileSink:
    """JSON lines appended to ``path``, rotated at ``max_bytes`` keeping ``backups`` old files
    (``audit.log.1`` is the most recent). Files are created mode 0600."""

    def __init__(
        self, path: str | os.PathLike[str], *, max_bytes: int = 10 * 1024 * 1024, backups: int = 5
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handler = _OwnerOnlyRotatingHandler(
            self.path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
        )
        self._handler.setFormatter(logging.Formatter("%(message)s"))

    def write(self, lines: Sequence[str]) -> None:
        for line in lines:
            self._handler.handle(logging.makeLogRecord({"msg": line, "levelno": logging.INFO}))
        if self._handler.stream is not None:
            self._handler.flush()

    def close(self) -> None:
        self._handler.close()

    def __repr__(self) -> str:
        return f"RotatingFileSink(path={str(self.path)!r})"
