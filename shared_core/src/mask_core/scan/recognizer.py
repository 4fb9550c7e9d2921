r"""Recognizers: the units of detection, and the pattern recognizer most of them are.

A recognizer finds values of some entity types in the scan view of a text (see ``scan/normalize.py``)
and gives each a score in [0, 1]. A custom one takes a few lines::

    from mask_core.scan import PatternRecognizer

    employee_id = PatternRecognizer(
        "EMPLOYEE_ID",
        r"\\bEMP-\\d{6}\\b",
        score=0.4,                         # below the default threshold on its own...
        context=("employee", "staff id"),  # ...raised above it by these words nearby
    )
    client.add_recognizer(employee_id)

``anchors`` are literals of which at least one must occur for the pattern to run at all (``("AKIA",
"ASIA")``): a C-speed substring check memoised per text, so a recognizer whose anchors are absent
costs almost nothing. ``validator`` receives the matched text and returns False/None (not a
finding: a failed checksum means no finding), True (validated: keeps ``score`` and wins overlaps), or
a float (validated, with that score). ``validated=True`` marks matches of a distinctive pattern (a
provider prefix and exact length) as validated without a validator. ``word_boundary=True`` checks
word boundaries around a match in Python, which is much faster than a leading ``(?<!\w)`` (a
look-behind disables ``re``'s first-character scan).

Numbers are better served by :class:`WindowRecognizer`, which reads the digit runs the scan view has
already extracted (see ``scan/view.py``) instead of scanning the text again.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from mask_core.entities import validate_entity_name
from mask_core.scan.view import ScanView, Window
from mask_core.scan.words import ContextWords
from mask_core.types import Entity

__all__ = [
    "CONTEXT_BOOST",
    "PatternRecognizer",
    "Validator",
    "WholeFinding",
    "WindowRecognizer",
    "context_regex",
]


class WholeFinding(NamedTuple):
    """What a recognizer's optional ``whole(view)`` returns: its finding that spans the whole view.

    ``Scanner.detect`` (the type of a whole value, for ``encode``) asks a recognizer that has
    ``whole`` only that, and needs no span text or metadata: a tuple, not an :class:`Entity`, since
    building an Entity costs as much as the rest of detecting an e-mail address.
    """

    entity_type: str
    start: int  # 0
    end: int  # len(view.text)
    score: float
    validated: bool


Validator = Callable[[str], bool | float | None]

#: How much context words near a match raise its score (capped at 1.0).
CONTEXT_BOOST = 0.35


def context_regex(words: Sequence[str]) -> ContextWords | None:
    """A matcher that finds any of ``words`` as whole words, ignoring case (``scan/words.py``)."""
    return ContextWords(words) if words else None


class PatternRecognizer:
    """A regex, an optional validator, and optional context words."""

    def __init__(
        self,
        entity_type: str,
        pattern: str | re.Pattern[str],
        *,
        name: str | None = None,
        score: float = 0.6,
        validator: Validator | None = None,
        context: Sequence[str] = (),
        context_boost: float = CONTEXT_BOOST,
        requires: str | None = None,
        flags: int = 0,
        group: int | str = 0,
        word_boundary: bool = False,
        anchors: Sequence[str] = (),
        validated: bool | None = None,
        shapes: Sequence[str] = ("text", "number", "email"),
    ) -> None:
        if not 0.0 <= score <= 1.0:
            raise ValueError("score must be within [0, 1]")
        self.entity_type = validate_entity_name(entity_type)
        self.entity_types: tuple[str, ...] = (self.entity_type,)
        self.name = name or f"pattern:{self.entity_type.lower()}"
        self.pattern = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        self.score = score
        self.validator = validator
        self.context = tuple(context)
        self.context_re = context_regex(self.context)
        self.context_boost = context_boost
        self.requires = requires
        self.group = group
        self.word_boundary = word_boundary
        self.anchors = tuple(anchors)
        #: Value shapes ``encode`` type detection runs this recognizer on (see ``Scanner.detect``).
        self.shapes = frozenset(shapes)
        #: Whether a match counts as validated without a validator (a distinctive prefix and length).
        self.structural = bool(validated)

    def __repr__(self) -> str:
        return f"PatternRecognizer({self.entity_type!r}, name={self.name!r})"

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if self.anchors and not view.has_any(self.anchors):
            return
        yield from self.find(view.text)

    def find(self, text: str) -> Iterator[Entity]:
        if self.requires is not None and self.requires not in text:
            return
        if self.anchors and not any(a in text for a in self.anchors):
            return
        for m in self.pattern.finditer(text):
            start, end = m.span(self.group)
            if start == end:
                continue
            if self.word_boundary and (
                (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"))
                or (end < len(text) and (text[end].isalnum() or text[end] == "_"))
            ):
                continue
            value = text[start:end]
            score, validated = self.score, self.structural
            if self.validator is not None:
                verdict = self.validator(value)
                if verdict is None or verdict is False:
                    continue
                validated = True
                if not isinstance(verdict, bool):
                    score = float(verdict)
            yield Entity(self.entity_type, start, end, score, value, self.name, validated)


class WindowRecognizer(ABC):
    """A recognizer for numbers: it validates windows of the shared digit runs (``scan/runs.py``).

    Subclasses set ``entity_type``, ``name``, ``min_digits``/``max_digits`` and implement
    :meth:`check`, which turns one window into a finding or None.
    """

    entity_type: str
    name: str
    min_digits: int
    max_digits: int
    context: tuple[str, ...] = ()
    context_boost: float = CONTEXT_BOOST
    #: Every finding is one window of ``min_digits..max_digits`` digits (``Scanner.detect`` relies on it:
    #: a subclass whose ``check`` returns wider spans sets this False).
    window_findings: bool = True
    #: The highest score ``check`` gives before context words raise it (``Scanner.detect`` stops early
    #: once a validated finding scores this high for every recognizer still to run).
    max_score: float = 1.0

    def __init__(self) -> None:
        self.entity_types: tuple[str, ...] = (self.entity_type,)
        self.context_re = context_regex(self.context)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.entity_type!r})"

    @abstractmethod
    def check(self, view: ScanView, window: Window) -> Entity | None:
        """The finding this window holds, if any (validate here: a failed checksum is no finding)."""

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        for window in view.windows_between(self.min_digits, self.max_digits):
            found = self.check(view, window)
            if found is not None:
                yield found

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))

    def entity(self, view: ScanView, start: int, end: int, score: float) -> Entity:
        return Entity(self.entity_type, start, end, score, view.text[start:end], self.name, True)
