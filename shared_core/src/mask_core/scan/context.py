"""Context-only types: values that are sensitive only where words around them say what they are.

A nine-digit number is an order id, a zip+4, a passport or a bank account; ``E12345`` is a product code
or an employee id. Such types are found only next to their words ("passport", "MRN", "member id"),
or under a JSON key that says so (``{"passport_no": "X1234567"}``): with context a finding scores
``score_with`` (above the default threshold), without it ``score_without`` (below it), so lowering
the threshold shows the bare candidates too.

Cost: a recognizer whose words occur nowhere in the text or its key does nothing but a few C-speed
substring checks. Its candidates come from indexes the scan view already holds (upper-case ids, digit
windows, or one anchored pattern run only when a word is present).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Literal

from mask_core.entities import validate_entity_name
from mask_core.scan.recognizer import context_regex
from mask_core.scan.view import ScanView, key_words, word_gate
from mask_core.types import Entity

__all__ = ["ContextRecognizer", "key_words"]

_BEFORE, _AFTER = 48, 16


class ContextRecognizer:
    """Candidates of one shape, scored by whether their context words are near.

    Parameters
    ----------
    entity_type:
        What a finding is.
    words:
        Context words (lower case; phrases allowed). They gate the recognizer and decide the score.
    shape:
        A regex the whole candidate must match (``fullmatch``).
    source:
        ``"ids"`` (upper-case alphanumeric tokens of the view), ``"digits"`` (whole digit windows of
        ``min_digits..max_digits``) or ``"pattern"`` (``shape`` matched right after each word; its
        first group, if any, is the value).
    validator:
        Optional check of the candidate; False or None rejects it (e.g. a failed checksum).
    """

    context_boost = 0.0  # the recognizer scores context itself
    shapes: frozenset[str] = frozenset()  # a bare value has no context: never run by type detection

    def __init__(
        self,
        entity_type: str,
        *,
        words: Sequence[str],
        shape: str | re.Pattern[str],
        source: Literal["ids", "digits", "pattern"] = "ids",
        name: str | None = None,
        score_with: float = 0.75,
        score_without: float = 0.2,
        validator: Callable[[str], bool | None] | None = None,
        min_digits: int = 7,
        max_digits: int = 19,
        flags: int = 0,
        reach: int = _BEFORE,  # how far before a candidate its words may be
    ) -> None:
        self.entity_type = validate_entity_name(entity_type)
        self.entity_types: tuple[str, ...] = (self.entity_type,)
        self.name = name or f"context:{entity_type.lower()}"
        self.words = tuple(w.lower() for w in words)
        self.context_re = context_regex(self.words)
        # The gate only decides whether to look at all (``_near`` then checks the words exactly): a
        # text without all the words of one phrase, in the text or its key, is skipped at once.
        self.gate = word_gate(self.words)
        self.shape = shape if isinstance(shape, re.Pattern) else re.compile(shape, flags)
        self.source = source
        self.score_with = score_with
        self.score_without = score_without
        self.validator = validator
        self.min_digits, self.max_digits = min_digits, max_digits
        self.reach = reach

    def __repr__(self) -> str:
        return f"ContextRecognizer({self.entity_type!r})"

    def _candidates(self, view: ScanView) -> Iterator[tuple[int, int]]:
        text = view.text
        if self.source == "ids":
            for start, end in view.ids:
                if self.shape.fullmatch(text, start, end):
                    yield start, end
        elif self.source == "digits":
            seen = set()
            for w in view.windows_between(self.min_digits, self.max_digits):
                if w.ngroups == 1 and (w.start, w.end) not in seen and not w.plus:
                    seen.add((w.start, w.end))
                    if (
                        view.boundary_before(w.start, ".-/")
                        and view.boundary_after(w.end, ".-/")
                        and self.shape.fullmatch(text, w.start, w.end)
                    ):
                        yield w.start, w.end
        else:
            assert self.context_re is not None
            taken = -1
            for m in self.context_re.finditer(view.lower, folded=True):
                # The shape starts where the word ends and holds its own separator (": ", " is ").
                v = self.shape.match(text, m.end())
                if v is not None:
                    span = v.span(v.lastindex or 0)
                    if span[0] >= taken and span[0] < span[1]:
                        taken = span[1]
                        yield span
            if view.context and self.context_re.search(view.key_lower, folded=True):
                v = self.shape.fullmatch(text.strip())
                if v is not None:
                    offset = len(text) - len(text.lstrip())
                    yield offset + v.start(v.lastindex or 0), offset + v.end(v.lastindex or 0)

    def _near(self, view: ScanView, start: int, end: int) -> bool:
        assert self.context_re is not None
        lower = view.lower
        window = lower[max(0, start - self.reach) : start] + " " + lower[end : end + _AFTER]
        if self.context_re.search(window, folded=True):
            return True
        return bool(view.context) and self.context_re.search(view.key_lower, folded=True) is not None

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if not view.mentions(self.gate):
            return
        text = view.text
        for start, end in self._candidates(view):
            value = text[start:end]
            if self.validator is not None and not self.validator(value):
                continue
            near = self.source == "pattern" or self._near(view, start, end)
            score = self.score_with if near else self.score_without
            yield Entity(self.entity_type, start, end, score, value, self.name, self.validator is not None)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
