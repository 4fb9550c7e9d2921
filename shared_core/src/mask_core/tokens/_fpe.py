"""FF1 format-preserving encryption (NIST SP 800-38G Rev. 1), hazmat: see ``mask_core.hazmat``.

Mask's own tokens do not use it: they are derived with a keyed PRF and can only be reversed through
the vault (docs/tokens.md explains why). FF1 is here for callers who need vaultless, key-reversible
format-preserving encryption, implemented from the standard and checked against NIST's sample vectors.

Domain rule (SP 800-38G Rev. 1, section 5.2): radix ** minlen >= 1,000,000. Smaller domains can be
enumerated by anyone who sees enough ciphertexts, so they are refused.
"""

from __future__ import annotations

import math
import string

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from mask_core.errors import InvalidInputError, MaskConfigurationError

__all__ = ["FF1", "MIN_DOMAIN"]

MIN_DOMAIN = 1_000_000
_ROUNDS = 10
_ALPHABET = string.digits + string.ascii_lowercase + string.ascii_uppercase


class FF1:
    """FF1 over numeral strings of ``radix`` symbols (``alphabet[:radix]``, 0-9a-zA-Z by default)."""

    def __init__(
        self, key: bytes, radix: int = 10, *, alphabet: str | None = None, maxlen: int = 2**16
    ) -> None:
        if len(key) not in (16, 24, 32):
            raise MaskConfigurationError("FF1 keys are 16, 24 or 32 bytes (AES-128/192/256)")
        if not 2 <= radix <= 2**16:
            raise MaskConfigurationError("FF1 radix must be within [2, 65536]")
        self.alphabet = alphabet if alphabet is not None else _ALPHABET[:radix]
        if len(self.alphabet) != radix or len(set(self.alphabet)) != radix:
            raise MaskConfigurationError("the alphabet must have exactly `radix` distinct symbols")
        self.radix = radix
        self.minlen = max(2, math.ceil(math.log(MIN_DOMAIN) / math.log(radix) - 1e-9))
        self.maxlen = maxlen
        self._index = {c: i for i, c in enumerate(self.alphabet)}
        # ECB on single blocks is how SP 800-38G defines FF1's round function (CIPH_K), not a mode choice.
        self._aes = Cipher(algorithms.AES(key), modes.ECB())  # noqa: S305

    def __repr__(self) -> str:
        return f"FF1(radix={self.radix}, key=<redacted>)"

    def _prf(self, data: bytes) -> bytes:
        enc = self._aes.encryptor()
        y = bytes(16)
        for i in range(0, len(data), 16):
            y = enc.update(bytes(a ^ b for a, b in zip(y, data[i : i + 16], strict=True)))
        return y

    def _num(self, digits: list[int]) -> int:
        n = 0
        for d in digits:
            n = n * self.radix + d
        return n

    def _str(self, n: int, length: int) -> list[int]:
        out = [0] * length
        for i in range(length - 1, -1, -1):
            n, out[i] = divmod(n, self.radix)
        return out

    def _digits(self, text: str) -> list[int]:
        if not isinstance(text, str):
            raise InvalidInputError("FF1 input must be a str of alphabet symbols")
        if not self.minlen <= len(text) <= self.maxlen:
            raise InvalidInputError(
                f"FF1 input length must be within [{self.minlen}, {self.maxlen}] for radix {self.radix}: "
                f"domains smaller than {MIN_DOMAIN:,} are refused"
            )
        try:
            return [self._index[c] for c in text]
        except KeyError:
            raise InvalidInputError("FF1 input holds a symbol outside the alphabet") from None

    def _rounds(self, x: list[int], tweak: bytes, decrypt: bool) -> list[int]:
        """SP 800-38G Algorithms 7 (encrypt) and 8 (decrypt), step by step."""
        radix, n, t = self.radix, len(x), len(tweak)
        u, v = n // 2, n - n // 2
        a, b = x[:u], x[u:]
        bb = math.ceil(math.ceil(v * math.log2(radix)) / 8)
        d = 4 * math.ceil(bb / 4) + 4
        p = bytes([1, 2, 1]) + radix.to_bytes(3, "big") + bytes([10, u % 256]) + n.to_bytes(4, "big")
        p += t.to_bytes(4, "big")
        pad = bytes((-t - bb - 1) % 16)
        enc = self._aes.encryptor()
        for i in range(_ROUNDS - 1, -1, -1) if decrypt else range(_ROUNDS):
            q = tweak + pad + bytes([i]) + self._num(a if decrypt else b).to_bytes(bb, "big")
            r = self._prf(p + q)
            s = r
            j = 1
            while len(s) < d:
                s += enc.update(bytes(x ^ y for x, y in zip(r, j.to_bytes(16, "big"), strict=True)))
                j += 1
            y = int.from_bytes(s[:d], "big")
            m = u if i % 2 == 0 else v
            if decrypt:
                c = (self._num(b) - y) % radix**m
                a, b = self._str(c, m), a
            else:
                c = (self._num(a) + y) % radix**m
                a, b = b, self._str(c, m)
        return a + b

    def encrypt(self, plaintext: str, tweak: bytes = b"") -> str:
        return "".join(self.alphabet[i] for i in self._rounds(self._digits(plaintext), tweak, False))

    def decrypt(self, ciphertext: str, tweak: bytes = b"") -> str:
        return "".join(self.alphabet[i] for i in self._rounds(self._digits(ciphertext), tweak, True))
