"""What the date finders share: the span each returns (:class:`DateSpan`), and the pattern pieces
more than one of them reads (a year, a time zone, the time that may follow a date)."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["HAS_YEAR", "TIME_TAIL", "YEAR", "ZONE", "DateSpan"]


class DateSpan(NamedTuple):
    start: int
    end: int
    score: float
    kind: str  # "date" (a day, a month or a weekday, maybe with a time), "time", "year" or "duration"


YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9])"
_TIME = (
    r"(?:[01]?[0-9]|2[0-4])[:.h][0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?(?:\s?[ap]\.?\s?m\.?(?![a-z]))?"
    r"|(?:[01]?[0-9]|2[0-3])\s?[ap]\.?\s?m\.?(?![a-z])"
)
ZONE = (
    r"(?:z|[+-](?:[01][0-9]|2[0-4]):?[0-5][0-9]"
    r"|\s?(?:utc|gmt|[ecmpah][sd]t|cest?|bst|ist|jst|aest|aedt|msk)(?:[+-][0-9]{1,2}(?::?[0-5][0-9])?)?)(?![a-z0-9])"
)
# What may follow a date: a time ("T10:42", " 10:42", ", at 9 a.m.", " a las 10:30") and its zone.
TIME_TAIL = re.compile(rf"(?:t|,?\s(?:at\s|a\s+las\s|um\s|à\s|@\s?)?)(?:{_TIME})(?:{ZONE})?")
HAS_YEAR = re.compile(r"[0-9]{4}")
