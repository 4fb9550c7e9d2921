"""Keyed check digits: telling a dead token from a real number of the same shape.

The reserved ranges of the numeric formats (SSN area 9xx, NANP area code N9X, card prefix 0, ABA 5x)
hold no *issued* identifier, but plenty of real data has those shapes: order numbers that start with
9, NANP numbers with made-up area codes in test data and CRM exports (``(299) 414-2231``), ZIP+4
codes, zero-padded ids. Refusing every unknown string of such a shape as "an unknown token" would make
a tool call fail on data Mask never touched.

So each token of these formats carries a few **keyed check digits** (the tag): an HMAC (keyed
BLAKE2b) of the token's other digits, under a key derived from the master key for the whole
deployment (every tenant shares it, so another tenant's token is recognised as a token, and refused,
rather than passed on as data). A dead token-shaped string is refused only when its tag checks out:
a real number passes the check with probability 10^-n. Tags of every key in the keyring are accepted,
so rotation keeps old tokens recognisable.

The price is token space: ``n`` tag digits divide a format's space by 10^n (see ``docs/tokens.md``
for each format's capacity per tenant).
"""

from __future__ import annotations

import hashlib

from mask_core.keys.keyring import Keyring

__all__ = ["TokenTags"]

_PERSON = b"mask.token.tag1"


class TokenTags:
    """The tag digits of a token body under the keyring's keys (primary first)."""

    def __init__(self, keyring: Keyring) -> None:
        self.keyring = keyring
        keys = [keyring.tag_key(kid) for kid in (keyring.primary_id, *keyring.ids)]
        self._states = [hashlib.blake2b(key=k, person=_PERSON, digest_size=16) for k in dict.fromkeys(keys)]

    def digits(self, namespace: str, body: str, n: int, *, which: int = 0) -> str:
        """The ``n`` tag digits of ``body`` (a token's other digits) in ``namespace`` (its format)."""
        h = self._states[which].copy()
        h.update(f"{namespace}\x1f{body}".encode())
        return f"{int.from_bytes(h.digest(), 'big') % 10**n:0{n}d}"

    def valid(self, namespace: str, body: str, tag: str) -> bool:
        """Whether ``tag`` is the tag of ``body`` under any key of the keyring."""
        n = len(tag)
        return any(self.digits(namespace, body, n, which=i) == tag for i in range(len(self._states)))

    @property
    def key_count(self) -> int:
        return len(self._states)
