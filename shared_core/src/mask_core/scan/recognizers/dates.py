"""Dates and times (``DATE_TIME``): numeric and written dates, timestamps, times, and years that words
call years.

* **Numeric dates** come from the shared digit runs (``scan/runs.py``): three groups joined by one
  ``/``, ``.`` or ``-`` that make a calendar date (``15/03/2024``, ``03/15/2024``, ``15.03.2024``,
  ``2024-03-15``): a month 1-12 and a day that month has, read day-first or month-first. Two-digit
  years only with ``/`` or zero-padded ``dd.mm.yy`` (``1.12.24`` is a version). A time, ISO 8601
  ``T``, fraction and zone that follow are part of the finding (``2024-03-15T10:42:00.5+02:00``).
* **Written dates**, English and Spanish month names and abbreviations, with weekdays, ordinals and
  day ranges: ``12 November 2002``, ``November 12, 2002``, ``Nov. 12``, ``July 2000``,
  ``12 de noviembre de 2002``, ``Monday, 12 November``, ``14 and 27 July 1999``. An English weekday
  (capitalised) is a date on its own; a month name alone only after a word such as "in" or "since".
  "May" and "March" must be capitalised.
* **Times**: ``10:22``, ``10:22:33``, ``9 a.m.``, ``18.45 p.m.``, ``9pm``, with a zone if one follows.
  A colon run that continues (``00:11:22:33``: a MAC address) is not a time.
* **Durations**: a count and a unit of time, in digits or words: ``14 years``, ``three months``,
  ``four and a half months``, ``one year and four months``, ``a ten-year period``. A sentence, a
  deadline or a residence period pins a person down as well as a date does (court records and
  medical notes are full of them); the unit must be a calendar one (days to centuries), so
  ``30 seconds`` and ``5 minutes`` are not findings.
* **Ranges and lists** that share a year become one finding: ``28 April and 4 May 1993``,
  ``between 15 March 1985 and 10 March 1989``, ``10 May, 7 July and 26 September 1994``,
  ``in 1994, 1995 and 1997``.
* **Years**: a four-digit year 1900-2099 only where the word before it says it is one (``in 1949``,
  ``born in``, ``since``, ``until``, ``the year``, ``desde``, ...), and not when a unit follows
  (``in 2048 bytes``); ranges ``between 1980 and 1981``; decades ``1990s``.

Every finding is unvalidated (no checksum) and ``DATE_TIME`` is reported, not tokenized, by default
(``Scanner.report_only``). :func:`find_dates` is shared with the date-of-birth recognizer
(``documents.py``), which finds the same spans where birth words are near.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from typing import NamedTuple

from mask_core.scan.gates import AnyOf, Literals, Runs, Words
from mask_core.scan.view import ScanView, class_string, word_gate
from mask_core.types import Entity

__all__ = ["CALENDAR_WORDS", "DateSpan", "DateTimeRecognizer", "find_dates", "plausible_date"]


class DateSpan(NamedTuple):
    start: int
    end: int
    score: float
    kind: str  # "date" (a day, a month or a weekday, maybe with a time), "time", "year" or "duration"


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
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9])"
_WEEKDAY = rf"(?:{_alternation(_WEEKDAYS)}|(?:{_alternation(_WEEKDAY_ABBREVIATIONS)})\.?)(?![a-z])"
_WEEKDAY_FULL = rf"(?:{_alternation(_WEEKDAYS)})(?![a-z])"
_RANGE = r"\s*(?:-|–|—|to|and|&|through|thru|until|till|y|al|a)\s*"
_TIME = (
    r"(?:[01]?[0-9]|2[0-4])[:.h][0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?(?:\s?[ap]\.?\s?m\.?(?![a-z]))?"
    r"|(?:[01]?[0-9]|2[0-3])\s?[ap]\.?\s?m\.?(?![a-z])"
)
_ZONE = (
    r"(?:z|[+-](?:[01][0-9]|2[0-4]):?[0-5][0-9]"
    r"|\s?(?:utc|gmt|[ecmpah][sd]t|cest?|bst|ist|jst|aest|aedt|msk)(?:[+-][0-9]{1,2}(?::?[0-5][0-9])?)?)(?![a-z0-9])"
)
# What may follow a date: a time ("T10:42", " 10:42", ", at 9 a.m.", " a las 10:30") and its zone.
_TIME_TAIL = re.compile(rf"(?:t|,?\s(?:at\s|a\s+las\s|um\s|à\s|@\s?)?)(?:{_TIME})(?:{_ZONE})?")
# Written dates, on the lowered text (same length as the text).
# Space inside a date: a line break may wrap it, a blank line ends it ("v5.5" above a paragraph that
# starts "October 2027" is no date).
_SP0 = r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?"
_SP1 = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"
_WRITTEN = re.compile(
    rf"(?:{_WEEKDAY},?\s+(?:the\s+|el\s+)?)?(?:"
    rf"{_DAY}(?:{_RANGE}{_DAY})?{_SP0}(?:of\s+|de\s+)?{_month('m1')}(?:,?{_SP0}(?:de\s+|del\s+)?{_YEAR})?"
    rf"|{_month('m2')}{_SP0}(?:the\s+)?{_DAY}(?:{_RANGE}{_DAY})?(?:,?{_SP1}(?:de\s+)?{_YEAR})?"
    rf"|{_month('m3')},?{_SP1}(?:of\s+|de\s+|del\s+)?{_YEAR}"
    r")"
)
_HAS_YEAR = re.compile(r"[0-9]{4}")
# A weekday or a month name standing alone, after the words that make it a date.
_ALONE = re.compile(
    rf"(?:(?:on|by|until|till|next|last|this|every|el|los|este|próximo|proximo|pasado|cada|del)\s+{_WEEKDAY_FULL}"
    rf"|(?:in|since|until|till|during|by|from|before|after|early|late|mid-?|last|next|this|en|desde|hasta)"
    rf"\s+{_MONTH2})"
)
_ENGLISH_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![a-z])")
# Times: a colon and two digits; the hour is read backwards from the colon.
_COLON = re.compile(r":[0-5][0-9]")
_CLOCK = re.compile(rf"(?::[0-5][0-9](?:[.,][0-9]{{1,9}})?)?(?:\s?[ap]\.?\s?m\.?(?![a-z]))?(?:{_ZONE})?")
_AMPM = re.compile(r"[0-9]{1,2}(?:[:.][0-5][0-9])?\s?[ap]\.?\s?m\.?(?![a-z])")
_CLOCK_BEFORE = re.compile(r"[0-9]{1,2}(?:[:.][0-9]{2})?$")
# The lowered text with digits as "0" (one byte per character, non-ASCII as "?"), where an am/pm time
# is a digit and a marker ("9am", "9 a.m.", "18.45 p.m." ends "0 p.m"): a literal-led search.
_digit_classes = class_string(bytes(48 if 48 <= b <= 57 else b for b in range(256)))
_AMPM_CLASS = re.compile(rb"0 ?[ap]\.?m")  # a digit and a marker: "9am", "9 a.m", "45 p.m"
# A year: the words before it that make it one, and the units after it that make it a quantity.
_YEAR_WORDS = frozenset(
    {"in", "since", "until", "till", "by", "from", "during", "before", "after", "circa", "around", "year",
     "born", "between", "early", "late", "mid", "en", "desde", "hasta", "año", "entre", "durante", "fiscal",
     "fy", "c."}
)  # fmt: skip
# Words after which "of" makes the next number a year ("end of 2019", "class of 1999"), and
# "de" ("antes de 1990", "después de 2001").
_OF_WORDS = frozenset({"end", "start", "beginning", "summer", "winter", "spring", "autumn", "fall", "class"})
_DE_WORDS = frozenset({"antes", "después", "despues"})
# Words that may stand between the year word and the year ("in the year 2000", "el año 2000").
_FILLERS = frozenset({"the", "year", "early", "late", "mid", "el", "año"})
_UNIT_AFTER = re.compile(
    r"\s*(?:[a-z]*bytes?|[kmgt]i?b|ms|s|secs?|seconds?|px|pt|rows?|records?|items?|entries|lines?|users?"
    r"|requests?|calls?|times|files?|tokens?|words?|chars?|characters?|steps?|iterations?|epochs?|units?"
    r"|dollars?|usd|eur|euros?|points?|[kmg]?hz|rpm|[kmc]?m|kg|g|lbs?|mi|ft|x|%|€|\$)(?![a-z])"
)
_YEAR_RANGE = re.compile(
    rf"(?:\s*,\s*{_YEAR})*\s*(?:and|to|-|–|—|y|a|al|until|till|through|thru|hasta)\s*{_YEAR}"
)
_RANGE_START = re.compile(r"(?:between|from|entre|desde|de)\s+$")

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
_GATE_UNITS = word_gate(_UNITS)
_GATE_UNIT_KEYS = _GATE_UNITS.keys or frozenset()
# Each unit word under the key the gate holds for it (its longest ASCII word: "as" for "días").
_UNITS_BY_KEY: dict[bytes, tuple[str, ...]] = {}
for _unit in _UNITS:
    _key = max(word_gate((_unit,)).keys or (b"",), key=len)
    _UNITS_BY_KEY[_key] = (*_UNITS_BY_KEY.get(_key, ()), _unit)
# What joins two dates that share a year: "28 April and 4 May 1993", "10 May, on 7 July and on ...".
_JOIN = re.compile(r"\s*(?:,|-|–|—|to|and|until|till|through|thru|y|al|hasta)(?:\s*(?:and|on|el))?\s*$")
_OPENER = re.compile(r"(?:between|from|entre|desde|del)\s+$")

_GATE_WORDS = word_gate(_MONTHS + _MONTH_ABBREVIATIONS + _WEEKDAYS + _WEEKDAY_ABBREVIATIONS)
_GATE_KEYS = _GATE_WORDS.keys or frozenset()
_AMPM_LITERALS = ("am", "pm", "a.m", "p.m")
# Every spelling whose lowered form is one of _AMPM_LITERALS (the gate reads the text as written).
_AMPM_SPELLINGS = frozenset(a + sep + m for a in "aApP" for m in "mM" for sep in ("", "."))


def plausible_date(year: int, month: int, day: int) -> bool:
    """A month 1-12 and a day that month has in that year."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _numeric(a: str, b: str, c: str, sep: str) -> bool:
    """Whether three digit groups joined by ``sep`` are a calendar date."""
    if len(a) == 4:
        return len(b) <= 2 and len(c) <= 2 and plausible_date(int(a), int(b), int(c))
    if len(a) > 2 or len(b) > 2:
        return False
    if len(c) == 4:
        year = int(c)
    elif len(c) == 2 and (sep == "/" or (sep == "." and len(a) == len(b) == 2)):
        year = 2000 + int(c)
    else:
        return False
    x, y = int(a), int(b)
    return plausible_date(year, y, x) or plausible_date(year, x, y)


def _numeric_dates(view: ScanView, out: list[DateSpan]) -> None:
    text, lower = view.text, view.lower
    for run in view.runs:
        groups = run.groups
        if len(groups) < 3:  # most runs: one number, or two groups
            continue
        start, end = groups[0][0], groups[-1][1]
        if (
            text.find("/", start, end) < 0
            and text.find(".", start, end) < 0
            and text.find("-", start, end) < 0
        ):
            continue  # groups joined by spaces and brackets only: a card, a phone, a table row
        i, n = 0, len(groups)
        while i + 2 < n:
            (s0, e0), (s1, e1), (s2, e2) = groups[i], groups[i + 1], groups[i + 2]
            sep = text[e0:s1]
            if (
                sep in ("/", ".", "-")
                and text[e1:s2] == sep
                and _numeric(text[s0:e0], text[s1:e1], text[s2:e2], sep)
            ):
                tail = _TIME_TAIL.match(lower, e2)
                end = tail.end() if tail is not None else e2
                if view.boundary_before(s0, ".-/:") and view.boundary_after(end, ".-/:"):
                    out.append(DateSpan(s0, end, 0.9 if tail is not None else 0.85, "date"))
                    i += 3
                    continue
            i += 1


def _written_dates(view: ScanView, out: list[DateSpan]) -> None:
    text, lower = view.text, view.lower
    pos = 0
    while (m := _WRITTEN.search(lower, pos)) is not None:
        start, end = m.span()
        group = "m1" if m.group("m1") else "m2" if m.group("m2") else "m3"
        ok = view.boundary_before(start)
        if ok and m.group(group).rstrip(".") in _AMBIGUOUS:
            # "you may 2 ...": an English word, unless written as a name or with a year.
            at = m.start(group)
            ok = text[at].isupper() or _HAS_YEAR.search(lower, start, end) is not None
        if not ok:
            pos = start + 1
            continue
        tail = _TIME_TAIL.match(lower, end)
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


def _times(view: ScanView, out: list[DateSpan]) -> None:
    text, lower = view.text, view.lower
    taken = -1
    if view.has(":"):
        for m in _COLON.finditer(text):
            colon = m.start()
            if colon < taken:
                continue
            hour = colon
            while hour > 0 and colon - hour < 2 and text[hour - 1].isdigit():
                hour -= 1
            if hour == colon or int(text[hour:colon]) > 24 or not view.boundary_before(hour, ".:/"):
                continue
            end = _CLOCK.match(lower, m.end()).end()  # type: ignore[union-attr]  # every part is optional
            if end < len(text) and (text[end] == ":" or text[end].isalnum()):
                continue  # 00:11:22:33 (a MAC address), 12:34abc
            taken = end
            out.append(DateSpan(hour, end, 0.7, "time"))
    # "9 a.m.", "18.45 p.m.", "9pm": only where a digit is right before the marker (a digit class
    # string, searched for a handful of literals: a pattern starting at a digit would be tried at every
    # digit of the text).
    if not view.has_lower(_AMPM_LITERALS):
        return
    for marker in _AMPM_CLASS.finditer(_digit_classes(lower)):
        pos = marker.start()
        clock = _CLOCK_BEFORE.search(lower, max(0, pos - 5), pos + 1)  # "18.45", "9", "10:30"
        start = clock.start() if clock is not None else pos
        hit = _AMPM.match(lower, start)
        if hit is not None and view.boundary_before(start, ".:"):
            out.append(DateSpan(start, hit.end(), 0.7, "time"))


def _years(view: ScanView, out: list[DateSpan]) -> None:
    text, lower = view.text, view.lower
    for run in view.runs:
        digits = run.digits
        if "19" not in digits and "20" not in digits:  # no group can be a year 1900-2099
            continue
        groups = run.groups
        for k, (s, e) in enumerate(groups):
            if e - s != 4 or text[s] not in "12":
                continue
            year = int(text[s:e])
            if not 1900 <= year <= 2099:
                continue
            # A group of its own: alone in its run, or apart from its neighbours by spaces only.
            if (k and not text[groups[k - 1][1] : s].isspace()) or (
                k + 1 < len(groups) and not text[e : groups[k + 1][0]].isspace()
            ):
                continue
            if not view.boundary_before(s, "$€£#.-/:"):
                continue
            if e < len(text) and text[e] == "s" and year % 10 == 0 and view.boundary_after(e + 1):
                out.append(DateSpan(s, e + 1, 0.6, "year"))  # the 1990s
                continue
            if not view.boundary_after(e, ".-/:") or _UNIT_AFTER.match(lower, e) is not None:
                continue
            before = lower[max(0, s - 32) : s]
            if not _year_words_before(before):
                continue
            start, end = s, e
            more = _YEAR_RANGE.match(lower, e)
            if more is not None:
                end = more.end()
                opener = _RANGE_START.search(before)
                if opener is not None:
                    start = s - (len(before) - opener.start())
            out.append(DateSpan(start, end, 0.6, "year"))


def _year_words_before(before: str) -> bool:
    """Whether the words just before a number make it a year ("in", "since", "the end of", ...)."""
    words = before.replace("-", " ").split()[-4:]
    while words and words[-1] in _FILLERS and len(words) > 1:
        if words[-1] in _YEAR_WORDS:
            return True
        words.pop()
    if not words:
        return False
    last = words[-1]
    if last in _YEAR_WORDS:
        return True
    previous = words[-2] if len(words) > 1 else ""
    return (last == "of" and previous in _OF_WORDS) or (last == "de" and previous in _DE_WORDS)


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


def _durations(view: ScanView, out: list[DateSpan]) -> None:
    lower = view.lower
    found: list[tuple[int, int]] = []
    for key in view.words & _GATE_UNIT_KEYS:
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


def _joined(view: ScanView, spans: list[DateSpan]) -> list[DateSpan]:
    """Dates that share a year joined into one finding, with the "between" or "from" that opens them.

    Only where the first date lacks a year of its own ("28 April and 4 May 1993"): it is not a date
    without the second one. "between 15 March 1985 and 10 March 1989" is one finding too, since the
    opener makes the pair a single period.
    """
    # Right to left: the date that carries the year takes in the ones before it.
    dates = sorted((d for d in spans if d.kind in ("date", "year")), key=lambda d: (d.end, d.start))
    if len(dates) < 2:
        return spans
    lower = view.lower
    merged: list[DateSpan] = []
    for d in reversed(dates):
        if merged:
            right = merged[-1]
            if d.end > right.start:  # overlapping: keep the wider start
                merged[-1] = right._replace(start=min(d.start, right.start))
                continue
            gap = lower[d.end : right.start]
            opener = _OPENER.search(lower, max(0, d.start - 10), d.start)
            if (
                len(gap) <= 12
                and _JOIN.fullmatch(gap) is not None
                and (opener is not None or _HAS_YEAR.search(lower, d.start, d.end) is None)
                and _HAS_YEAR.search(lower, right.start, right.end) is not None
            ):
                start = opener.start() if opener is not None else d.start
                merged[-1] = DateSpan(start, right.end, max(d.score, right.score), right.kind)
                continue
        merged.append(d)
    return merged + [d for d in spans if d.kind not in ("date", "year")]


def find_dates(view: ScanView) -> list[DateSpan]:
    """Every date, time, keyword year and duration in the view, in no set order (a time or a duration
    may overlap a date)."""
    out: list[DateSpan] = []
    if view.runs:
        _numeric_dates(view, out)
        _years(view, out)
    if not view.words.isdisjoint(_GATE_KEYS) and view.mentions(_GATE_WORDS):
        _written_dates(view, out)
    _times(view, out)
    if len(out) > 1:
        out = _joined(view, out)
    if not view.words.isdisjoint(_GATE_UNIT_KEYS) and view.mentions(_GATE_UNITS):
        _durations(view, out)
    return out


class DateTimeRecognizer:
    """``DATE_TIME``: see the module docstring."""

    name = "date_time"
    entity_types: tuple[str, ...] = ("DATE_TIME",)
    shapes = frozenset({"number", "text"})
    max_score = 0.9
    # find_dates needs a digit run, a month or weekday name, a colon or an am/pm marker.
    scan_gate = AnyOf(Runs(4), Words(_GATE_WORDS), Words(_GATE_UNITS), Literals({":", *_AMPM_SPELLINGS}))

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for d in find_dates(view):
            yield Entity("DATE_TIME", d.start, d.end, d.score, text[d.start : d.end], self.name, False)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
