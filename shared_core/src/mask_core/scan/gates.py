"""Recognizer gates: which recognizers a scan view opens, decided before any of them starts.

Starting 45 recognizers on a short JSON value ("shipped") costs more than the checks that end nearly
all of them at once, and walking them one by one to ask each its gate costs a good share of a 1 KB
scan. So each recognizer declares a cheap necessary condition (:func:`gate_of`: :class:`Runs`,
:class:`Literals`, :class:`Words`, or :class:`AnyOf` of these), and
:class:`GateIndex` indexes those conditions per recognizer set: one comparison of the view's longest
digit run opens every run-gated recognizer at once, one substring test per literal opens the
literal-gated ones, and one set intersection of the view's words with every word gate's key words
finds the few word-gated ones worth asking; the few ``AnyOf`` gates are tested one by one. Only
those run, in pipeline order.

A gate may only skip work, never a finding: ``tests/test_scan_gates.py`` compares gated scans with
ungated ones.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.recognizer import PatternRecognizer, WindowRecognizer
from mask_core.scan.view import ScanView, WordGate
from mask_core.types import Entity, Recognizer

__all__ = [
    "ANY",
    "LITERALS",
    "RUNS",
    "WORDS",
    "AnyOf",
    "Gate",
    "GateIndex",
    "Literals",
    "Runs",
    "Step",
    "Words",
    "as_gate",
    "gate_of",
    "opens",
]


@dataclass(frozen=True, slots=True)
class Runs:
    """Open when the view has a digit run of ``min_digits`` or more digits (``ScanView.runs``)."""

    min_digits: int


@dataclass(frozen=True, slots=True, init=False)
class Literals:
    """Open when the text holds one of ``literals`` (a substring test each, case-sensitive)."""

    literals: frozenset[str]

    def __init__(self, literals: Iterable[str]) -> None:
        if isinstance(literals, str):  # frozenset("BDG-") would be four one-letter literals
            raise TypeError("Literals takes a collection of strings, not one string")
        object.__setattr__(self, "literals", frozenset(literals))


@dataclass(frozen=True, slots=True)
class Words:
    """Open when one of the gate's phrases may occur as whole words (``word_gate``, ``ScanView.mentions``)."""

    gate: WordGate


@dataclass(frozen=True, slots=True, init=False)
class AnyOf:
    """Open when one of ``gates`` is (none: never)."""

    gates: tuple[Gate, ...]

    def __init__(self, *gates: Gate) -> None:
        object.__setattr__(self, "gates", gates)


#: A recognizer's gate: a cheap necessary condition for it to find anything in a view.
Gate = Runs | Literals | Words | AnyOf

# The older spelling of gates, still accepted in ``scan_gate`` (``as_gate`` converts it once, when a
# scanner builds its index): (RUNS, min digits), (LITERALS, frozenset of literals), (WORDS, a
# WordGate), (ANY, tuple of gates).
RUNS, LITERALS, WORDS, ANY = 0, 1, 2, 3

#: One recognizer as ``Scanner.find`` runs it: its types, how to run it on a view, its context regex,
#: boost, and its gate (None: it always starts).
Step = tuple[frozenset[str], Callable[[ScanView], Iterable[Entity]], Any, float, Gate | None]

_WINDOW_FIND = WindowRecognizer.find_in_view
_PATTERN_FIND = PatternRecognizer.find_in_view
_CONTEXT_FIND = ContextRecognizer.find_in_view


def as_gate(gate: Gate | tuple[int, Any]) -> Gate:
    """``gate`` as a :data:`Gate`, converting the older ``(kind, argument)`` tuple form."""
    if isinstance(gate, Runs | Literals | Words | AnyOf):
        return gate
    kind, arg = gate
    if kind == RUNS:
        return Runs(int(arg))
    if kind == LITERALS:
        return Literals(arg)
    if kind == WORDS:
        return Words(arg)
    if kind == ANY:
        return AnyOf(*(as_gate(g) for g in arg))
    raise ValueError(f"unknown gate kind {kind!r}")


def gate_of(rec: Recognizer) -> Gate | None:
    """A cheap necessary condition for ``rec`` to find anything in a view (None: none is known).

    Only conditions the recognizer's own ``find_in_view`` checks first (or that hold by construction)
    qualify: a digit run of ``min_digits`` or more for a recognizer whose findings are windows of
    the runs (``window_findings``, every ``WindowRecognizer`` that keeps its ``find_in_view``), its
    anchors for a ``PatternRecognizer``, its word gate for a ``ContextRecognizer``, or what a class
    declares as ``scan_gate`` for the ``find_in_view`` it defines (a subclass that replaces that
    method loses the declared gate).
    """
    own = getattr(type(rec), "find_in_view", None)
    declared = _declared_gate(type(rec))
    if declared is not None:
        return declared
    if isinstance(rec, PatternRecognizer) and own is _PATTERN_FIND:
        return Literals(rec.anchors) if rec.anchors else None
    if isinstance(rec, ContextRecognizer) and own is _CONTEXT_FIND:
        return Words(rec.gate)
    if (isinstance(rec, WindowRecognizer) and own is _WINDOW_FIND) or getattr(rec, "window_findings", False):
        return Runs(int(getattr(rec, "min_digits", 0)))  # a window lies within one run
    return None


def _declared_gate(cls: type) -> Gate | None:
    """The ``scan_gate`` a class declares, if the class that declares it also defines the
    ``find_in_view`` in effect (the gate is a promise about that method only)."""
    for klass in cls.__mro__:
        if "scan_gate" in klass.__dict__:
            if klass.__dict__.get("find_in_view") is not getattr(cls, "find_in_view", None):
                return None
            gate = klass.__dict__["scan_gate"]
            return None if gate is None else as_gate(gate)
    return None


def opens(view: ScanView, gate: Gate) -> bool:
    """Whether ``view`` opens ``gate`` (the plain definition, which :class:`GateIndex` indexes)."""
    if isinstance(gate, Runs):
        return any(r.ndigits >= gate.min_digits for r in view.runs)
    if isinstance(gate, Literals):
        return any(literal in view.text for literal in gate.literals)
    if isinstance(gate, Words):
        return view.mentions(gate.gate)
    return any(opens(view, g) for g in gate.gates)


# Characters of English text and data from the most to the least common (letters by frequency,
# then digits and punctuation); a character missing here is rarer than all of them.
_COMMON = " etaoinshrdlcumwfgypbvkjxqz.,0123456789-:'\"ETAOINSHRDLCUMWFGYPBVKJXQZ/"


def _rarest(literal: str) -> str:
    """The character of ``literal`` least likely to occur in a text (see ``_COMMON``)."""
    return max(literal, key=lambda ch: _COMMON.find(ch) if ch in _COMMON else len(_COMMON))


def _members(gate: Gate) -> Iterator[Runs | Literals | Words]:
    """The gates ``gate`` is any of, nested ``AnyOf`` flattened, in the order written."""
    if isinstance(gate, AnyOf):
        for g in gate.gates:
            yield from _members(g)
    else:
        yield gate


def _compiled(gate: Runs | Literals | Words) -> tuple[int, Any]:
    """``gate`` as the index tests it per text: a kind number and its argument (an int comparison
    picks the test, cheaper than asking the class)."""
    if isinstance(gate, Runs):
        return RUNS, gate.min_digits
    if isinstance(gate, Literals):
        return LITERALS, gate.literals
    return WORDS, gate.gate


class GateIndex:
    """The steps of one recognizer set with their gates indexed; :meth:`open_steps` lists the steps a
    view opens, in pipeline order. Immutable once built, so threads share it freely."""

    __slots__ = (
        "_always",
        "_any",
        "_by_word",
        "_chosen",
        "_literals",
        "_run_idx",
        "_run_mins",
        "_split",
        "_subsets",
        "_word_gates",
        "_word_keys",
        "steps",
    )

    def __init__(self, steps: Sequence[Step], chosen: Iterable[int] | None = None) -> None:
        self.steps = tuple(steps)
        self._chosen = None if chosen is None else tuple(sorted(chosen))
        indexes = range(len(self.steps)) if self._chosen is None else self._chosen
        always: list[int] = []
        runs: list[tuple[int, int]] = []
        literals: dict[str, list[int]] = {}
        word_gates: dict[int, WordGate] = {}
        by_word: dict[bytes, list[int]] = {}
        word_always: list[int] = []
        any_of: list[tuple[int, tuple[tuple[int, Any], ...]]] = []
        for i in indexes:
            gate = self.steps[i][4]
            if gate is None:
                always.append(i)
            elif isinstance(gate, AnyOf):
                # Tested per text, in the order written, until one opens (a date is nearly always
                # opened by its digit run, before its two dozen am/pm spellings are looked for).
                any_of.append((i, tuple(_compiled(g) for g in _members(gate))))
            elif isinstance(gate, Runs):
                runs.append((gate.min_digits, i))
            elif isinstance(gate, Literals):
                for literal in sorted(gate.literals):
                    literals.setdefault(literal, []).append(i)
            else:
                word_gates[i] = gate.gate
                if gate.gate.keys is None:  # a phrase without words: always asked
                    word_always.append(i)
                else:
                    for key in gate.gate.keys:
                        by_word.setdefault(key, []).append(i)
        runs.sort()
        self._always = tuple(always)
        self._any = tuple(any_of)
        self._run_mins = [m for m, _ in runs]
        self._run_idx = tuple(i for _, i in runs)
        self._literals = tuple((lit, _rarest(lit), tuple(idx)) for lit, idx in literals.items())
        self._word_gates = word_gates
        self._by_word = {k: tuple(v) for k, v in by_word.items()}
        self._word_keys = frozenset(by_word)
        # Word gates without key words are listed under the empty key, which ``open_steps`` adds.
        if word_always:
            self._by_word[b""] = tuple(word_always)
        self._subsets: dict[frozenset[str], GateIndex] = {}
        self._split: tuple[frozenset[str], GateIndex, GateIndex] | None = None

    def for_entities(self, enabled: frozenset[str] | None) -> GateIndex:
        """The index restricted to the steps that can find one of ``enabled`` (None: every type)."""
        if enabled is None:
            return self
        sub = self._subsets.get(enabled)
        if sub is None:
            if len(self._subsets) >= 64:  # many distinct filters: stay bounded
                self._subsets.clear()
            chosen = [i for i, step in enumerate(self.steps) if not enabled.isdisjoint(step[0])]
            sub = self._subsets[enabled] = GateIndex(self.steps, chosen)
        return sub

    def split(self, reported: frozenset[str]) -> tuple[GateIndex, GateIndex]:
        """This index as two: the steps that can find a type outside ``reported``, and the steps that
        find only ``reported`` types (a tokenizing scan runs the second only when it must)."""
        cached = self._split
        if cached is not None and cached[0] == reported:
            return cached[1], cached[2]
        mine = range(len(self.steps)) if self._chosen is None else self._chosen
        # A step that declares no types may find anything: it stays with the protected ones.
        only = [i for i in mine if self.steps[i][0] and self.steps[i][0] <= reported]
        rest = [i for i in mine if not (self.steps[i][0] and self.steps[i][0] <= reported)]
        protected, reporting = GateIndex(self.steps, rest), GateIndex(self.steps, only)
        self._split = (reported, protected, reporting)
        return protected, reporting

    def open_steps(self, view: ScanView) -> list[int]:
        """Indexes of the steps whose gate ``view`` opens (or that have none), in pipeline order."""
        chosen = list(self._always)
        for i, members in self._any:
            for kind, arg in members:
                if kind == RUNS:
                    opened = any(r.ndigits >= arg for r in view.runs)
                elif kind == LITERALS:
                    opened = any(literal in view.text for literal in arg)
                else:
                    opened = view.mentions(arg)
                if opened:
                    chosen.append(i)
                    break
        if self._run_mins:
            longest = max([r.ndigits for r in view.runs], default=0)
            chosen.extend(self._run_idx[: bisect_right(self._run_mins, longest)])
        if self._literals:
            text = view.text
            for literal, rare, idx in self._literals:
                # The literal's rarest character first: a one-character search runs at memchr speed,
                # and most literals (key prefixes, PEM headers) have a character most texts lack.
                if rare in text and literal in text:
                    chosen.extend(idx)
        by_word = self._by_word
        if by_word:
            keys = view.words & self._word_keys
            asked = [i for key in keys for i in by_word[key]]
            asked.extend(by_word.get(b"", ()))
            word_gates = self._word_gates
            for i in dict.fromkeys(asked):
                if view.mentions(word_gates[i]):
                    chosen.append(i)
        return sorted(set(chosen))
