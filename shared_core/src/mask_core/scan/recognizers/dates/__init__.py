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

import re
from collections.abc import Iterator

from mask_core.scan.gates import AnyOf, Literals, Runs, Words
from mask_core.scan.recognizers.dates.numeric import (
    AMPM_SPELLINGS,
    numeric_dates,
    plausible_date,
    times,
    years,
)
from mask_core.scan.recognizers.dates.periods import GATE_UNIT_KEYS, GATE_UNITS, durations
from mask_core.scan.recognizers.dates.pieces import HAS_YEAR, DateSpan
from mask_core.scan.recognizers.dates.written import CALENDAR_WORDS, GATE_KEYS, GATE_WORDS, written_dates
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["CALENDAR_WORDS", "DateSpan", "DateTimeRecognizer", "find_dates", "plausible_date"]

# What joins two dates that share a year: "28 April and 4 May 1993", "10 May, on 7 July and on ...".
_JOIN = re.compile(r"\s*(?:,|-|–|—|to|and|until|till|through|thru|y|al|hasta)(?:\s*(?:and|on|el))?\s*$")
_OPENER = re.compile(r"(?:between|from|entre|desde|del)\s+$")


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
                and (opener is not None or HAS_YEAR.search(lower, d.start, d.end) is None)
                and HAS_YEAR.search(lower, right.start, right.end) is not None
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
        numeric_dates(view, out)
        years(view, out)
    if not view.words.isdisjoint(GATE_KEYS) and view.mentions(GATE_WORDS):
        written_dates(view, out)
    times(view, out)
    if len(out) > 1:
        out = _joined(view, out)
    if not view.words.isdisjoint(GATE_UNIT_KEYS) and view.mentions(GATE_UNITS):
        durations(view, out)
    return out


class DateTimeRecognizer:
    """``DATE_TIME``: see the module docstring."""

    name = "date_time"
    entity_types: tuple[str, ...] = ("DATE_TIME",)
    shapes = frozenset({"number", "text"})
    max_score = 0.9
    # find_dates needs a digit run, a month or weekday name, a colon or an am/pm marker.
    scan_gate = AnyOf(Runs(4), Words(GATE_WORDS), Words(GATE_UNITS), Literals({":", *AMPM_SPELLINGS}))

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for d in find_dates(view):
            yield Entity("DATE_TIME", d.start, d.end, d.score, text[d.start : d.end], self.name, False)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
