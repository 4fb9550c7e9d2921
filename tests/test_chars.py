"""The Unicode tables behind normalisation match the running Python's Unicode database."""

from __future__ import annotations

import unicodedata

from mask_core._chars import DIGIT_ZEROS, FOLD, fold
from mask_core.scan.normalize import normalize


def test_digit_table_covers_every_decimal_digit() -> None:
    zeros = [
        cp
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) == "Nd" and unicodedata.decimal(chr(cp)) == 0
    ]
    assert sorted(zeros) == sorted(DIGIT_ZEROS), "update DIGIT_ZEROS for this Unicode version"
    for zero in DIGIT_ZEROS[1:]:
        for i in range(10):
            assert FOLD[zero + i] == ord("0") + i


def test_folding_is_one_for_one() -> None:
    text = "Ｃａｌｌ ５５５–０１２３\u00a0now"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Call 555-0123 now"


def test_zero_width_removal_maps_spans_back() -> None:
    text = "a\u200bb\u200c\u200dc 123"
    norm = normalize(text)
    assert norm.text == "abc 123"
    assert norm.to_original(0, 3) == (0, 6)
    assert norm.to_original(4, 7) == (7, 10)
    assert text[slice(*norm.to_original(1, 2))] == "b"
