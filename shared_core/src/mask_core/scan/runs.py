"""Digit runs and their windows, upper-case ids and capitalised words: the candidate indexes of a
scan view (``ScanView.runs``, ``windows_between``, ``ids``, ``capitalised``), each found in one pass.

Python's ``re`` costs about 30 microseconds per kilobyte for *each* pattern that can start anywhere,
and a leading look-behind disables its fast first-character scan. Ten recognizers with their own
patterns would spend a whole latency budget before validating anything. So the scanner extracts
candidates once and validates only candidates:

* **Digit runs**: one C-speed pass finds maximal runs of digits joined by up to three separator
  characters (``415) 555-2671``, ``4539 1488 0343 6467``, ``203.0.113.77``). Each run is split into
  digit *groups*; a *window* is a sequence of consecutive groups. Numeric recognizers look at windows
  of the right digit count, so ``1234 536-22-8745`` yields the SSN window ``536-22-8745``.
* Boundaries (what a look-behind would have checked) are checked in Python on the few candidates.

A window may start or end inside a run only at a *weak* separator (a space or a parenthesis);
``-``, ``.`` and ``/`` bind the digits on both sides into one number (``2024-03-15``, ``1.2.3.4``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

__all__ = [
    "CAPITALISED_CLASS_RE",
    "CAPITALISED_RE",
    "ID_CLASS_RE",
    "ID_RE",
    "LAYOUTS",
    "LONG_RUN_CLASS_RE",
    "LONG_RUN_DIGITS",
    "MAX_WINDOW_DIGITS",
    "MAX_WINDOW_GROUPS",
    "MIN_WINDOW_DIGITS",
    "ONE_GROUP",
    "RUN_CLASS_RE",
    "RUN_RE",
    "SEPARATORS",
    "SHAPE",
    "DigitRun",
    "RelWindow",
    "Window",
    "alnum_classes",
    "class_string",
    "cut_from_longer",
    "id_classes",
    "new_layout",
    "new_tuple",
    "run_classes",
    "word_classes",
]

# A run of at least four digits (the shortest candidate anyone needs: an IPv4 address) joined by up
# to three separator characters. Shorter fragments (the digits inside hashes and UUIDs) never reach
# Python, which is what keeps the per-match overhead low. The definition: ``runs`` finds the same
# spans on a class string (``RUN_CLASS_RE``), which the tests compare with this pattern.
RUN_RE = re.compile(r"[0-9](?:[ ()./-]{0,3}+[0-9]){3,}+")  # possessive: no backtracking to try


def class_string(table: bytes) -> Callable[[str], bytes]:
    """``text`` as one byte per character through ``table`` (non-ASCII characters as '?').

    ``re`` scans for a pattern that starts with a character class one position at a time, and for
    one that starts with a literal with a fast search; the index regexes below therefore run on a
    class string (digits as "0", say), where they start with a literal and run two to three times
    faster, with the same spans: every character is one byte (``errors="replace"``), and the tables
    map exactly the characters the ``str`` patterns name. ``tests/test_scan_indexes.py`` compares.
    """

    def classes(text: str) -> bytes:
        return text.encode("ascii", "replace").translate(table)

    return classes


# RUN_RE over digits as "0" and its separators as "s".
run_classes = class_string(bytes(48 if 48 <= b <= 57 else 115 if b in b" ()./-" else 46 for b in range(256)))
RUN_CLASS_RE = re.compile(rb"0(?:s{0,3}+0){3,}+")
#: The digits of the shortest run ``ScanView.long_runs`` lists, and the pattern that finds them.
LONG_RUN_DIGITS = 6
LONG_RUN_CLASS_RE = re.compile(rb"0(?:s{0,3}+0){5,}+")
_GROUP_RE = re.compile(r"[0-9]+")
_NON_DIGIT = re.compile(r"[^0-9]")
#: The digit counts of the windows the scan view indexes (phones have 7+, cards at most 19).
MIN_WINDOW_DIGITS, MAX_WINDOW_DIGITS = 7, 19
#: No identifier is written in more digit groups than this (French phone numbers use 6). Besides being
#: true, the bound keeps adversarial runs like "1 1 1 1 ..." linear with a small constant.
MAX_WINDOW_GROUPS = 7


class RelWindow(NamedTuple):
    """A window of a run relative to the run's first digit (``DigitRun.layout``; ``ScanView.window``
    makes it a :class:`Window`). It depends only on the run's shape, so layouts are shared by runs."""

    start: int  # first digit, relative to the run's first digit
    end: int  # after the last digit, relative
    pstart: int  # as ``Window.pstart``, relative; -1: the run's own start (its '+' or '(')
    pend: int  # as ``Window.pend``, relative; -1: depends on what follows the run (a ')')
    digit_start: int  # the window's digits are ``run.digits[digit_start:digit_end]``
    digit_end: int
    ngroups: int
    whole: bool  # the window is the entire run


class DigitRun(NamedTuple):
    start: int  # includes a '+' and/or '(' directly before the first digit
    end: int
    groups: tuple[tuple[int, int], ...]
    ndigits: int
    digits: str  # the digits of all groups, concatenated
    cum: tuple[int, ...]  # cum[i]: digits before group i (len(groups) + 1 entries)
    weak: tuple[bool, ...]  # weak[i]: the separator before group i is weak (weak[0] is True)
    first: int  # the first digit
    layout: tuple[RelWindow, ...]  # its windows of 7-19 digits, relative to ``first`` (``_layout``)


class Window(NamedTuple):
    start: int  # first digit
    end: int  # after the last digit
    pstart: int  # phone view: includes a '+' and/or '(' directly before the first group
    pend: int  # phone view: includes a ')' directly after the last group
    digits: str
    plus: bool  # a '+' precedes the window
    ngroups: int
    whole: bool  # the window is the entire run


def _weak(sep: str) -> bool:
    return " " in sep or "(" in sep or ")" in sep


class _Layout(NamedTuple):
    groups: tuple[tuple[int, int], ...]  # relative to the first digit
    cum: tuple[int, ...]
    weak: tuple[bool, ...]
    windows: tuple[RelWindow, ...]  # windows of 7-19 digits


LAYOUTS: dict[bytes, _Layout] = {}
#: The window of a run of one group, by its digit count (none outside 7-19 digits).
ONE_GROUP: dict[int, tuple[RelWindow, ...]] = {
    n: (RelWindow(0, n, -1, -1, 0, n, 1, True),) if MIN_WINDOW_DIGITS <= n <= MAX_WINDOW_DIGITS else ()
    for n in range(4, 64)
}
# Runs hold only ASCII digits and separators, so bytes.translate (a C table lookup per byte) does what
# str.translate with a dict would do ten times slower.
SHAPE = bytes.maketrans(b"123456789", b"000000000")
SEPARATORS = b" ()./-"
# ``new_tuple(Cls, fields)`` builds a NamedTuple in C, without the Python frame of NamedTuple's own
# ``__new__``: the scanner and the token finder build thousands of windows and parses per text. One
# name for the trick, imported wherever a hot path needs it.
new_tuple = tuple.__new__


def _layout(run_text: str) -> _Layout:
    """The layout of a run from its shape (digits as ``0``), computed once per shape."""
    key = run_text.encode("ascii").translate(SHAPE)
    lay = LAYOUTS.get(key)
    if lay is not None:
        return lay
    return new_layout(key)


def new_layout(key: bytes) -> _Layout:
    shape = key.decode("ascii")
    groups = tuple(g.span() for g in _GROUP_RE.finditer(shape))
    cum, weak = [0], [True]
    for k, (gs, ge) in enumerate(groups):
        if k:
            weak.append(_weak(shape[groups[k - 1][1] : gs]))
        cum.append(cum[-1] + ge - gs)
    n = len(groups)
    wins = []
    for i in range(n):
        if not weak[i]:
            continue
        start = groups[i][0]
        pstart = -1 if i == 0 else start - (shape[start - 1] == "(")
        for j in range(i, min(n, i + MAX_WINDOW_GROUPS)):
            count = cum[j + 1] - cum[i]
            if count > MAX_WINDOW_DIGITS:
                break
            if count < MIN_WINDOW_DIGITS or (j < n - 1 and not weak[j + 1]):
                continue
            end = groups[j][1]
            pend = -1 if j == n - 1 else end + (shape[end] == ")")
            wins.append(
                RelWindow(start, end, pstart, pend, cum[i], cum[j + 1], j - i + 1, i == 0 and j == n - 1)
            )
    lay = _Layout(groups, tuple(cum), tuple(weak), tuple(wins))
    if len(LAYOUTS) >= 4096:  # adversarial texts can have many shapes: stay bounded
        LAYOUTS.clear()
    LAYOUTS[key] = lay
    return lay


# Upper-case identifiers of six+ characters (passport, licence, member and employee
# ids, SWIFT, MBI, NINO, DEA). The definition: ``ids`` finds them on a class string (``ID_CLASS_RE``).
ID_RE = re.compile(r"[0-9A-Z][0-9A-Z-]{4,}[0-9A-Z]")
# ASCII letters and digits as "a" (``ScanView.has_alnum_run``).
alnum_classes = class_string(bytes(97 if chr(b).isascii() and chr(b).isalnum() else 46 for b in range(256)))
# ID_RE over upper-case letters and digits as "A" (and "-" as itself).
id_classes = class_string(
    bytes(65 if 48 <= b <= 57 or 65 <= b <= 90 else b if b == 45 else 46 for b in range(256))
)
ID_CLASS_RE = re.compile(rb"A[A-]{4,}A")
# Capitalised words: upper-case ASCII letters as "U", lower-case as "l", anything non-ASCII as "?".
word_classes = class_string(
    bytes(85 if 65 <= b <= 90 else 108 if 97 <= b <= 122 else 63 if b == 63 else 32 for b in range(256))
)
CAPITALISED_CLASS_RE = re.compile(rb"U[Ul?]*")
CAPITALISED_RE = re.compile(r"[^\W\d_]+")


_NEXT_GROUP = re.compile(r"([ .-])([0-9]+)(?![0-9])")
_GROUP_BEFORE = re.compile(r"(?<![0-9])([0-9]+)([ .-])$")
_GROUP = re.compile(r"[0-9]+")


def cut_from_longer(text: str, w: Window) -> bool:
    """Whether a window that is not its whole run is cut from a longer number written in the same
    groups: ``12 345 678 901`` (a valid NANP number) or ``901 234 567`` (a Luhn-valid SIN) of ``12 345
    678 901 234 567 890``. The run goes on past it with the separator and the group size the window
    has at that end, as no single number's own layout does; a count or a second number after a phone
    (``415 555 2671 12 times``) is grouped otherwise and leaves the window what it is.

    The phone and SIN readings ask it; card numbers do not: a card is often followed by more digits in
    its own grouping (``4539 1488 0343 6467 0427``, the expiry), where leaving it whole in clear would
    be the worse error, and its issuer ranges and checksum make a false card in a long run rare."""
    if w.whole or w.plus or w.ngroups < 2:
        return False
    groups = _GROUP.findall(text, w.start, w.end)
    last, first = groups[-1], groups[0]
    after = _NEXT_GROUP.match(text, w.end)
    if after is not None and after.group(1) == text[w.end - len(last) - 1] and len(after[2]) == len(last):
        return True
    before = _GROUP_BEFORE.search(text, max(0, w.start - 24), w.start)
    return (
        before is not None
        and before.group(2) == text[w.start + len(first)]
        and len(before.group(1)) == len(first)
    )
