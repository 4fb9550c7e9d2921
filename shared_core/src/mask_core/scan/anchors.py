"""Candidate extraction for shapes that are not plain digit runs.

Each function yields ``(start, end)`` spans of a :class:`~mask_core.scan.view.ScanView` that *could*
be a value of some shape; validation is the caller's job. The scanner's recognizers (real values) and
the token finder (tokens of the same shape) share these, so both sides agree on what a candidate is.

They anchor on something cheap to find (an ``@``, a ``:``, an upper-case letter followed by digits)
and check boundaries by hand rather than with look-behinds, which would disable ``re``'s fast
first-character scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from stdnum import numdb
from stdnum.util import get_cc_module

from mask_core.scan.view import DigitRun, ScanView, class_string

__all__ = [
    "cached",
    "email_at",
    "email_candidates",
    "iban_candidates",
    "iban_check_digits",
    "iban_is_valid",
    "iban_national_module",
    "iban_structure",
    "ipv4_candidates",
    "ipv4_long_candidates",
    "ipv6_candidates",
    "mod97_ok",
    "nie_candidates",
    "nif_candidates",
]


def cached(
    fn: Callable[[ScanView], Iterator[tuple[int, int]]],
) -> Callable[[ScanView], list[tuple[int, int]]]:
    """Run an extractor once per view: recognizers and the token finder share its result."""
    key = fn.__name__

    def wrapper(view: ScanView) -> list[tuple[int, int]]:
        memo = view.anchors
        spans = memo.get(key)
        if spans is None:
            spans = memo[key] = list(fn(view))
        return spans

    wrapper.__name__ = key
    wrapper.__doc__ = fn.__doc__
    return wrapper


_LOCAL_TAIL_RE = re.compile(r"[\w.%+-]{1,64}$")
_LOCAL_CHAR_RE = re.compile(r"[\w.%+-]")
_DOMAIN_RE = re.compile(r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,63}(?![\w-])")


@cached
def email_candidates(view: ScanView) -> Iterator[tuple[int, int]]:
    """``local@domain.tld`` around every ``@``; the local part is read backwards from the ``@``."""
    text = view.text
    at = text.find("@")
    while at != -1:
        span = email_at(text, at)
        if span is not None:
            yield span
        at = text.find("@", at + 1)


def email_at(text: str, at: int) -> tuple[int, int] | None:
    """The ``local@domain.tld`` candidate around the ``@`` at ``at``, if any. A local part runs back
    at most 64 characters (RFC 5321's limit, and a bounded look-back per ``@``); a longer run is no
    address, and a candidate cut from its end would leave its token glued to the rest of the run,
    where no token finder reads it back."""
    first = max(0, at - 64)
    local = _LOCAL_TAIL_RE.search(text, first, at)
    domain = _DOMAIN_RE.match(text, at + 1)
    if local is None or domain is None:
        return None
    if local.start() == first and first and _LOCAL_CHAR_RE.match(text, first - 1):
        return None
    return local.start(), domain.end()


# Written ``[A-Z][A-Z]``, not ``[A-Z]{2}``: ``re`` derives its fast first-character scan only from a
# leading character class, never from a repeat, and without it tries a match at every position (a
# quarter of a 1 KB scan's budget for this one pattern). ``tests/test_scan_speed_shapes.py`` keeps
# every full-text pattern of the scanner that way.
_IBAN_RE = re.compile(r"[A-Z][A-Z][0-9][0-9](?:[ -]?[A-Z0-9]){8,32}")
_IBAN_STRUCTURES: dict[str, re.Pattern[str] | None] = {}
_CLASS_RE = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}


# Letters as ISO 13616 numbers (A=10 ... Z=35), for one str.translate.
_LETTER_VALUES = {ord(c): str(ord(c) - 55) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def mod97_ok(iban: str) -> bool:
    """The IBAN check (ISO 7064 mod 97-10) of a compact upper-case IBAN.

    The same arithmetic as ``stdnum.iso7064.mod_97_10``, which converts character by character in a
    generator (about 10 microseconds per IBAN, paid on every candidate); one ``translate`` and one big
    integer ``%`` take about one. ``tests/test_catalogue.py`` checks the two agree.
    """
    return int((iban[4:] + iban[:4]).translate(_LETTER_VALUES)) % 97 == 1


def iban_check_digits(country: str, bban: str) -> str:
    """The two IBAN check digits for ``bban`` (upper-case letters and digits) in ``country``.

    ``stdnum.iban.calc_check_digits(country + "00" + bban)`` with the arithmetic of :func:`mod97_ok`
    (stdnum's costs about 10 microseconds, paid on every IBAN token issued); the tests check the two
    agree."""
    check = 98 - int((bban + country + "00").translate(_LETTER_VALUES)) % 97
    return f"{check:02d}"


def iban_structure(country: str) -> re.Pattern[str] | None:
    """The BBAN pattern of a country from stdnum's IBAN registry (looked up once per country)."""
    if country not in _IBAN_STRUCTURES:
        info = numdb.get("iban").info(country + "00")
        structure = info[0][1].get("bban") if info and info[0][1] else None
        pattern = None
        if structure:
            parts = re.findall(r"(\d+)!([nac])", structure)
            pattern = re.compile("".join(f"{_CLASS_RE[c]}{{{n}}}" for n, c in parts))
        _IBAN_STRUCTURES[country] = pattern
    return _IBAN_STRUCTURES[country]


_IBAN_LENGTHS: dict[str, int | None] = {}


def _iban_length(country: str) -> int | None:
    """The length of a country's IBANs (from its BBAN structure), looked up once per country."""
    length = _IBAN_LENGTHS.get(country, -1)
    if length == -1:
        structure = iban_structure(country)
        length = None if structure is None else 4 + sum(map(int, re.findall(r"\{(\d+)\}", structure.pattern)))
        _IBAN_LENGTHS[country] = length
    return length


def iban_is_valid(compact: str) -> bool:
    """stdnum's IBAN checks (structure, mod 97-10, national checks) without its per-call registry walk."""
    structure = iban_structure(compact[:2])
    if structure is None or not structure.fullmatch(compact[4:]):
        return False
    if not mod97_ok(compact):
        return False
    module = iban_national_module(compact[:2])
    return module is None or bool(module.is_valid(compact))


_NATIONAL: dict[str, Any] = {}


def iban_national_module(country: str) -> Any:
    """stdnum's national IBAN module of a country, or None, looked up once per country (a failed
    lookup is a failed import, which costs far more than the checks themselves)."""
    if country not in _NATIONAL:
        _NATIONAL[country] = get_cc_module(country.lower(), "iban")
    return _NATIONAL[country]


# Upper-case ASCII letters as "A", digits as "0", everything else as ".": an IBAN starts where this
# class string holds "AA00", which bytes.find locates several times faster than ``re`` scans 1 KB.
_iban_classes = class_string(bytes(65 if 65 <= b <= 90 else 48 if 48 <= b <= 57 else 46 for b in range(256)))


def _iban_matches(text: str) -> Iterator[re.Match[str]]:
    """``_IBAN_RE.finditer(text)``: the same matches, found faster."""
    classes = _iban_classes(text)
    pos = classes.find(b"AA00")
    while pos != -1:
        m = _IBAN_RE.match(text, pos)
        if m is None:
            pos = classes.find(b"AA00", pos + 1)
        else:
            yield m
            pos = classes.find(b"AA00", m.end())


_IBAN_CUTS: dict[int, re.Pattern[str]] = {}


@cached
def iban_candidates(view: ScanView) -> Iterator[tuple[int, int]]:
    """IBAN-shaped spans, cut to the length their country code implies (spaces or dashes allowed)."""
    text = view.text
    for m in _iban_matches(text):
        start = m.start()
        if not view.boundary_before(start):
            continue
        want = _iban_length(text[start : start + 2])
        if want is None:
            continue
        # The first ``want`` characters of the match that are not separators (at most one between two).
        cut = _IBAN_CUTS.get(want)
        if cut is None:
            cut = _IBAN_CUTS[want] = re.compile(f"[A-Z0-9](?:[ -]?[A-Z0-9]){{{want - 1}}}")
        head = cut.match(text, start, m.end())
        if head is not None and view.boundary_after(head.end()):
            yield start, head.end()


@cached
def ipv4_candidates(view: ScanView) -> Iterator[tuple[int, int]]:
    """Dotted quads: four 1-3 digit groups joined by single dots, bounded by weak separators."""
    return _ipv4_in(view, view.runs)


def ipv4_long_candidates(view: ScanView) -> list[tuple[int, int]]:
    """Every dotted quad of 6+ digits (every IPv4 token: its first octet is 240-255), maybe with
    others: :func:`ipv4_candidates` when a scan has built every run, else the quads of the view's
    ``long_runs`` (a detokenize need not build the shorter runs)."""
    if view.runs_built:
        return ipv4_candidates(view)
    return _ipv4_long(view)


@cached
def _ipv4_long(view: ScanView) -> Iterator[tuple[int, int]]:
    return _ipv4_in(view, view.long_runs)


def _ipv4_in(view: ScanView, runs: list[DigitRun]) -> Iterator[tuple[int, int]]:
    text = view.text
    for run in runs:
        groups, weak = run.groups, run.weak
        n = len(groups)
        if n < 4 or text.count(".", run.start, run.end) < 3:  # most runs: dates, phones, amounts
            continue
        for i in range(n - 3):
            if not weak[i] or (i + 4 < n and weak[i + 4] is False):
                continue
            quad = groups[i : i + 4]
            if all(e - s <= 3 for s, e in quad) and all(
                text[quad[k][1] : quad[k + 1][0]] == "." for k in range(3)
            ):
                start, end = quad[0][0], quad[3][1]
                if (
                    (i or text[run.start] != "+")
                    and view.boundary_before(start, ".")
                    and view.boundary_after(end, ".")
                ):
                    yield start, end


_HEXCOLON = frozenset("0123456789abcdefABCDEF:")
# Two colons at most four hex digits apart: every IPv6 address has them, and ordinary text ("Notes:",
# "10:42") almost never does, so the walk below starts only at these.
_IPV6_SEED = re.compile(r":[0-9A-Fa-f]{0,4}:")


@cached
def ipv6_candidates(view: ScanView) -> Iterator[tuple[int, int]]:
    """Maximal runs of hex digits and colons holding two colons at most four hex digits apart."""
    text = view.text
    last_end = -1
    for seed in _IPV6_SEED.finditer(text):
        colon = seed.start()
        if colon >= last_end:
            start = colon
            while start > 0 and text[start - 1] in _HEXCOLON:
                start -= 1
            end = colon
            while end < len(text) and text[end] in _HEXCOLON:
                end += 1
            last_end = end
            if view.boundary_before(start) and view.boundary_after(end):
                yield start, end


def _letter_after(view: ScanView, pos: int) -> int:
    """End of an optional ``[ -]`` and one letter at ``pos`` that closes a word; -1 if there is none."""
    text = view.text
    if pos < len(text) and text[pos] in " -":
        pos += 1
    if pos < len(text) and text[pos].isascii() and text[pos].isalpha() and view.boundary_after(pos + 1):
        return pos + 1
    return -1


@cached
def nif_candidates(view: ScanView) -> Iterator[tuple[int, int]]:
    """Spanish NIF shapes: 8 digits (``12345678``, ``12.345.678``) or K/L/M + 7 digits, then a letter.

    The digits are the last group(s) of a run, after a space if the run holds other numbers first.
    """
    text = view.text
    for run in view.long_runs:  # 7 or 8 digits at the least
        groups, weak = run.groups, run.weak
        n = len(groups)
        last = groups[-1][1] - groups[-1][0]
        # The shape first (integers only): nearly every run of ordinary text (dates, times, amounts)
        # fails it, and the letter after the run is looked at only for the rest.
        if last in (7, 8) and weak[n - 1]:
            first = groups[-1][0]
        elif (
            last == 3
            and n >= 3
            and groups[-2][1] - groups[-2][0] == 3
            and groups[-3][1] - groups[-3][0] == 2
            and text[groups[-3][1]] == "."
            and text[groups[-2][1]] == "."
            and weak[n - 3]
        ):
            first = groups[-3][0]
        else:
            continue
        if text[run.start] == "+":
            continue
        end = _letter_after(view, groups[-1][1])
        if end < 0:
            continue
        if last == 7 and first == groups[-1][0]:  # K/L/M prefix, optionally with a dash
            p = first - 1 - (first >= 2 and text[first - 1] == "-")
            if p >= 0 and text[p] in "KLMklm" and view.boundary_before(p):
                yield p, end
        elif view.boundary_before(first, ".-"):
            yield first, end


@cached
def nie_candidates(view: ScanView) -> Iterator[tuple[int, int]]:
    """Spanish NIE shapes: X/Y/Z, 7 digits, a letter (spaces or dashes between)."""
    text = view.text
    for run in view.long_runs:  # 7 digits
        groups = run.groups
        if len(groups) != 1 or groups[0][1] - groups[0][0] != 7:
            continue
        first = groups[0][0]
        p = first - 1
        if p >= 0 and text[p] in " -":
            p -= 1
        if p < 0 or text[p] not in "XYZxyz" or not view.boundary_before(p):
            continue
        end = _letter_after(view, groups[0][1])
        if end >= 0:
            yield p, end
