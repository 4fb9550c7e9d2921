"""The scan view: one pass over a text that every recognizer and the token finder share.

A :class:`ScanView` holds a normalised text and computes each candidate index at most once, when a
recognizer first asks: digit runs and their windows, upper-case ids and capitalised words
(``scan/runs.py``), the text's words for the word gates (``scan/word_gates.py``), literals found.
The names of both modules are importable from here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar, overload

from mask_core.scan.runs import (
    CAPITALISED_CLASS_RE,
    CAPITALISED_RE,
    ID_CLASS_RE,
    LAYOUTS,
    LONG_RUN_CLASS_RE,
    LONG_RUN_DIGITS,
    MAX_WINDOW_DIGITS,
    MAX_WINDOW_GROUPS,
    MIN_WINDOW_DIGITS,
    ONE_GROUP,
    RUN_CLASS_RE,
    SEPARATORS,
    SHAPE,
    DigitRun,
    RelWindow,
    Window,
    alnum_classes,
    class_string,
    id_classes,
    new_layout,
    new_tuple,
    run_classes,
    word_classes,
)
from mask_core.scan.word_gates import WordGate, fold_lower, key_words, split_words, word_gate

__all__ = [
    "LONG_RUN_DIGITS",
    "MAX_WINDOW_DIGITS",
    "MIN_WINDOW_DIGITS",
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
        if not self.context:
            return frozenset(split_words(self.lower))
        found = set(split_words(self.lower))
        found.update(split_words(self.key_lower))
        return frozenset(found)

    @_once
    def key_lower(self) -> str:
        """The context key read as words (``key_words``) and folded like ``lower`` ("" without one)."""
        return fold_lower(key_words(self.context)) if self.context else ""

    @_once
    def _alnum(self) -> bytes:
        return alnum_classes(self.text)

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
            classes = word_classes(text)
            return [
                m.span()
                for m in CAPITALISED_CLASS_RE.finditer(classes)
                if m.start() == 0 or classes[m.start() - 1] == 32
            ]
        return [m.span() for m in CAPITALISED_RE.finditer(text) if text[m.start()].isupper()]

    @_once
    def ids(self) -> list[tuple[int, int]]:
        """Spans of upper-case alphanumeric tokens of 6+ characters (dashes allowed inside)."""
        text = self.text
        out = []
        for m in ID_CLASS_RE.finditer(id_classes(text)):
            start, end = m.span()
            if self.boundary_before(start) and self.boundary_after(end):
                out.append((start, end))
        return out

    @_once
    def runs(self) -> list[DigitRun]:
        """Maximal runs of 4+ digits joined by 1-3 separator characters (one regex pass).

        A run's layout (its groups, separators and windows) depends only on its *shape*, the run with
        every digit written as ``0``; layouts are computed once per shape and reused (``runs._layout``).
        """
        return self._runs_of(RUN_CLASS_RE)

    @_once
    def long_runs(self) -> list[DigitRun]:
        """The runs of ``LONG_RUN_DIGITS`` (6) or more digits: all a token, an IPv4 token, a NIF or a
        NIE can be read from. ``runs`` filtered when a scan has built it; otherwise (detokenizing)
        one pass that builds only these, since a maximal run of 6+ digits is a match of the same
        pattern with 6+ digits and a shorter one matches nowhere."""
        if self.runs_built:
            return [r for r in self.runs if r.ndigits >= LONG_RUN_DIGITS]
        return self._runs_of(LONG_RUN_CLASS_RE)

    @property
    def runs_built(self) -> bool:
        """Whether ``runs`` has been computed for this view (a scan builds it; a detokenize need not)."""
        return "runs" in self.__dict__

    def _runs_of(self, pattern: re.Pattern[bytes]) -> list[DigitRun]:
        text = self.text
        out: list[DigitRun] = []
        for m in pattern.finditer(run_classes(text)):
            first, end = m.span()
            start = first
            if start and text[start - 1] == "(":
                start -= 1
            if start and text[start - 1] == "+":
                start -= 1
            whole = text[first:end]
            if whole.isdigit():
                n = end - first
                one = ONE_GROUP.get(n)
                if one is None:  # a run of 64+ digits
                    one = (RelWindow(0, n, -1, -1, 0, n, 1, True),) if n <= MAX_WINDOW_DIGITS else ()
                out.append(
                    new_tuple(DigitRun, (start, end, ((first, end),), n, whole, (0, n), (True,), first, one))
                )
                continue
            raw = whole.encode("ascii")
            lay = LAYOUTS.get(shape := raw.translate(SHAPE)) or new_layout(shape)
            groups = tuple([(first + a, first + b) for a, b in lay.groups])
            digits = raw.translate(None, SEPARATORS).decode("ascii")
            out.append(
                new_tuple(
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
                new_tuple(
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
        return new_tuple(
            Window, (first + so, first + eo, pstart, pend, run.digits[d0:d1], plus, ngroups, whole)
        )

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
