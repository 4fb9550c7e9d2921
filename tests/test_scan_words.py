"""Context words (``scan/words.py``): exactly the whole-word, case-insensitive regex, only faster."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient
from mask_core.scan.recognizer import context_regex
from mask_core.scan.view import fold_lower
from mask_core.scan.words import ContextWords


def _reference(words: list[str]) -> re.Pattern[str]:
    """The regex ContextWords stands for."""
    alternatives = "|".join(sorted({re.escape(w.lower()) for w in words}, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])", re.IGNORECASE)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def test_folding_equates_exactly_what_ignorecase_equates_for_every_code_point() -> None:
    # The fast path searches fold_lower(text) case-sensitively for folded words. That is the same
    # search as re.IGNORECASE on the text iff, for every character c and every Latin-1 character L a
    # word may hold: c matches L under IGNORECASE <=> fold_lower(c) == L. And positions must not move.
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    folded = fold_lower(everything)
    assert len(folded) == len(everything)
    latin1 = [chr(i) for i in range(256) if fold_lower(chr(i)) == chr(i) and chr(i) != "\u00b5"]
    # <=: every character that folds onto L matches L
    for c, f in zip(everything, folded, strict=True):
        if f in latin1 and f != c:
            assert re.fullmatch(re.escape(f), c, re.IGNORECASE), hex(ord(c))
    # =>: every character IGNORECASE equates with some such L folds onto it
    any_latin1 = re.compile("[" + "".join(re.escape(c) for c in latin1) + "]", re.IGNORECASE)
    for c in set(any_latin1.findall(everything)):
        for letter in latin1:
            if re.fullmatch(re.escape(letter), c, re.IGNORECASE):
                assert fold_lower(c) == letter, (hex(ord(c)), letter)


_WORDS = ["iban", "account", "bank", "ssn#", "d.o.b", "social security", "teléfono", "número de cuenta"]
_PIECES = st.sampled_from(
    [*_WORDS, "IBAN", "Account", "SOCIAL  SECURITY", "TELÉFONO", "NÚMERO DE CUENTA", "ssn", "SSN#", "D.O.B",
     "x", "9", "_", " ", "-", ":", "\n", "\u0130", "\u0131", "\u017f", "\u212a", "\u00b5", "\u03bc", "é", "É",
     "banks", "mybank", "bank1", "ban", "k", "accounts", "s\u017fn#"]
)  # fmt: skip


@given(text=st.lists(_PIECES, max_size=30).map("".join), words=st.lists(st.sampled_from(_WORDS), min_size=1))
@settings(max_examples=500)
def test_context_words_find_what_the_ignorecase_regex_finds(text: str, words: list[str]) -> None:
    matcher = ContextWords(words)
    expected = _spans(_reference(words).finditer(text))
    assert _spans(matcher.finditer(text)) == expected
    assert _spans(matcher.finditer(fold_lower(text), folded=True)) == expected
    first = matcher.search(text)
    assert (first.span() if first else None) == (expected[0] if expected else None)


@given(text=st.text(max_size=40), words=st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=4))
@settings(max_examples=500)
def test_any_words_in_any_text_match_like_the_regex(text: str, words: list[str]) -> None:
    # Arbitrary words, Greek and µ included: those outside Latin-1 take the regex path, same answers.
    words = [w for w in words if w.lower()]
    if not words:
        return
    assert _spans(ContextWords(words).finditer(text)) == _spans(_reference(words).finditer(text))


def test_words_outside_latin1_use_the_regex_and_still_match_every_case() -> None:
    matcher = ContextWords(["μg", "σκύλος"])
    assert matcher.search("dose: 5 \u00b5G daily")  # µ (micro sign) is Greek mu to re.IGNORECASE
    assert matcher.search("ΣΚΎΛΟΣ")
    assert context_regex(()) is None


def test_a_camel_case_json_key_is_read_as_words_for_the_context_boost(client: MaskClient) -> None:
    # "phoneNumber" holds the context word "phone" only when read as words; a bare ten-digit number
    # scores below the threshold without it.
    assert client.scan("4155552671") == []
    found = client.deep_encode({"phoneNumber": "4155552671", "customer_phone": "4155552671"})
    assert found["phoneNumber"] != "4155552671"
    assert found["customer_phone"] != "4155552671"
