"""The scan view of a text: what recognizers and the token finder actually read.

Evasion by look-alike characters is the cheapest attack on a scanner: ``５３６-２２-８７４５`` (full-width
digits) or ``536-22\u200b-8745`` (a zero-width space) are an SSN to a model but not to ``\\d{3}-\\d{2}``.
So scanning reads a normalised copy:

* every Unicode decimal digit (Arabic-Indic, Devanagari, full-width, ...) becomes its ASCII digit;
  full-width ASCII forms become ASCII; Unicode dashes become ``-`` and Unicode spaces a space. These
  are one-to-one replacements (``str.translate`` at C speed), so offsets do not move;
* zero-width characters and soft hyphens are removed, and an offset map sends spans back.

Findings always refer to the *original* text, and what gets tokenized is the original substring, so
the exact input is what the vault stores. Pure-ASCII text (the common case) is returned as is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from mask_core._chars import FOLD, ZERO_WIDTH

__all__ = ["Normalized", "normalize"]

_ZW_RE = re.compile("[" + ZERO_WIDTH + "]")


class Normalized(NamedTuple):
    """``text`` is the scan view; ``removed`` maps its offsets back (None when nothing was removed)."""

    text: str
    original: str
    removed: tuple[int, ...] | None = None  # for each removed char, its index in the scan view

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the scan view back to the original text (inner zero-width chars included)."""
        if self.removed is None:
            return start, end
        r = self.removed
        o_start = start + bisect_right(r, start)
        o_end = end - 1 + bisect_right(r, end - 1) + 1 if end > start else o_start
        return o_start, o_end


def normalize(text: str) -> Normalized:
    if text.isascii():
        return Normalized(text, text)
    folded = text.translate(FOLD)
    if _ZW_RE.search(folded) is None:
        return Normalized(folded, text)
    removed = tuple(m.start() - i for i, m in enumerate(_ZW_RE.finditer(folded)))
    return Normalized(_ZW_RE.sub("", folded), text, removed)
