"""What no phone number looks like, whatever its digits: dates and times, periods of years, decimals,
IPv4 addresses, amounts after a currency, an SSN's shape, a group of one digit inside a number, rows
of small numbers that step evenly."""

from __future__ import annotations

import itertools
import re

from mask_core.scan.view import Window

__all__ = ["COLON_AFTER", "CURRENCY", "CURRENCY_CODE", "DATE_LIKE", "GROUP", "phone_shaped"]

# Dates and timestamps that are also "valid" phone numbers by their digits (phonenumbers' matcher
# excludes the same shapes).
DATE_LIKE = re.compile(
    r"[12]\d{3}[-/. ][01]?\d[-/. ][0-3]?\d(?:\D|$)"  # 2024-03-15, 2024/3/15 (with or without a time)
    r"|[0-3]?\d[-/.][01]?\d[-/.](?:[12]\d)?\d{2}$"  # 15/03/2024, 15.03.24
    r"|[01]?\d[-/.][0-3]?\d[-/.](?:[12]\d)?\d{2}$"  # 03/15/2024
)
# A number a colon continues is a time ("10:42") or part of an IPv6 address ("2001::1"), never a phone.
COLON_AFTER = re.compile(r":[:0-9A-Fa-f]")
_DECIMAL = re.compile(r"[0-9]+[.,][0-9]+")
# A dotted quad standing alone (no digit or dot on either side) inside a phone window.
_DOTTED_QUAD = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9.])")
GROUP = re.compile(r"[0-9]+")
CURRENCY = frozenset("$€£¥₹")
# ISO 4217 codes of the currencies most amounts are written in (an amount after one is no phone).
CURRENCY_CODE = re.compile(
    r"(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|CNY|HKD|SGD|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|RUB"
    r"|UAH|TRY|TRL|ILS|INR|PKR|IDR|MYR|THB|PHP|VND|KRW|BRL|MXN|ARS|CLP|COP|PEN|ZAR|NGN|EGP|AED|SAR)[ \t]?$"
)


def phone_shaped(text: str, w: Window, groups: list[str]) -> bool:
    start = w.pstart
    n = len(groups)
    if n == 2 and _DECIMAL.fullmatch(text, w.start, w.end):  # 2349.454519: a number
        return False
    # 23.120.10.100 is an IPv4 address before it is a ten-digit phone number, and so is the
    # address in "12345  10.0.0.100": a window that holds one is not a phone number.
    if n >= 4 and text.count(".", w.start, w.end) >= 3 and _holds_ipv4(text, w.start, w.end):
        return False
    if w.plus:  # nothing but a phone number is written after a "+" (Côte d'Ivoire: +225 21 23 4 56789)
        return True
    if not _lone_digits_ok(text, w):
        return False
    if n == 3 and len(groups[0]) == 3 and len(groups[1]) == 2 and len(groups[2]) == 4:
        return "(" in text[start : w.end]  # an SSN's shape, unless the area code is bracketed
    if n == 3 and _is_date(*groups):  # 15 03 2024
        return False
    if n == 2 and _year_range(groups[0], groups[1], text[w.start : w.end]):  # (2018-2023) on a CV
        return False
    return not _steps_evenly(groups)


def _year_range(a: str, b: str, window: str) -> bool:
    """Two years joined by a dash: a period (``2018-2023``), however valid the eight digits are as a
    number of some plan (Norway's, the Netherlands')."""
    return len(a) == len(b) == 4 and window[4:5] in "-–—" and 1900 <= int(a) <= int(b) <= 2099


def _lone_digits_ok(text: str, w: Window) -> bool:
    """Whether every group of one digit is one a national number has: a leading trunk or NANP "1", a
    bracketed trunk "(0)" and the group right after it. One digit alone anywhere else is a version's
    part or a list's item (``20220623.1-1``, ``1 2 3 4``)."""
    after_trunk = False
    for i, m in enumerate(GROUP.finditer(text, w.start, w.end)):
        s, e = m.span()
        bracketed = e - s == 1 and text[s] == "0" and text[s - 1] == "(" and text[e : e + 1] == ")"
        if e - s == 1 and not (i == 0 or bracketed or after_trunk):
            return False
        after_trunk = bracketed
    return True


def _holds_ipv4(text: str, start: int, end: int) -> bool:
    import ipaddress

    for m in _DOTTED_QUAD.finditer(text, start, end):
        try:
            ipaddress.ip_address(m.group())
        except ValueError:
            continue
        return True
    return False


def _steps_evenly(groups: list[str]) -> bool:
    """A row of small numbers counting up or down (a calendar week, a table's column of counts):
    steps of 1, 2, 5 or 10, not the 22 of France's example number 01 23 45 67 89."""
    if len(groups) < 3 or any(len(g) > 2 for g in groups):
        return False
    steps = {b - a for a, b in itertools.pairwise(int(g) for g in groups)}
    return len(steps) == 1 and abs(steps.pop()) in (1, 2, 5, 10)


def _is_date(a: str, b: str, c: str) -> bool:
    """Whether three groups read as a calendar date (day-month-year, month-day-year, year-month-day)."""
    if len(a) == 4:
        a, c = c, a
    if len(c) != 4 or len(a) > 2 or len(b) > 2:
        return False
    x, y = int(a), int(b)
    return (1 <= x <= 31 and 1 <= y <= 12) or (1 <= x <= 12 and 1 <= y <= 31)
