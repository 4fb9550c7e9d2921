"""The optional attributes a recognizer may declare, beyond :class:`~mask_core.types.Recognizer`.

The scanner reads each with ``getattr`` and a default, so a recognizer declares only those that apply
(a plain class, a :class:`~mask_core.scan.PatternRecognizer`, anything). :class:`RecognizerTraits`
lists them in one place: it is documentation for typing tools and readers, not a class to inherit
from, and nothing checks a recognizer against it at run time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from mask_core.types import Entity

if TYPE_CHECKING:
    from mask_core.scan.gates import Gate
    from mask_core.scan.recognizer import WholeFinding
    from mask_core.scan.view import ScanView, Window

__all__ = ["RecognizerTraits"]


class RecognizerTraits(Protocol):
    """Every optional attribute ``Scanner`` (``scan/scanner.py``) and the gates (``scan/gates.py``)
    read from a recognizer; the default, used when the attribute is missing, is in brackets.

    ``tests/test_recognizer_traits.py`` holds this list equal to the names those modules read.
    """

    #: How the scanner runs the recognizer: on the shared scan view, whose candidate indexes (digit
    #: runs, windows, words) it reads instead of searching the text again. [``find(view.text)``]
    def find_in_view(self, view: ScanView) -> Iterable[Entity]: ...

    #: A cheap necessary condition for ``find_in_view`` to find anything (``mask_core.scan.Runs``,
    #: ``Literals``, ``Words``, ``AnyOf``, or the older tuple form), checked for all recognizers at once
    #: before any starts. A promise about the ``find_in_view`` of the class that declares it. [none:
    #: the recognizer always runs, unless :func:`~mask_core.scan.gates.gate_of` derives one]
    scan_gate: Gate | tuple[int, Any] | None

    #: Words that make a finding likelier: anything with ``search(text)`` (a compiled regex, or a
    #: ``ContextWords``), searched around each finding scoring below 1 and in the JSON key. [None]
    context_re: Any

    #: What a finding's score gains when ``context_re`` finds a word near it; 0 turns context off. [0.0]
    context_boost: float

    #: The value shapes ``Scanner.detect`` runs the recognizer on: ``"number"`` (digits and
    #: separators), ``"email"`` (has an ``@``), ``"text"``. [every shape]
    shapes: frozenset[str]

    #: The highest score the recognizer gives without context: ``detect`` stops once a validated
    #: finding scores at least that of every recognizer still to run. [1.0]
    max_score: float

    #: Every finding is one window of ``min_digits..max_digits`` digits (``ScanView.windows_between``):
    #: the gates open it only on a digit run that long, and ``detect`` asks ``check`` of the windows of
    #: all a number's digits only. [False; True for a ``WindowRecognizer``]
    window_findings: bool

    #: With ``window_findings``: the digit counts of its windows.
    min_digits: int
    max_digits: int

    #: With ``window_findings``: the finding of one window, or None.
    def check(self, view: ScanView, window: Window) -> Entity | None: ...

    #: The finding that spans the whole view, or None: ``detect`` (the type of a whole value, for
    #: ``encode``) asks only this when it is there. [``find_in_view`` and a span check]
    def whole(self, view: ScanView) -> WholeFinding | None: ...

    #: Scanning does model inference or network I/O, so async callers run it in a thread. [False]
    heavy: bool
