"""Context words: finding any of a few words or phrases as whole words, case-insensitively, fast.

The obvious regex, ``(?<![a-z0-9])(?:account|iban|bank)(?![a-z0-9])`` with ``re.IGNORECASE``, is
the slowest kind ``re`` can run: a leading look-behind and case-insensitive literals both disable its
C-speed scan for the first character, so it attempts a match at every position (about 40 microseconds
per kilobyte). :class:`ContextWords` finds exactly the same matches with a case-sensitive
``(?:account|iban|bank)(?![a-z0-9])`` over the text folded by :func:`~mask_core.scan.view.fold_lower`
(same length, and every character ``re.IGNORECASE`` equates with a letter of the words is folded onto
it), and checks the look-behind in Python on the few hits: four to ten times faster.

The folding argument holds for words written in ASCII and Latin-1 (``teléfono``, ``número``), which
``tests/test_scan_words.py`` checks against ``re.IGNORECASE`` for every Unicode code point. Words
with any other character (``µ``, which ``re`` equates with Greek mu; Greek or Cyrillic words) use the
plain regex: same answers, its speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from mask_core.scan.view import fold_lower

__all__ = ["ContextWords"]

#: The one Latin-1 character whose ``re.IGNORECASE`` equivalents (Greek mu) ``fold_lower`` keeps apart.
_UNFOLDABLE = frozenset("\u00b5")


def _foldable(word: str) -> bool:
    return all(ord(c) < 256 and c not in _UNFOLDABLE for c in word)


class ContextWords:
    """Any of ``words`` (phrases allowed) as whole words, ignoring case: ``search`` and ``finditer``
    answer exactly as the regex ``(?<![a-z0-9])(?:words)(?![a-z0-9])`` with ``re.IGNORECASE`` would,
    longest word first at each position.

    A match's positions are positions of the text searched (folding keeps its length); its ``group()``
    is the folded text of the word.
    """

    __slots__ = ("_folded", "pattern", "words")

    def __init__(self, words: Sequence[str]) -> None:
        if not words:
            raise ValueError("context words need at least one word")
        self.words = tuple(words)
        lowered = sorted({w.lower() for w in self.words}, key=len, reverse=True)
        self._folded = all(map(_foldable, lowered))
        alternatives = "|".join(re.escape(fold_lower(w) if self._folded else w) for w in lowered)
        if self._folded:
            self.pattern = re.compile(rf"(?:{alternatives})(?![a-z0-9])")
        else:
            self.pattern = re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])", re.IGNORECASE)

    def __repr__(self) -> str:
        return f"ContextWords({list(self.words)!r})"

    def finditer(self, text: str, *, folded: bool = False) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right. ``folded``: ``text`` is already ``fold_lower``-ed
        (``ScanView.lower``), which saves folding it again."""
        if not self._folded:
            yield from self.pattern.finditer(text)
            return
        s = text if folded else fold_lower(text)
        search = self.pattern.search
        pos = 0
        while (m := search(s, pos)) is not None:
            start = m.start()
            # The look-behind, checked on this one hit: folding left only [a-z0-9] to test for.
            before = s[start - 1] if start else " "
            if "a" <= before <= "z" or "0" <= before <= "9":
                pos = start + 1  # the regex would have tried the next position
                continue
            yield m
            pos = m.end()

    def search(self, text: str, *, folded: bool = False) -> re.Match[str] | None:
        """The first match, or None."""
        return next(self.finditer(text, folded=folded), None)
