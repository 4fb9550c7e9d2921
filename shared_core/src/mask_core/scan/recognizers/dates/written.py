"""Dates written in words: English and Spanish month and weekday names, with days, years, ordinals
and day ranges, and a weekday or a month name standing alone where the words before it make it a
date."""

from __future__ import annotations

import re

from mask_core.scan.recognizers.dates.pieces import HAS_YEAR, TIME_TAIL, YEAR, DateSpan
from mask_core.scan.view import ScanView, word_gate

__all__ = ["CALENDAR_WORDS", "GATE_KEYS", "GATE_WORDS", "written_dates"]

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
_MONTH_ABBREVIATIONS = (
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ene", "abr",
    "ago", "set", "dic",
)  # fmt: skip
_WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunes", "martes",
    "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
)  # fmt: skip
_WEEKDAY_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
#: Month and weekday names in lower case (English and Spanish): words that follow a name without being
#: part of it ("Kenny Monday").
CALENDAR_WORDS = frozenset(_MONTHS + _WEEKDAYS)
# English month names that are also ordinary words: only capitalised ("you may", "a march").
_AMBIGUOUS = frozenset({"may", "march", "mar", "sun", "sat", "wed", "set"})


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# A full name, or an abbreviation with its optional full stop ("Nov. 12"; not "in July." at a
# sentence's end).
_MONTH_NAMES = rf"(?:{_alternation(_MONTHS)}|(?:{_alternation(_MONTH_ABBREVIATIONS)})\.?)"
_MONTH2 = rf"(?:{_alternation(_MONTHS)})(?![a-z])"


def _month(group: str) -> str:
    return rf"(?P<{group}>{_MONTH_NAMES})(?![a-z])"


_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th|º|°|er)?(?![0-9])"
_WEEKDAY = rf"(?:{_alternation(_WEEKDAYS)}|(?:{_alternation(_WEEKDAY_ABBREVIATIONS)})\.?)(?![a-z])"
_WEEKDAY_FULL = rf"(?:{_alternation(_WEEKDAYS)})(?![a-z])"
_RANGE = r"\s*(?:-|–|—|to|and|&|through|thru|until|till|y|al|a)\s*"
# Written dates, on the lowered text (same length as the text).
# Space inside a date: a line break may wrap it, a blank line ends it ("v5.5" above a paragraph that
# starts "October 2027" is no date).
_SP0 = r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?"
_SP1 = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"
_WRITTEN = re.compile(
    rf"(?:{_WEEKDAY},?\s+(?:the\s+|el\s+)?)?(?:"
    rf"{_DAY}(?:{_RANGE}{_DAY})?{_SP0}(?:of\s+|de\s+)?{_month('m1')}(?:,?{_SP0}(?:de\s+|del\s+)?{YEAR})?"
    rf"|{_month('m2')}{_SP0}(?:the\s+)?{_DAY}(?:{_RANGE}{_DAY})?(?:,?{_SP1}(?:de\s+)?{YEAR})?"
    rf"|{_month('m3')},?{_SP1}(?:of\s+|de\s+|del\s+)?{YEAR}"
    r")"
)
# A weekday or a month name standing alone, after the words that make it a date.
_ALONE = re.compile(
    rf"(?:(?:on|by|until|till|next|last|this|every|el|los|este|próximo|proximo|pasado|cada|del)\s+{_WEEKDAY_FULL}"
    rf"|(?:in|since|until|till|during|by|from|before|after|early|late|mid-?|last|next|this|en|desde|hasta)"
    rf"\s+{_MONTH2})"
)
_ENGLISH_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![a-z])")
GATE_WORDS = word_gate(_MONTHS + _MONTH_ABBREVIATIONS + _WEEKDAYS + _WEEKDAY_ABBREVIATIONS)
GATE_KEYS = GATE_WORDS.keys or frozenset()


def written_dates(view: ScanView, out: list[DateSpan]) -> None:
    text, lower = view.text, view.lower
    pos = 0
    while (m := _WRITTEN.search(lower, pos)) is not None:
        start, end = m.span()
        group = "m1" if m.group("m1") else "m2" if m.group("m2") else "m3"
        ok = view.boundary_before(start)
        if ok and m.group(group).rstrip(".") in _AMBIGUOUS:
            # "you may 2 ...": an English word, unless written as a name or with a year.
            at = m.start(group)
            ok = text[at].isupper() or HAS_YEAR.search(lower, start, end) is not None
        if not ok:
            pos = start + 1
            continue
        tail = TIME_TAIL.match(lower, end)
        if tail is not None:
            end = tail.end()
        out.append(DateSpan(start, end, 0.85, "date"))
        pos = end
    for m in _ALONE.finditer(lower):
        word_at = m.end() - len(m.group().split()[-1])
        if view.boundary_before(m.start()) and (
            text[word_at].isupper() or lower[word_at : m.end()].rstrip(".") not in _AMBIGUOUS
        ):
            out.append(DateSpan(word_at, m.end(), 0.6, "date"))
    for m in _ENGLISH_WEEKDAY.finditer(text):
        if view.boundary_before(m.start()):
            out.append(DateSpan(m.start(), m.end(), 0.6, "date"))
