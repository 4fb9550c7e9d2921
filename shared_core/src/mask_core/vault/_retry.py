"""Deadlines, bounded retries with backoff, and error translation for the network vaults.

Every network backend runs each vault call through one :class:`RetryPolicy`:

* ``timeout`` is the budget of one vault call, all attempts included. Each attempt's socket timeout
  is ``timeout / (retries + 1)``, and a retry is started only if its backoff still ends before the
  deadline, so a dead or frozen server turns into :class:`~mask_core.errors.VaultUnavailableError`
  within ``timeout`` (plus scheduling noise), never later.
* A *transient* error (connection refused or reset, timeout, throttling, a cluster fail-over) is
  retried up to ``retries`` times with exponential backoff and full jitter; every other backend error
  is translated at once. Mask's own errors pass through untouched. An exception the backend's
  classifier does not know (a client library failing on a reply it cannot parse, say) becomes a
  :class:`~mask_core.errors.VaultUnavailableError` too, not retried: the caller always gets a
  ``MaskError`` and nothing was encoded or decoded.
* Messages name the backend, the error class, the attempts and the time spent: never a key or a value.

Why not each client's own retry settings: redis-py, pymemcache and botocore each count attempts
differently and none of them bounds the total time of a call, which is what fail-shut needs. Their own
retries are switched off and this one policy applies to all three.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from mask_core.errors import MaskConfigurationError, MaskError, VaultUnavailableError

__all__ = ["Classifier", "RetryPolicy"]

T = TypeVar("T")
logger = logging.getLogger("mask_core.vault")

#: Decides what a backend exception means: True (transient: retry), a MaskError to raise instead
#: (not retried), or None (unknown: raised as VaultUnavailableError at once, with it as the cause).
Classifier = Callable[[BaseException], "bool | MaskError | None"]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Deadline and retry settings shared by the network vaults (``MASK_VAULT_TIMEOUT`` / ``_RETRIES``)."""

    timeout: float = 2.0
    retries: int = 2
    backoff_base: float = 0.02
    backoff_cap: float = 0.25

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise MaskConfigurationError("vault timeout must be a positive number of seconds")
        if not 0 <= self.retries <= 10:
            raise MaskConfigurationError("vault retries must be between 0 and 10")

    @property
    def attempt_timeout(self) -> float:
        """Socket (connect and read) timeout of one attempt."""
        return self.timeout / (self.retries + 1)

    def _backoff(self, attempt: int) -> float:
        # Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): spreads the retries of
        # many pods hitting one recovering server.
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * 2**attempt))  # noqa: S311

    def _verdict(
        self, exc: BaseException, classify: Classifier, backend: str, attempt: int, started: float
    ) -> tuple[MaskError | None, float]:
        """(error to raise, or None to retry after the returned delay)."""
        if isinstance(exc, MaskError):
            return exc, 0.0
        kind = classify(exc)
        if kind is None:
            return (
                VaultUnavailableError(
                    f"{backend} vault client failed: {type(exc).__name__}, not retried; "
                    "nothing was encoded or decoded"
                ),
                0.0,
            )
        if isinstance(kind, MaskError):
            return kind, 0.0
        delay = self._backoff(attempt)
        now = time.monotonic()
        if attempt < self.retries and now + delay < started + self.timeout:
            logger.info(
                "%s vault: transient %s, retry %d of %d",
                backend,
                type(exc).__name__,
                attempt + 1,
                self.retries,
            )
            return None, delay
        elapsed = now - started
        return (
            VaultUnavailableError(
                f"{backend} vault unavailable: {type(exc).__name__} after {attempt + 1} attempt(s) in "
                f"{elapsed:.2f}s (MASK_VAULT_TIMEOUT={self.timeout:g}s); nothing was encoded or decoded"
            ),
            0.0,
        )

    def call(self, fn: Callable[[], T], *, backend: str, classify: Classifier) -> T:
        """Run ``fn`` until it succeeds, a non-transient error occurs, or the budget is spent."""
        started = time.monotonic()
        attempt = 0
        while True:
            try:
                return fn()
            except Exception as exc:
                error, delay = self._verdict(exc, classify, backend, attempt, started)
                if error is not None:
                    if error is exc:
                        raise
                    raise error from exc
            time.sleep(delay)
            attempt += 1

    async def acall(self, fn: Callable[[], Awaitable[T]], *, backend: str, classify: Classifier) -> T:
        """The async twin of :meth:`call`; each attempt is also cut off at the deadline."""
        started = time.monotonic()
        attempt = 0
        while True:
            remaining = started + self.timeout - time.monotonic()
            try:
                async with asyncio.timeout(max(remaining, 0.001)):
                    return await fn()
            except Exception as exc:
                error, delay = self._verdict(exc, classify, backend, attempt, started)
                if error is not None:
                    if error is exc:
                        raise
                    raise error from exc
            await asyncio.sleep(delay)
            attempt += 1
