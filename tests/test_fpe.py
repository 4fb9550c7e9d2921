"""Invariant 9: FF1 matches NIST SP 800-38G's sample vectors both ways, and refuses small domains."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mask_core import InvalidInputError
from mask_core.hazmat import FF1

K128 = bytes.fromhex("2B7E151628AED2A6ABF7158809CF4F3C")
K192 = bytes.fromhex("2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F")
K256 = bytes.fromhex("2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94")
T10 = bytes.fromhex("39383736353433323130")
T11 = bytes.fromhex("3737373770717273373737")
PT36 = "0123456789abcdefghi"

# (sample, key, radix, tweak, plaintext, ciphertext) from NIST's FF1 samples (AES-128/192/256).
SAMPLES = [
    (1, K128, 10, b"", "0123456789", "2433477484"),
    (2, K128, 10, T10, "0123456789", "6124200773"),
    (3, K128, 36, T11, PT36, "a9tv40mll9kdu509eum"),
    (4, K192, 10, b"", "0123456789", "2830668132"),
    (5, K192, 10, T10, "0123456789", "2496655549"),
    (6, K192, 36, T11, PT36, "xbj3kv35jrawxv32ysr"),
    (7, K256, 10, b"", "0123456789", "6657667009"),
    (8, K256, 10, T10, "0123456789", "1001623463"),
    (9, K256, 36, T11, PT36, "xs8a0azh2avyalyzuwd"),
]


@pytest.mark.parametrize(("sample", "key", "radix", "tweak", "pt", "ct"), SAMPLES, ids=lambda v: str(v)[:8])
def test_nist_sample_vectors(sample: int, key: bytes, radix: int, tweak: bytes, pt: str, ct: str) -> None:
    ff1 = FF1(key, radix)
    assert ff1.encrypt(pt, tweak) == ct
    assert ff1.decrypt(ct, tweak) == pt


@given(st.text("0123456789", min_size=6, max_size=40), st.binary(max_size=20))
def test_round_trip(pt: str, tweak: bytes) -> None:
    ff1 = FF1(K128, 10)
    assert ff1.decrypt(ff1.encrypt(pt, tweak), tweak) == pt


def test_domains_below_a_million_are_refused() -> None:
    with pytest.raises(InvalidInputError):
        FF1(K128, 10).encrypt("12345")  # 10^5 values
    with pytest.raises(InvalidInputError):
        FF1(K128, 36).encrypt("abc")  # 36^3 = 46,656 values
    FF1(K128, 36).encrypt("abcd")  # 36^4 = 1,679,616: allowed
    assert "redacted" in repr(FF1(K128))
