"""Keccak-256 (the pre-standard SHA-3 that Ethereum uses), for the EIP-55 address checksum only.

Why by hand: ``hashlib.sha3_256`` is FIPS 202 SHA-3, whose padding differs from Keccak's, so it gives
other digests. The maintained implementations (pycryptodome, or eth-hash with a pycryptodome or pysha3
backend) are compiled dependencies of several megabytes for one checksum over 40 characters, which
the core's small dependency set should not carry. This is the reference permutation (FIPS 202,
section 3) with Keccak's original ``0x01`` padding; tests check it against published vectors and the
EIP-55 examples. It is slow (tens of microseconds per hash) and only runs on mixed-case ``0x``
addresses that the scanner found.
"""

from __future__ import annotations

__all__ = ["keccak256"]

_MASK = (1 << 64) - 1
_RC = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)  # fmt: skip
# Rotation offsets r[x][y] (FIPS 202 table 2), indexed as lanes[x + 5 * y].
_ROT = (0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14)
_RATE = 136  # bytes, for a 256-bit output


def _rotl(v: int, n: int) -> int:
    return ((v << n) | (v >> (64 - n))) & _MASK if n else v


def _permute(a: list[int]) -> None:
    for rc in _RC:
        c = [a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rotl(c[(x + 1) % 5], 1) for x in range(5)]
        a[:] = [a[i] ^ d[i % 5] for i in range(25)]
        b = [0] * 25
        for x in range(5):
            for y in range(5):
                b[y + 5 * ((2 * x + 3 * y) % 5)] = _rotl(a[x + 5 * y], _ROT[x + 5 * y])
        a[:] = [
            b[i] ^ (~b[(i % 5 + 1) % 5 + 5 * (i // 5)] & b[(i % 5 + 2) % 5 + 5 * (i // 5)]) for i in range(25)
        ]
        a[0] ^= rc


def keccak256(data: bytes) -> bytes:
    padded = bytearray(data) + b"\x01" + b"\x00" * ((-len(data) - 1) % _RATE)
    padded[-1] |= 0x80
    state = [0] * 25
    for off in range(0, len(padded), _RATE):
        block = padded[off : off + _RATE]
        for i in range(_RATE // 8):
            state[i] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        _permute(state)
    return b"".join(state[i].to_bytes(8, "little") for i in range(4))
