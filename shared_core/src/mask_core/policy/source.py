"""Where the active policy comes from, and how it is replaced without dropping a request.

:class:`PolicyFile` holds the compiled policy of one file and reloads it when the file changes:

* The first load happens in the constructor and raises :class:`~mask_core.errors.PolicyError` if the
  file is invalid: a service does not start on a bad policy.
* A reload reads and validates the new text completely, then swaps one reference. Requests in flight
  keep the policy they started with; the next request sees the new one. There is no lock on the read
  path: reading an attribute is atomic in Python, and a :class:`Policy` is never mutated.
* A reload that fails (invalid YAML, a half-written file, a typo) keeps the last good policy, records
  the error in :attr:`PolicyFile.error` (the console shows it) and logs it: a typo in production
  must not take the firewall down, and must not be silent either.
* :meth:`PolicyFile.start` runs a daemon thread that checks the file's ``stat`` every ``interval``
  seconds (no extra dependency; editors that replace the file and editors that rewrite it in place are
  both seen, because the check compares inode, size and modification time, then the content digest).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Protocol, Self, runtime_checkable

from mask_core.errors import PolicyError
from mask_core.policy.compiled import Policy
from mask_core.policy.loader import read_policy_file

__all__ = ["PolicyFile", "PolicySource", "StaticPolicy"]

logger = logging.getLogger("mask_core.policy")


@runtime_checkable
class PolicySource(Protocol):
    """Anything with a current :class:`Policy` (read once per request)."""

    @property
    def policy(self) -> Policy: ...


class StaticPolicy:
    """A policy that never changes (built in code, or the default)."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self.error: PolicyError | None = None

    @property
    def policy(self) -> Policy:
        return self._policy

    def __repr__(self) -> str:
        return f"StaticPolicy({self._policy!r})"


class PolicyFile:
    """The policy in a YAML file, reloaded when the file changes (see the module docstring)."""

    def __init__(self, path: str | Path, *, interval: float = 1.0) -> None:
        self.path = Path(path)
        self.interval = interval
        self._lock = threading.Lock()  # serialises reloads, never held by readers
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._stat: tuple[int, int, int] | None = None
        self._digest = ""
        #: The last reload error, or None when the file on disk is the active policy.
        self.error: PolicyError | None = None
        self.reloads = 0
        self.failed_reloads = 0
        self._policy = self._read()

    def __repr__(self) -> str:
        return f"PolicyFile({str(self.path)!r}, digest={self._policy.digest!r})"

    @property
    def policy(self) -> Policy:
        return self._policy

    def _stat_key(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _read(self) -> Policy:
        stat = self._stat_key()
        text, raw = read_policy_file(self.path)
        digest = hashlib.sha256(raw).hexdigest()
        policy = Policy.from_yaml(text, source=str(self.path))
        self._stat, self._digest = stat, digest
        return policy

    def reload(self, *, force: bool = False) -> bool:
        """Re-read the file if it changed; True if a new policy is now active.

        Never raises for a bad file: the error goes to :attr:`error` and the last good policy stays.
        """
        with self._lock:
            stat = self._stat_key()
            if not force and stat is not None and stat == self._stat:
                return False
            try:
                _, raw = read_policy_file(self.path)
                if not force and hashlib.sha256(raw).hexdigest() == self._digest:
                    self._stat = stat
                    self.error = None
                    return False
                policy = self._read()
            except PolicyError as exc:
                self.failed_reloads += 1
                if self.error is None or str(self.error) != str(exc):
                    logger.error("firewall policy not reloaded, the previous one stays active: %s", exc)
                self.error = exc
                self._stat = stat  # do not re-parse the same bad file every interval
                return False
            self._policy = policy  # the swap: one reference assignment
            self.error = None
            self.reloads += 1
            logger.info("firewall policy reloaded from %s (digest %s)", self.path, policy.digest)
            return True

    # -- watching ------------------------------------------------------------------------------------
    def start(self) -> Self:
        """Start the background watcher (idempotent)."""
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._watch, name="mask-policy-watcher", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.reload()
            except Exception:  # the watcher must outlive any surprise; the error is logged
                logger.exception("firewall policy watcher error")

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
