"""Tamper-evident audit lines: an HMAC chain keyed from the keyring, and its verifier.

With chaining on (``MASK_AUDIT_CHAIN=true``), each line carries a ``chain`` object::

    "chain": {"id": "<run id>", "seq": 41, "kid": "k1", "prev": "<mac of line 40>", "mac": "<hex>"}

    mac = HMAC-SHA256(k_audit[kid], canonical JSON of the line without chain.mac)
    k_audit[kid] = HKDF(master key kid, info="mask/audit/v1")        (see keys/keyring.py)

Each line's MAC covers the previous line's MAC, so editing, inserting, deleting or reordering any line
breaks verification at that line; only someone holding the master key can forge a chain. Every process
start begins a new chain (new ``id``, ``seq`` 0, ``prev`` all zeros), and a verifier accepts several
chains one after another (restarts, several files in order).

What a chain cannot show on its own: lines cut off at the very end, or a whole run's chain removed.
Ship lines off the host as they are written (stdout to a SIEM) to cover that.

Verify with ``mask audit verify FILE...`` or :func:`verify_chain`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from typing import Any

from mask_core.audit.format import dumps
from mask_core.errors import MaskConfigurationError
from mask_core.keys.keyring import Keyring

__all__ = ["GENESIS", "AuditChain", "ChainVerification", "verify_chain"]

GENESIS = "0" * 64


class AuditChain:
    """Seals records in order. Used by one writer thread only (the audit logger's)."""

    def __init__(self, keyring: Keyring) -> None:
        self.key_id, self._key = keyring.audit_key()
        self.chain_id = secrets.token_hex(8)
        self._seq = 0
        self._prev = GENESIS

    def __repr__(self) -> str:
        return f"AuditChain(id={self.chain_id!r}, kid={self.key_id!r}, seq={self._seq})"

    def seal(self, record: dict[str, Any]) -> str:
        """The line for ``record``, chained to the line before it."""
        record["chain"] = {"id": self.chain_id, "seq": self._seq, "kid": self.key_id, "prev": self._prev}
        mac = hmac.new(self._key, dumps(record).encode("ascii"), hashlib.sha256).hexdigest()
        record["chain"]["mac"] = mac
        self._seq += 1
        self._prev = mac
        return dumps(record)


@dataclasses.dataclass(frozen=True)
class ChainVerification:
    """The verdict on a sequence of lines. ``line`` is 1-based; ``error`` says what broke (no content)."""

    ok: bool
    lines: int
    chains: int
    line: int | None = None
    error: str | None = None


def verify_chain(lines: Iterable[str], keyring: Keyring) -> ChainVerification:
    """Check every line's MAC and its link to the line before. Blank lines are ignored."""
    keys: dict[str, bytes] = {}
    chains = 0
    expect: tuple[str, int, str] | None = None  # (chain id, next seq, prev mac)
    count = 0

    def fail(n: int, why: str) -> ChainVerification:
        return ChainVerification(False, count, chains, n, why)

    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        count += 1
        try:
            record = json.loads(raw)
            chain = record["chain"]
            mac = chain.pop("mac")
            cid, seq, kid, prev = chain["id"], chain["seq"], chain["kid"], chain["prev"]
        except (ValueError, KeyError, TypeError, AttributeError):
            return fail(n, "not a chained audit line")
        if kid not in keys:
            try:
                keys[kid] = keyring.audit_key_for(kid)
            except MaskConfigurationError:
                return fail(n, "signed with a key id that is not in the keyring")
        good = hmac.new(keys[kid], dumps(record).encode("ascii"), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(good, str(mac)):
            return fail(n, "MAC mismatch: the line was altered or not written by Mask")
        if expect is not None and cid == expect[0]:
            if seq != expect[1] or prev != expect[2]:
                return fail(n, "broken link: a line before this one was removed, inserted or reordered")
        elif seq != 0 or prev != GENESIS:
            return fail(n, "a chain starts in the middle: its first lines are missing")
        else:
            chains += 1
        expect = (cid, seq + 1, mac)
    return ChainVerification(True, count, chains)
