"""Dates, times and years in digits: numeric dates read from the shared digit runs, clock and am/pm
times, and four-digit years that the words before them call years."""

from __future__ import annotations

import calendar
import re

from mask_core.scan.recognizers.dates.pieces import TIME_TAIL, YEAR, ZONE, DateSpan
from mask_core.scan.view import ScanView, class_string

__all__ = ["AMPM_SPELLINGS", "numeric_dates", "plausible_date", "times", "years"]

# Times: a colon and two digits; the hour is read backwards from the colon.
_COLON = re.compile(r":[0-5][0-9]")
_CLOCK = re.compile(rf"(?::[0-5][0-9](?:[.,][0-9]{{1,9}})?)?(?:\s?[ap]\.?\s?m\.?(?![a-z]))?(?:{ZONE})?")
_AMPM = re.compile(r"[0-9]{1,2}(?:[:.][0-5][0-9])?\s?[ap]\.?\s?m\.?(?![a-z])")
_CLOCK_BEFORE = re.compile(r"[0-9]{1,2}(?:[:.][0-9]{2})?$")
# The lowered text with digits as "0" (one byte per character, non-ASCII as "?"), where an am/pm time
# is a digit and a marker ("9am", "9 a.m.", "18.45 p.m." ends "0 p.m"): a literal-led search.
_digit_classes = class_string(bytes(48 if 48 <= b <= 57 else b for b in range(256)))
_AMPM_CLASS = re.compile(rb"0 ?[ap]\.?m")  # a digit and a marker: "9am", "9 a.m", "45 p.m"
_AMPM_LITERALS = ("am", "pm", "a.m", "p.m")
# Every spelling whose lowered form is one of _AMPM_LITERALS (the gate reads the text as written).
AMPM_SPELLINGS = frozenset(a + sep + m for a in "aApP" for m in "mM" for sep in ("", "."))
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
    rf"(?:\s*,\s*{YEAR})*\s*(?:and|to|-|–|—|y|a|al|until|till|through|thru|hasta)\s*{YEAR}"
)
_RANGE_START = re.compile(r"(?:between|from|entre|desde|de)\s+$")


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


def numeric_dates(view: ScanView, out: list[DateSpan]) -> None:
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
                tail = TIME_TAIL.match(lower, e2)
                end = tail.end() if tail is not None else e2
                if view.boundary_before(s0, ".-/:") and view.boundary_after(end, ".-/:"):
                    out.append(DateSpan(s0, end, 0.9 if tail is not None else 0.85, "date"))
                    i += 3
                    continue
            i += 1


def times(view: ScanView, out: list[DateSpan]) -> None:
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


def years(view: ScanView, out: list[DateSpan]) -> None:
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
