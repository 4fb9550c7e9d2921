"""Words of a text as the context regexes see them, and word gates: a cheap necessary condition for a
phrase to occur as whole words (``ScanView.words``, ``ScanView.mentions``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["WordGate", "fold_lower", "key_words", "split_words", "word_gate"]


# The only non-ASCII characters ``re.IGNORECASE`` equates with an ASCII letter whose ``str.lower``
# does not give that letter ("BİRTH".lower() is "bi̇rth", yet the regex "birth" matches it): found by
# testing every code point against [a-z]. Folding them keeps the word gates as wide as the regexes.
_REGEX_CASE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_lower(text: str) -> str:
    """``text`` lowered so that a word ``re.IGNORECASE`` finds in it is a substring here too."""
    return text.lower() if text.isascii() else text.translate(_REGEX_CASE_FOLDS).lower()


def key_words(key: str) -> str:
    """A JSON key as words: ``passportNo`` / ``passport_no`` / ``passport-no`` -> ``passport no``."""
    return _CAMEL.sub(r"\1 \2", key).replace("_", " ").replace("-", " ").replace(".", " ").lower()


# Words are runs of [a-z0-9], as the context regexes' boundaries ``(?<![a-z0-9])`` see them; every
# other byte (UTF-8 continuation bytes included) separates. bytes.translate runs at C speed: splitting
# 1 KB this way takes about a third of the time of a regex findall, and far less than checking each
# context phrase as a substring.
_WORD_BYTES = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else 32 for b in range(256))
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


class WordGate(NamedTuple):
    """Per phrase, the words it is made of and, for a phrase of several words, its lowered text;
    ``keys``: one word of each phrase (the longest), or None when a phrase has no word (the gate is
    then always open)."""

    phrases: tuple[tuple[frozenset[bytes], str | None], ...]
    keys: frozenset[bytes] | None


def split_words(folded: str) -> list[bytes]:
    """The words of a folded text (``fold_lower``): its runs of ASCII letters and digits."""
    return folded.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()


def _words_of(text: str) -> list[bytes]:
    return split_words(fold_lower(text))


def word_gate(phrases: Iterable[str]) -> WordGate:
    """A cheap necessary condition for any of ``phrases`` to occur as whole words (``ScanView.mentions``).

    If a case-insensitive whole-word regex of a phrase matches a text (or its key read as words), the
    phrase's words are all among the view's ``words``, and the lowered phrase is a substring of the
    lowered text (or key); so a gate that stays shut proves the regex would find nothing. The words
    are tested first (set operations); the substring only for a phrase of several words whose words
    are all there ("record" and "no" both occur in far more texts than "record no"). A phrase that
    holds another one, words and text, adds nothing and is dropped.
    """
    entries = sorted({(frozenset(_words_of(p)), fold_lower(p)) for p in phrases}, key=lambda e: len(e[1]))
    minimal = [e for i, e in enumerate(entries) if not any(w <= e[0] and t in e[1] for w, t in entries[:i])]
    out = tuple((w, t if len(w) > 1 else None) for w, t in minimal)
    if any(not w for w, _ in minimal):
        return WordGate(out, None)
    return WordGate(out, frozenset(max(w, key=lambda x: (len(x), x)) for w, _ in minimal))
