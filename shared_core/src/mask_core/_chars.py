"""Character classes and folding tables shared by the token formats and the scanner.

One place defines which characters count as digits (every Unicode decimal digit), which may separate
the characters of an identifier, and which are invisible. The fold table maps each to its ASCII
counterpart one-for-one, so ``str.translate`` works at C speed and offsets never move.
"""

from __future__ import annotations

import re

__all__ = ["DIGIT_ZEROS", "FOLD", "SEPARATORS", "SEP_CLASS", "ZERO_WIDTH", "fold"]

#: Invisible characters an attacker (or a copy-paste) can slip inside an identifier.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u30fc\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

#: Characters allowed between the characters of an identifier (kept verbatim in its token).
SEPARATORS = frozenset(" -./" + _DASHES + _SPACES + "\uff0e" + ZERO_WIDTH)
#: The same, as the inside of a regex character class.
SEP_CLASS = "".join(re.escape(c) for c in sorted(SEPARATORS))

# First code point of every block of ten Unicode decimal digits (category Nd), Unicode 14.0.
# tests/test_chars.py checks this list against unicodedata of the running Python.
DIGIT_ZEROS = (
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50,
    0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
    0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066,
    0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
    0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
)  # fmt: skip


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for zero in DIGIT_ZEROS[1:]:
        for i in range(10):
            table[zero + i] = 0x30 + i
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII variants
        table.setdefault(cp, cp - 0xFEE0)
    for ch in _DASHES:
        table[ord(ch)] = ord("-")
    for ch in _SPACES:
        table[ord(ch)] = ord(" ")
    return table


#: One-for-one map of look-alike characters to ASCII (digits of every script, full-width forms,
#: Unicode dashes and spaces). Zero-width characters are not in it: they are removed separately.
FOLD = _fold_table()


def fold(text: str) -> str:
    """``text`` with look-alikes mapped to ASCII, one character for one (offsets do not move)."""
    return text if text.isascii() else text.translate(FOLD)
