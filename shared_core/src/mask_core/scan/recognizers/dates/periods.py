"""Durations, periods of time: a count and a calendar unit, found from each unit word back to its
count, and the parts of one duration joined by "and" into one span."""

from __future__ import annotations

import re

from mask_core.scan.recognizers.dates.pieces import DateSpan
from mask_core.scan.view import ScanView, word_gate

__all__ = ["GATE_UNITS", "GATE_UNIT_KEYS", "durations"]

# Durations: a count in digits or words, then a calendar unit ("14 years", "a ten-year period",
# "four and a half months", "one year and four months").
_COUNT_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "several", "a", "an",
    "uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "doce",
    "quince", "veinte", "treinta",
)  # fmt: skip
_UNITS = (
    "day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months", "year", "years",
    "decade", "decades", "century", "centuries", "días", "dias", "semana", "semanas", "mes", "meses",
    "año", "años", "decenio", "siglo",
)  # fmt: skip
_COUNTS = frozenset(_COUNT_WORDS)
# A count in digits ("14", "2.5") or two count words joined by a hyphen ("forty-two").
_NUMBER_COUNT = re.compile(r"[0-9]{1,3}(?:[.,][0-9])?")
_QUALIFIERS = frozenset({"business", "working", "calendar", "consecutive", "full", "whole"})
# The words before a unit, read backwards (at most the window's last few words).
_WORDS_BEFORE = re.compile(r"[^\W_]+(?:[.,][0-9])?(?:-[^\W_]+)?")
# What joins the parts of one duration: "three years and nine months", "2 años y 3 meses".
_CHAIN = re.compile(r"[ \t]*(?:,[ \t]*|[ \t]+(?:and|y)[ \t]+)")
GATE_UNITS = word_gate(_UNITS)
GATE_UNIT_KEYS = GATE_UNITS.keys or frozenset()
# Each unit word under the key the gate holds for it (its longest ASCII word: "as" for "días").
_UNITS_BY_KEY: dict[bytes, tuple[str, ...]] = {}
for _unit in _UNITS:
    _key = max(word_gate((_unit,)).keys or (b"",), key=len)
    _UNITS_BY_KEY[_key] = (*_UNITS_BY_KEY.get(_key, ()), _unit)


def _is_count(word: str) -> bool:
    if word in _COUNTS or _NUMBER_COUNT.fullmatch(word) is not None:
        return True
    head, _, tail = word.partition("-")  # "forty-two"
    return bool(tail) and head in _COUNTS and tail in _COUNTS


def _duration_before(lower: str, at: int) -> int:
    """Where the duration whose unit word starts at ``at`` starts, or -1: the words right before the
    unit read backwards (a qualifier, "and a half", the count). Found from each unit word, so a text
    costs a few dictionary lookups per unit word, not a pattern tried at every position."""
    window = lower[max(0, at - 40) : at]
    if window.endswith("-"):  # "a ten-year period"
        window = window[:-1] + " "
    words = [(m.start(), m.group()) for m in _WORDS_BEFORE.finditer(window)]
    if not words or window[words[-1][0] + len(words[-1][1]) :].strip():
        return -1  # something other than a space between the last word and the unit
    k = len(words) - 1
    if words[k][1] in _QUALIFIERS:  # "two business days"
        k -= 1
    if k >= 3 and [w for _, w in words[k - 2 : k + 1]] == ["and", "a", "half"]:  # "four and a half months"
        k -= 3
    if k >= 1 and words[k][1] in ("a", "an") and words[k - 1][1] == "half":  # "half a year"
        k -= 1
    if k < 0 or not (_is_count(words[k][1]) or words[k][1] == "half"):
        return -1
    if words[k][1] in ("a", "an") and not (k and words[k - 1][1] == "half"):
        return -1  # "a year", "a day": a figure of speech far more often than a period
    start = max(0, at - 40) + words[k][0]
    return start if start == 0 or not (lower[start - 1].isalnum() or lower[start - 1] in ".,") else -1


def durations(view: ScanView, out: list[DateSpan]) -> None:
    lower = view.lower
    found: list[tuple[int, int]] = []
    for key in view.words & GATE_UNIT_KEYS:
        for unit in _UNITS_BY_KEY.get(key, ()):
            at = lower.find(unit)
            while at != -1:
                end = at + len(unit)
                alone = (at == 0 or not lower[at - 1].isalnum()) and (
                    end == len(lower) or not lower[end].isalpha()
                )
                if alone:
                    start = _duration_before(lower, at)
                    if start >= 0:
                        found.append((start, end))
                at = lower.find(unit, end)
    found.sort()
    merged: list[list[int]] = []
    for start, end in found:  # "three years" and "nine months" joined by "and": one duration
        if merged and _CHAIN.fullmatch(lower, merged[-1][1], start) is not None:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    for start, end in merged:
        if view.boundary_after(end):
            out.append(DateSpan(start, end, 0.6, "duration"))
