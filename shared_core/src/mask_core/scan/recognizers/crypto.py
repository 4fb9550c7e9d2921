"""Crypto-currency addresses: Bitcoin (base58check and bech32/bech32m) and Ethereum (EIP-55).

* Bitcoin: ``stdnum.bitcoin`` checks the base58check double-SHA-256 checksum of P2PKH/P2SH addresses
  (``1...``, ``3...``) and the bech32 checksum of segwit ones (``bc1...``). A failed checksum is no
  finding.
* Ethereum: ``0x`` and 40 hex digits. A mixed-case address carries the EIP-55 checksum (the case of
  each letter is a bit of the Keccak-256 hash of the lower-case address) and must pass it; an all
  lower- or upper-case address has no checksum to check and scores lower.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import bitcoin

from mask_core.scan._keccak import keccak256
from mask_core.scan.recognizer import context_regex
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["CryptoRecognizer", "eip55_is_valid"]

_B58_RE = re.compile(r"[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![0-9A-Za-z])")
_BECH32_RE = re.compile(r"(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}(?![0-9A-Za-z])")
_ETH_RE = re.compile(r"0x[0-9a-fA-F]{40}(?![0-9A-Za-z])")


def eip55_is_valid(address: str) -> bool:
    """EIP-55: each hex letter is upper case exactly where the hash nibble at its position is >= 8."""
    body = address[2:]
    digest = keccak256(body.lower().encode("ascii")).hex()
    return all(
        (c.isupper() if int(h, 16) >= 8 else c.islower())
        for c, h in zip(body, digest, strict=False)
        if c.isalpha()
    )


class CryptoRecognizer:
    name = "crypto"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("CRYPTO",)
    context = ("bitcoin", "btc", "wallet", "ethereum", "eth", "address", "crypto", "send to")
    context_re = context_regex(context)
    context_boost = 0.2

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        # Every address is one run of ASCII letters and digits (26+ characters for base58, 14+ for
        # bech32, 42 for Ethereum): most texts have no run that long.
        if not view.has_alnum_run(14):
            return
        if view.has_alnum_run(26) and (view.has("1") or view.has("3")):
            for m in _B58_RE.finditer(text):
                if view.boundary_before(m.start()) and bitcoin.is_valid(m.group()):
                    yield Entity("CRYPTO", m.start(), m.end(), 1.0, m.group(), self.name, True)
        if view.has_any(("bc1", "BC1")):
            for m in _BECH32_RE.finditer(text):
                value = m.group()
                if (
                    (value.islower() or value.isupper())
                    and view.boundary_before(m.start())
                    and bitcoin.is_valid(value)
                ):
                    yield Entity("CRYPTO", m.start(), m.end(), 1.0, value, self.name, True)
        if view.has("0x") and view.has_alnum_run(42):
            for m in _ETH_RE.finditer(text):
                value = m.group()
                if not view.boundary_before(m.start()):
                    continue
                body = value[2:]
                if body.islower() or body.isupper() or body.isdigit():
                    yield Entity("CRYPTO", m.start(), m.end(), 0.6, value, self.name, False)
                elif eip55_is_valid(value):
                    yield Entity("CRYPTO", m.start(), m.end(), 1.0, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
