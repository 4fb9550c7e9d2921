"""A clock you move by hand, so TTL tests never sleep (``cryptography``'s ``encrypt_at_time`` idea)."""

from __future__ import annotations

import threading

__all__ = ["FakeClock"]


class FakeClock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    def __repr__(self) -> str:
        return f"FakeClock(now={self._now})"
