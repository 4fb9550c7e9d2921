"""The scan view: one pass over a text that every numeric recognizer and the token finder share.

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
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar, overload

__all__ = [
    "LONG_RUN_DIGITS",
    "DigitRun",
    "RelWindow",
    "ScanView",
    "Window",
    "WordGate",
    "class_string",
    "fold_lower",
    "key_words",
    "word_gate",
]

# A run of at least four digits (the shortest candidate anyone needs: an IPv4 address) joined by up
# to three separator characters. Shorter fragments (the digits inside hashes and UUIDs) never reach
# Python, which is what keeps the per-match overhead low. The definition: ``runs`` finds the same
# spans on a class string (``_RUN_CLASS_RE``), which the tests compare with this pattern.
_RUN_RE = re.compile(r"[0-9](?:[ ()./-]{0,3}+[0-9]){3,}+")  # possessive: no backtracking to try


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


# _RUN_RE over digits as "0" and its separators as "s".
_run_classes = class_string(bytes(48 if 48 <= b <= 57 else 115 if b in b" ()./-" else 46 for b in range(256)))
_RUN_CLASS_RE = re.compile(rb"0(?:s{0,3}+0){3,}+")
#: The digits of the shortest run ``ScanView.long_runs`` lists, and the pattern that finds them.
LONG_RUN_DIGITS = 6
_LONG_RUN_CLASS_RE = re.compile(rb"0(?:s{0,3}+0){5,}+")
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


_LAYOUTS: dict[bytes, _Layout] = {}
#: The window of a run of one group, by its digit count (none outside 7-19 digits).
_ONE_GROUP: dict[int, tuple[RelWindow, ...]] = {
    n: (RelWindow(0, n, -1, -1, 0, n, 1, True),) if MIN_WINDOW_DIGITS <= n <= MAX_WINDOW_DIGITS else ()
    for n in range(4, 64)
}
# Runs hold only ASCII digits and separators, so bytes.translate (a C table lookup per byte) does what
# str.translate with a dict would do ten times slower.
_SHAPE = bytes.maketrans(b"123456789", b"000000000")
_SEPARATORS = b" ()./-"
_new = tuple.__new__  # builds a NamedTuple without the Python-level __new__ call


def _layout(run_text: str) -> _Layout:
    """The layout of a run from its shape (digits as ``0``), computed once per shape."""
    key = run_text.encode("ascii").translate(_SHAPE)
    lay = _LAYOUTS.get(key)
    if lay is not None:
        return lay
    return _new_layout(key)


def _new_layout(key: bytes) -> _Layout:
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
    if len(_LAYOUTS) >= 4096:  # adversarial texts can have many shapes: stay bounded
        _LAYOUTS.clear()
    _LAYOUTS[key] = lay
    return lay


# Upper-case identifiers of six+ characters (passport, licence, member and employee
# ids, SWIFT, MBI, NINO, DEA). The definition: ``ids`` finds them on a class string (``_ID_CLASS_RE``).
_ID_RE = re.compile(r"[0-9A-Z][0-9A-Z-]{4,}[0-9A-Z]")
# ASCII letters and digits as "a" (``ScanView.has_alnum_run``).
_alnum_classes = class_string(bytes(97 if chr(b).isascii() and chr(b).isalnum() else 46 for b in range(256)))
# _ID_RE over upper-case letters and digits as "A" (and "-" as itself).
_id_classes = class_string(
    bytes(65 if 48 <= b <= 57 or 65 <= b <= 90 else b if b == 45 else 46 for b in range(256))
)
_ID_CLASS_RE = re.compile(rb"A[A-]{4,}A")
# Capitalised words: upper-case ASCII letters as "U", lower-case as "l", anything non-ASCII as "?".
_word_classes = class_string(
    bytes(85 if 65 <= b <= 90 else 108 if 97 <= b <= 122 else 63 if b == 63 else 32 for b in range(256))
)
_CAPITALISED_CLASS_RE = re.compile(rb"U[Ul?]*")
_CAPITALISED_RE = re.compile(r"[^\W\d_]+")


# The only non-ASCII characters ``re.IGNORECASE`` equates with an ASCII letter whose ``str.lower``
# does not give that letter ("BİRTH".lower() is "bi̇rth", yet the regex "birth" matches it): found by
# testing every code point against [a-z]. Folding them keeps the word gates as wide as the regexes.
_REGEX_CASE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_lower(text: str) -> str:
    """``text`` lowered so that a word ``re.IGNORECASE`` finds in it is a substring here too."""
    return text.lower() if text.isascii() else text.translate(_REGEX_CASE_FOLDS).lower()


def key_words(key: str) -> str:
    """A JSON key as words: ``passportNo`` / ``passport_no`` / ``passport-no`` -> ``passport no``."""
    return _CAMEL.sub(r"\1 \2", key).replace("_", " ").replace("-", " ").replace(".", " ").lower()


# Words are runs of [a-z0-9], as the context regexes' boundaries ``(?<![a-z0-9])`` see them; every
# other byte (UTF-8 continuation bytes included) separates. bytes.translate runs at C speed: splitting
# 1 KB this way takes about a third of the time of a regex findall, and far less than checking each
# context phrase as a substring.
_WORD_BYTES = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else 32 for b in range(256))
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


class WordGate(NamedTuple):
    """Per phrase, the words it is made of and, for a phrase of several words, its lowered text;
    ``keys``: one word of each phrase (the longest), or None when a phrase has no word (the gate is
    then always open)."""

    phrases: tuple[tuple[frozenset[bytes], str | None], ...]
    keys: frozenset[bytes] | None


def _split_words(folded: str) -> list[bytes]:
    return folded.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()


def _words_of(text: str) -> list[bytes]:
    return _split_words(fold_lower(text))


def word_gate(phrases: Iterable[str]) -> WordGate:
    """A cheap necessary condition for any of ``phrases`` to occur as whole words (``ScanView.mentions``).

    If a case-insensitive whole-word regex of a phrase matches a text (or its key read as words), the
    phrase's words are all among the view's ``words``, and the lowered phrase is a substring of the
    lowered text (or key); so a gate that stays shut proves the regex would find nothing. The words
    are tested first (set operations); the substring only for a phrase of several words whose words
    are all there ("record" and "no" both occur in far more texts than "record no"). A phrase that
    holds another one, words and text, adds nothing and is dropped.
    """
    entries = sorted({(frozenset(_words_of(p)), fold_lower(p)) for p in phrases}, key=lambda e: len(e[1]))
    minimal = [e for i, e in enumerate(entries) if not any(w <= e[0] and t in e[1] for w, t in entries[:i])]
    out = tuple((w, t if len(w) > 1 else None) for w, t in minimal)
    if any(not w for w, _ in minimal):
        return WordGate(out, None)
    return WordGate(out, frozenset(max(w, key=lambda x: (len(x), x)) for w, _ in minimal))


_T = TypeVar("_T")


class _once(Generic[_T]):
    """``functools.cached_property`` without its lock.

    Python 3.11's ``cached_property`` takes an ``RLock`` on every first access, about a microsecond:
    a 1 KB scan touches a dozen of these indexes and a one-value ``encode`` several. A scan view is
    built and used by one call on one thread, so the lock protects nothing here.
    """

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _once[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> _T | _once[_T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class ScanView:
    """A normalised text plus lazily computed candidate indexes (computed at most once).

    ``context`` is the JSON key the text sits under (``deep_encode``), if any: context-only recognizers
    read it as if it were written next to the value.
    """

    __slots__ = ("__dict__", "context", "text")

    def __init__(self, text: str, context: str | None = None) -> None:
        self.text = text
        self.context = context

    @_once
    def lower(self) -> str:
        """The text lowered so that a word ``re.IGNORECASE`` finds in it is a substring here too."""
        return fold_lower(self.text)

    @_once
    def _literals(self) -> dict[str, bool]:
        return {}

    def has(self, literal: str) -> bool:
        """Whether ``literal`` occurs in the text (a C-speed substring search, memoised per view)."""
        memo = self._literals
        found = memo.get(literal)
        if found is None:
            found = memo[literal] = literal in self.text
        return found

    def has_any(self, literals: tuple[str, ...]) -> bool:
        return any(self.has(lit) for lit in literals)

    def has_lower(self, literals: tuple[str, ...]) -> bool:
        """Whether any of ``literals`` (lower case) occurs in the lowered text (a substring search)."""
        lower = self.lower
        return any(lit in lower for lit in literals)

    @_once
    def words(self) -> frozenset[bytes]:
        """The ASCII alphanumeric words of the lowered text and of its context key (read as words)."""
        found = set(_split_words(self.lower))
        if self.context:
            found.update(_split_words(self.key_lower))
        return frozenset(found)

    @_once
    def key_lower(self) -> str:
        """The context key read as words (``key_words``) and folded like ``lower`` ("" without one)."""
        return fold_lower(key_words(self.context)) if self.context else ""

    @_once
    def _alnum(self) -> bytes:
        return _alnum_classes(self.text)

    def has_alnum_run(self, n: int) -> bool:
        """Whether the text holds ``n`` ASCII letters and digits in a row (a crypto address of 26
        characters needs a run at least that long): one substring search of a class string."""
        return b"a" * n in self._alnum

    def mentions(self, gate: WordGate) -> bool:
        """Whether one of the ``gate``'s phrases may occur in the text or its key (see ``word_gate``)."""
        words = self.words
        if gate.keys is not None and words.isdisjoint(gate.keys):  # one C call rejects most texts
            return False
        for phrase_words, phrase in gate.phrases:
            if phrase_words <= words and (phrase is None or phrase in self.lower or phrase in self.key_lower):
                return True
        return False

    @_once
    def capitalised(self) -> list[tuple[int, int]]:
        """Spans of the words that start with a capital letter (names, titles, sentence starts): what
        the name recognizers look at. ASCII text is searched on a class string; other text word by
        word."""
        text = self.text
        if text.isascii():
            classes = _word_classes(text)
            return [
                m.span()
                for m in _CAPITALISED_CLASS_RE.finditer(classes)
                if m.start() == 0 or classes[m.start() - 1] == 32
            ]
        return [m.span() for m in _CAPITALISED_RE.finditer(text) if text[m.start()].isupper()]

    @_once
    def ids(self) -> list[tuple[int, int]]:
        """Spans of upper-case alphanumeric tokens of 6+ characters (dashes allowed inside)."""
        text = self.text
        out = []
        for m in _ID_CLASS_RE.finditer(_id_classes(text)):
            start, end = m.span()
            if self.boundary_before(start) and self.boundary_after(end):
                out.append((start, end))
        return out

    @_once
    def runs(self) -> list[DigitRun]:
        """Maximal runs of 4+ digits joined by 1-3 separator characters (one regex pass).

        A run's layout (its groups, separators and windows) depends only on its *shape*, the run with
        every digit written as ``0``; layouts are computed once per shape and reused (``_layout``).
        """
        return self._runs_of(_RUN_CLASS_RE)

    @_once
    def long_runs(self) -> list[DigitRun]:
        """The runs of ``LONG_RUN_DIGITS`` (6) or more digits: all a token, an IPv4 token, a NIF or a
        NIE can be read from. ``runs`` filtered when a scan has built it; otherwise (detokenizing)
        one pass that builds only these, since a maximal run of 6+ digits is a match of the same
        pattern with 6+ digits and a shorter one matches nowhere."""
        if self.runs_built:
            return [r for r in self.runs if r.ndigits >= LONG_RUN_DIGITS]
        return self._runs_of(_LONG_RUN_CLASS_RE)

    @property
    def runs_built(self) -> bool:
        """Whether ``runs`` has been computed for this view (a scan builds it; a detokenize need not)."""
        return "runs" in self.__dict__

    def _runs_of(self, pattern: re.Pattern[bytes]) -> list[DigitRun]:
        text = self.text
        out: list[DigitRun] = []
        for m in pattern.finditer(_run_classes(text)):
            first, end = m.span()
            start = first
            if start and text[start - 1] == "(":
                start -= 1
            if start and text[start - 1] == "+":
                start -= 1
            whole = text[first:end]
            if whole.isdigit():
                n = end - first
                one = _ONE_GROUP.get(n)
                if one is None:  # a run of 64+ digits
                    one = (RelWindow(0, n, -1, -1, 0, n, 1, True),) if n <= MAX_WINDOW_DIGITS else ()
                out.append(
                    _new(DigitRun, (start, end, ((first, end),), n, whole, (0, n), (True,), first, one))
                )
                continue
            raw = whole.encode("ascii")
            lay = _LAYOUTS.get(shape := raw.translate(_SHAPE)) or _new_layout(shape)
            groups = tuple([(first + a, first + b) for a, b in lay.groups])
            digits = raw.translate(None, _SEPARATORS).decode("ascii")
            out.append(
                _new(
                    DigitRun, (start, end, groups, lay.cum[-1], digits, lay.cum, lay.weak, first, lay.windows)
                )
            )
        return out

    @_once
    def _window_tables(self) -> tuple[dict[int, list[Window]], list[tuple[DigitRun, list[Window]]]]:
        """Every window of 7-19 digits (what any consumer asks for), built in one pass: indexed by
        digit count (text order per count) and listed per run."""
        index: dict[int, list[Window]] = {}
        per_run: list[tuple[DigitRun, list[Window]]] = []
        text = self.text
        n_text = len(text)
        for run in self.runs:
            if not run.layout:
                continue
            # What ``window`` builds for each window, inline: a 1 KB scan builds dozens of windows,
            # and a call per window costs a fifth of this index (tests/test_scan_indexes.py compares).
            first, digits, start, end = run.first, run.digits, run.start, run.end
            plus = text[start] == "+"
            pend = end + (end < n_text and text[end] == ")")
            mine = [
                _new(
                    Window,
                    (
                        first + so,
                        first + eo,
                        start if pso < 0 else first + pso,
                        pend if peo < 0 else first + peo,
                        digits[d0:d1],
                        plus if pso < 0 else False,
                        ngroups,
                        whole,
                    ),
                )
                for so, eo, pso, peo, d0, d1, ngroups, whole in run.layout
            ]
            for w in mine:
                index.setdefault(len(w.digits), []).append(w)
            per_run.append((run, mine))
        return index, per_run

    def window(self, run: DigitRun, rel: RelWindow) -> Window:
        """The window of ``run`` that ``rel`` (one of ``run.layout``) describes."""
        so, eo, pso, peo, d0, d1, ngroups, whole = rel
        first = run.first
        text = self.text
        if pso < 0:
            pstart = run.start
            plus = text[pstart] == "+"
        else:
            pstart, plus = first + pso, False
        if peo < 0:
            end = run.end
            pend = end + (end < len(text) and text[end] == ")")
        else:
            pend = first + peo
        return _new(Window, (first + so, first + eo, pstart, pend, run.digits[d0:d1], plus, ngroups, whole))

    @property
    def _windows(self) -> dict[int, list[Window]]:
        """The windows indexed by their digit count (text order per count)."""
        return self._window_tables[0]

    @property
    def run_windows(self) -> list[tuple[DigitRun, list[Window]]]:
        """Each run of 7+ digits with its windows of 7-19 digits."""
        return self._window_tables[1]

    def windows_between(self, min_digits: int, max_digits: int) -> list[Window]:
        """Windows with ``min_digits..max_digits`` digits (within 7-19), in text order per count."""
        if min_digits < MIN_WINDOW_DIGITS or max_digits > MAX_WINDOW_DIGITS:
            return [w for run in self.runs for w in self.windows(run, min_digits, max_digits)]
        index = self._windows
        if min_digits == max_digits:
            return index.get(min_digits, [])
        return [w for n in range(min_digits, max_digits + 1) for w in index.get(n, ())]

    @_once
    def anchors(self) -> dict[str, list[tuple[int, int]]]:
        """Memo of candidate extractors (``scan/anchors.py``) for this view."""
        return {}

    @_once
    def has_at(self) -> bool:
        return "@" in self.text

    def boundary_before(self, pos: int, extra: str = "") -> bool:
        """No word character (or one of ``extra``) directly before ``pos``."""
        if pos == 0:
            return True
        c = self.text[pos - 1]
        return not (c.isalnum() or c == "_" or c in extra)

    def boundary_after(self, pos: int, extra: str = "") -> bool:
        """No word character (or ``extra`` followed by a digit) directly after ``pos``."""
        text = self.text
        if pos >= len(text):
            return True
        c = text[pos]
        if c.isalnum() or c == "_":
            return False
        return not (c in extra and pos + 1 < len(text) and text[pos + 1].isdigit())

    def windows(self, run: DigitRun, min_digits: int, max_digits: int) -> Iterator[Window]:
        """Windows of a run with ``min_digits..max_digits`` digits, split only at weak separators."""
        text, groups, cum, weak = self.text, run.groups, run.cum, run.weak
        n = len(groups)
        for i in range(n):
            if not weak[i]:
                continue
            start = groups[i][0]
            pstart = run.start if i == 0 else start - (text[start - 1] == "(")
            plus = text[pstart] == "+"
            for j in range(i, min(n, i + MAX_WINDOW_GROUPS)):
                count = cum[j + 1] - cum[i]
                if count > max_digits:
                    break
                if count < min_digits or (j < n - 1 and not weak[j + 1]):
                    continue
                end = groups[j][1]
                pend = end + (end < len(text) and text[end] == ")")
                yield Window(
                    start,
                    end,
                    pstart,
                    pend,
                    run.digits[cum[i] : cum[j + 1]],
                    plus,
                    j - i + 1,
                    i == 0 and j == n - 1,
                )
