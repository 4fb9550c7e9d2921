"""The scanner: runs the recognizer pipeline over a text and settles on one finding per span.

Pipeline for one text::

    view     = normalize(text)                       # scan/normalize.py
    raw      = [every finding of every enabled recognizer on view]
    boosted  = raw, with context words near a finding (or in the JSON key it sits under) raising its score
    kept     = boosted with score >= threshold
    named    = NER tier on the text with `kept` spans blanked (optional; one batch for many texts)
    findings = resolve_overlaps(kept + named)        # one span per character

Overlaps resolve by, in order: validated beats unvalidated, longer beats shorter, higher score beats
lower, earlier beats later. Tokens already in the text are claimed before this by the client (they
need the vault), so they are never rescanned.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from mask_core.errors import InvalidInputError
from mask_core.scan.addressees import ADDRESSEE_SCORE, addressees
from mask_core.scan.gates import GateIndex, Step
from mask_core.scan.gates import gate_of as _gate_of
from mask_core.scan.mentions import MENTION_SCORE, with_mentions
from mask_core.scan.normalize import Normalized, normalize
from mask_core.scan.recognizer import WholeFinding, WindowRecognizer
from mask_core.scan.spans import Taken
from mask_core.scan.view import ScanView, Window, key_words
from mask_core.scan.words import ContextWords
from mask_core.types import Entity, Recognizer


class NerTier(Protocol):
    """What the scanner needs of the NER tier (``scan/ner.py``'s :class:`NerRecognizer`)."""

    entity_types: tuple[str, ...]

    def find_many(
        self,
        texts: Sequence[str],
        claimed: Sequence[Sequence[tuple[int, int]]] | None = None,
        labels: Sequence[bool] | None = None,
    ) -> list[list[Entity]]: ...


__all__ = ["DEFAULT_THRESHOLD", "REPORT_ONLY", "NerTier", "Scanner", "resolve_overlaps", "resolve_reported"]

DEFAULT_THRESHOLD = 0.5
#: Types found and reported, but left in clear when text is tokenized unless configured otherwise:
#: generic dates and times (an agent's arithmetic on order dates must keep working; a date of birth is
#: ``DATE_OF_BIRTH`` and always protected), URLs (a URL is an address of a resource, not of a person;
#: what a URL holds, an e-mail in its query or an SSN in its path, is found on its own), and NRP
#: (nationalities, religious and political groups: the small models tag every "British" and
#: "Turkish"; protect them with ``MASK_REPORT_ONLY=DATE_TIME,URL`` where they matter).
REPORT_ONLY: frozenset[str] = frozenset({"DATE_TIME", "URL", "NRP"})

# Which recognizers Scanner.find runs: all, those that can find a protected type, or those that find
# only report-only types.
_ALL, _PROTECTED, _REPORTED = "all", "protected", "reported"
_NUMBER_SHAPE = re.compile(r"[+(]?[0-9][0-9 ().\-/]*")
_CONTEXT_BEFORE = 48
_CONTEXT_AFTER = 16


def _priority(e: Entity | WholeFinding) -> tuple[bool, int, float, int]:
    return (not e.validated, -(e.end - e.start), -e.score, e.start)


def resolve_overlaps(entities: Iterable[Entity]) -> list[Entity]:
    """Keep a non-overlapping subset, best first (see module docstring), returned in text order."""
    return _keep_disjoint(sorted(entities, key=_priority), Taken(), [])


def resolve_reported(entities: Iterable[Entity], report_only: frozenset[str]) -> list[Entity]:
    """:func:`resolve_overlaps`, with findings of report-only types kept only where no finding of
    another type lies: a date never hides a date of birth, a URL never hides the e-mail inside it."""
    protected: list[Entity] = []
    reported: list[Entity] = []
    for e in entities:
        (reported if e.entity_type in report_only else protected).append(e)
    kept = resolve_overlaps(protected)
    if not reported:
        return kept
    return _keep_disjoint(resolve_overlaps(reported), Taken((e.start, e.end) for e in kept), kept)


def _keep_disjoint(candidates: Iterable[Entity], taken: Taken, kept: list[Entity]) -> list[Entity]:
    """``kept`` (in text order, its spans in ``taken``) plus each candidate, in the order given, that
    overlaps nothing kept so far."""
    for e in candidates:
        i = taken.take(e.start, e.end)
        if i is not None:
            kept.insert(i, e)
    return kept


class Scanner:
    """An ordered, thread-safe pipeline of recognizers with a score threshold and an entity filter."""

    def __init__(
        self,
        recognizers: Iterable[Recognizer] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        entities: Iterable[str] | None = None,
        ner: NerTier | None = None,
        report_only: Iterable[str] = REPORT_ONLY,
    ) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise InvalidInputError("the score threshold must be within [0, 1]")
        self.threshold = threshold
        #: Types that ``scan`` reports but tokenizing leaves in clear (see :data:`REPORT_ONLY`). Their
        #: findings never win an overlap against a protected finding (``resolve_reported``).
        self.report_only: frozenset[str] = frozenset(report_only)
        self._recognizers: tuple[Recognizer, ...] = tuple(recognizers)
        self._enabled: frozenset[str] | None = frozenset(entities) if entities is not None else None
        self._lock = threading.Lock()
        self._cached_index: tuple[tuple[Recognizer, ...], GateIndex] | None = None
        self._cached_heavy: tuple[tuple[Recognizer, ...], bool] | None = None
        self._cached_shapes: tuple[tuple[Recognizer, ...], dict[tuple[str, int], Any]] | None = None
        #: The NER tier (``scan/ner.py``), run after the recognizers on what they left; None: tier 1 only.
        self.ner: NerTier | None = ner

    @property
    def recognizers(self) -> tuple[Recognizer, ...]:
        return self._recognizers

    def add(self, recognizer: Recognizer) -> None:
        if not isinstance(recognizer, Recognizer):
            raise InvalidInputError("a recognizer needs 'name', 'entity_types' and a find(text) method")
        with self._lock:
            self._recognizers = (*self._recognizers, recognizer)

    def remove(self, name: str) -> None:
        with self._lock:
            self._recognizers = tuple(r for r in self._recognizers if r.name != name)

    def enable(self, entities: Iterable[str] | None) -> None:
        """Restrict detection to these entity types (None: every type)."""
        self._enabled = frozenset(entities) if entities is not None else None

    def configure(
        self, *, enable: Iterable[str] | None = None, disable: Iterable[str] = ()
    ) -> frozenset[str] | None:
        """Switch categories and single types on and off; returns the types now enabled (None: all).

        Names are entity types (``"URL"``) or categories (``"HEALTH"``, see
        :class:`~mask_core.entities.Category`). ``enable`` restricts detection to those names;
        ``disable`` then removes names from what is enabled::

            scanner.configure(disable=["CORPORATE", "URL"])      # everything but secrets and URLs
            scanner.configure(enable=["FINANCIAL", "EMAIL_ADDRESS"])
        """
        from mask_core.entity_names import expand_names

        supported = self.supported_entities
        chosen = set(expand_names(enable, supported)) if enable is not None else set(supported)
        chosen -= expand_names(disable, supported)
        self._enabled = None if enable is None and not disable else frozenset(chosen)
        return self._enabled

    @property
    def heavy(self) -> bool:
        """Whether scanning does model inference or network I/O (async callers run it in a thread)."""
        if self.ner is not None:
            return True
        recognizers = self._recognizers
        cached = self._cached_heavy
        if cached is None or cached[0] is not recognizers:  # asked on every scan: once per set
            cached = self._cached_heavy = (recognizers, any(getattr(r, "heavy", False) for r in recognizers))
        return cached[1]

    @property
    def supported_entities(self) -> frozenset[str]:
        ner = self.ner.entity_types if self.ner is not None else ()
        return frozenset(t for r in self._recognizers for t in r.entity_types) | frozenset(ner)

    def enabled_for(self, entities: Sequence[str] | None = None) -> frozenset[str] | None:
        """The types a scan with this entity filter may report (None: every type)."""
        return self._enabled if entities is None else frozenset(entities)

    def ner_runs(self, entities: Sequence[str] | None = None) -> bool:
        """Whether ``find_many`` runs the NER tier for this entity filter (it needs the claimed spans)."""
        ner = self.ner
        enabled = self._enabled if entities is None else frozenset(entities)
        return ner is not None and (enabled is None or not enabled.isdisjoint(ner.entity_types))

    def find_many(
        self,
        views: Sequence[ScanView],
        *,
        entities: Sequence[str] | None = None,
        claimed: Sequence[Sequence[tuple[int, int]]] | None = None,
        threshold: float | None = None,
        quiet: Sequence[bool] | None = None,
        protected_only: bool = False,
        record: Sequence[Entity] | None = None,
        labels: Sequence[bool] | None = None,
    ) -> list[list[Entity]]:
        """Tier 1 on each view, then the NER tier over all of them in one batch (overlapping findings).

        The NER tier sees each text with the spans tier 1 found above the threshold, and the
        ``claimed`` spans (live tokens), blanked out; it skips the views ``quiet`` marks (values of
        descriptive fields, ``FieldHint.names``). Views carry their JSON-key context.
        ``threshold`` replaces the scanner's score threshold for this call.

        ``protected_only`` is for a caller that drops report-only findings (tokenizing): without the
        NER tier, the recognizers that find only report-only types do not run. The protected
        findings are the same either way: a report-only finding never wins an overlap
        (:func:`resolve_reported`), and the one place it matters, a later mention of a name inside a
        date, asks for those recognizers when it meets such a mention.

        ``record`` says the views are the texts of one payload (a tool result), with the findings of
        its typed fields: a name found anywhere in it is protected at its mentions in every text.
        ``labels`` marks the views that are dict keys, which the NER tier reads only when they may
        hold a name (a column's label of common words does not).
        """
        limit = self.threshold if threshold is None else threshold
        ner = self.ner
        ner_runs = ner is not None and self.ner_runs(entities)
        if protected_only and not ner_runs:
            part = _PROTECTED
            found = [self.find(view, entities=entities, threshold=limit, part=part) for view in views]
            self._addressees(views, found, entities, limit)
            return self.mentions(views, found, entities, limit, reported_skipped=True, record=record)
        found = [self.find(view, entities=entities, threshold=limit) for view in views]
        if ner is None or not ner_runs:
            self._addressees(views, found, entities, limit)
            return self.mentions(views, found, entities, limit, record=record)
        enabled = self._enabled if entities is None else frozenset(entities)
        # Everything tier 1 found is hidden from the model, reported types too: a URL's path segments
        # and a timestamp's month name are not people or places.
        hidden = [
            [(e.start, e.end) for e in per_text] + list(claimed[i] if claimed is not None else ())
            for i, per_text in enumerate(found)
        ]
        read = [i for i in range(len(views)) if quiet is None or not quiet[i]]
        named_read = ner.find_many(
            [views[i].text for i in read],
            [hidden[i] for i in read],
            None if labels is None else [labels[i] for i in read],
        )
        named: list[list[Entity]] = [[] for _ in views]
        for i, extra in zip(read, named_read, strict=True):
            named[i] = extra
        for per_text, extra in zip(found, named, strict=True):
            per_text.extend(
                e for e in extra if e.score >= limit and (enabled is None or e.entity_type in enabled)
            )
        self._addressees(views, found, entities, limit)
        return self.mentions(views, found, entities, limit, record=record)

    def _addressees(
        self,
        views: Sequence[ScanView],
        found: list[list[Entity]],
        entities: Sequence[str] | None,
        limit: float,
    ) -> None:
        """Extend each view's findings with the names heading its street addresses
        (``scan/addressees.py``), before their other mentions are looked for."""
        enabled = self._enabled if entities is None else frozenset(entities)
        if limit > ADDRESSEE_SCORE or (enabled is not None and "PERSON" not in enabled):
            return
        for view, per_text in zip(views, found, strict=True):
            if any(e.entity_type == "STREET_ADDRESS" for e in per_text):
                per_text.extend(addressees(view.text, per_text))

    def mentions(
        self,
        views: Sequence[ScanView],
        found: list[list[Entity]],
        entities: Sequence[str] | None,
        limit: float,
        *,
        reported_skipped: bool = False,
        record: Sequence[Entity] | None = None,
    ) -> list[list[Entity]]:
        """``found`` with every other mention of what it names (:func:`with_mentions`). With
        ``reported_skipped``, the report-only findings a mention must not overlap are found only for
        a text that has a mention to check."""
        if limit > MENTION_SCORE:
            return found
        reported: Callable[[ScanView], list[Entity]] | None = None
        if reported_skipped:

            def reported(view: ScanView) -> list[Entity]:
                return self.find(view, entities=entities, threshold=limit, part=_REPORTED)

        enabled = self._enabled if entities is None else frozenset(entities)
        return with_mentions(views, found, enabled=enabled, record=record, reported=reported)

    def find(
        self,
        view: ScanView | str,
        *,
        context: str | None = None,
        entities: Sequence[str] | None = None,
        threshold: float | None = None,
        part: str = _ALL,
    ) -> list[Entity]:
        """Findings above the threshold in a scan view, overlapping (the caller resolves). ``part``
        (internal) runs only the recognizers of protected types, or only those of report-only ones."""
        if isinstance(view, str):
            view = ScanView(view, context)
        elif context is not None and view.context is None:
            view.context = context
        limit = self.threshold if threshold is None else threshold
        enabled = self._enabled if entities is None else frozenset(entities)
        out: list[Entity] = []
        index = self._gate_index().for_entities(enabled)
        if part != _ALL:
            protected, reporting = index.split(self.report_only)
            index = protected if part == _PROTECTED else reporting
        steps = index.steps
        for i in index.open_steps(view):
            _types, run, context_re, boost, _gate = steps[i]
            for e in run(view):
                if enabled is not None and e.entity_type not in enabled:
                    continue
                if context_re is not None and e.score < 1.0 and _context_near(view, e, context_re):
                    e = Entity(  # noqa: PLW2901 - the boosted finding replaces the raw one
                        e.entity_type, e.start, e.end, min(1.0, e.score + boost), e.text,
                        e.recognizer, e.validated, e.metadata,
                    )  # fmt: skip
                if e.score >= limit:
                    out.append(e)
        return out

    def _gate_index(self) -> GateIndex:
        """Per recognizer, what ``find`` needs, with the gates indexed (``scan/gates.py``): built once
        per recognizer set, not once per text."""
        recognizers = self._recognizers
        cached = self._cached_index
        if cached is not None and cached[0] is recognizers:
            return cached[1]
        steps: list[Step] = []
        for rec in recognizers:
            context_re = getattr(rec, "context_re", None)
            boost = float(getattr(rec, "context_boost", 0.0))
            context_re = context_re if boost > 0.0 else None
            steps.append((frozenset(rec.entity_types), _runner(rec), context_re, boost, _gate_of(rec)))
        index = GateIndex(steps)
        self._cached_index = (recognizers, index)
        return index

    def _by_shape(self, shape: str, ndigits: int = -1) -> tuple[tuple[_Detector, ...], tuple[_Detector, ...]]:
        """How ``detect`` runs each recognizer on a value of ``shape`` (with ``ndigits`` digits, for
        numbers), computed once per recognizer set and key, not once per value: the recognizers that
        can find a protected type, then those that find only report-only types."""
        recognizers = self._recognizers
        cached = self._cached_shapes
        if cached is None or cached[0] is not recognizers:
            cached = self._cached_shapes = (recognizers, {})
        key = (shape, ndigits)
        runs: tuple[tuple[_Detector, ...], tuple[_Detector, ...]] | None = cached[1].get(key)
        if runs is None:
            chosen = [
                r for r in recognizers if shape in getattr(r, "shapes", (shape,)) and _may_hold(r, ndigits)
            ]
            reported = [r for r in chosen if r.entity_types and set(r.entity_types) <= self.report_only]
            protected = [r for r in chosen if r not in reported]

            def detectors(recs: list[Recognizer]) -> tuple[_Detector, ...]:
                # After each recognizer, the best score any recognizer still to run can give (no context).
                after = [max((_max_score(r) for r in recs[i + 1 :]), default=0.0) for i in range(len(recs))]
                return tuple((*_detector(rec, ndigits), rest) for rec, rest in zip(recs, after, strict=True))

            runs = cached[1][key] = (detectors(protected), detectors(reported))
        return runs

    def scan(self, text: str, *, context: str | None = None) -> list[Entity]:
        """Resolved findings with spans and text of the original ``text`` (no vault involved)."""
        norm = normalize(text)
        (found,) = self.find_many([ScanView(norm.text, context)])
        return to_original(norm, resolve_reported(found, self.report_only))

    def detect(self, value: str) -> str | None:
        """The entity type of a whole value, ignoring the threshold (the caller knows it is sensitive).

        Only recognizers whose declared ``shapes`` include the value's shape run (``number`` for digits
        and separators, ``email`` with an ``@``, ``text`` otherwise); a recognizer that declares no
        shapes always runs. For a number, a recognizer whose every finding is one digit window
        (``window_findings``) runs only when the value's digit count is within its range, and a
        :class:`~mask_core.scan.recognizer.WindowRecognizer` checks only the windows of all the digits:
        no other window can span the whole value. The best whole-value finding wins as in
        :func:`resolve_overlaps`, and the search ends once a validated finding scores at least the
        ``max_score`` (before context; 1 when undeclared) of every recognizer still to run. As in a
        scan (:func:`resolve_reported`), a report-only type never wins over another one: the
        recognizers that find only report-only types run when no other found the whole value.
        """
        text = value if value.isascii() else normalize(value).text  # ASCII: normalize is the identity
        if "@" in text:
            shape, ndigits = "email", -1
        elif _NUMBER_SHAPE.fullmatch(text):
            shape, ndigits = "number", sum(map(text.count, _DIGITS))
        else:
            shape, ndigits = "text", -1
        view = ScanView(text)
        windows = view.windows_between(ndigits, ndigits) if ndigits > 0 else []
        best: Entity | WholeFinding | None = None
        enabled = self._enabled
        n = len(text)
        for detectors in self._by_shape(shape, ndigits):
            if best is not None:
                break  # a protected type found the whole value: the report-only ones cannot win
            for check, run, rest in detectors:
                found = (
                    run(view) if check is None else [f for w in windows if (f := check(view, w)) is not None]
                )
                for e in found:
                    if (
                        e.start == 0
                        and e.end == n
                        and (enabled is None or e.entity_type in enabled)
                        and (best is None or _priority(e) < _priority(best))
                    ):
                        best = e
                # Whole-value findings share their span, so the best is the validated one of highest
                # score, the earlier on a tie: no recognizer still to run can beat one that scores
                # ``rest``.
                if best is not None and best.validated and best.score >= rest:
                    break
        return best.entity_type if best is not None else None


#: How ``detect`` runs one recognizer: ``check`` on the windows of all the digits, else ``run``; then
#: the highest score a recognizer after it can give.
_Found = Iterable[Entity | WholeFinding]
_Detector = tuple[Callable[[ScanView, Window], Entity | None] | None, Callable[[ScanView], _Found], float]
_DIGITS = "0123456789"


def _may_hold(rec: Recognizer, ndigits: int) -> bool:
    """Whether ``rec`` can find a value of ``ndigits`` digits in all (-1: not a number)."""
    if ndigits < 0 or not getattr(rec, "window_findings", False):
        return True
    return bool(rec.min_digits <= ndigits <= rec.max_digits)  # type: ignore[attr-defined]


def _max_score(rec: Recognizer) -> float:
    """The highest score ``rec`` gives without context: its declared ``max_score``, else 1."""
    return float(getattr(rec, "max_score", 1.0))


def _detector(
    rec: Recognizer, ndigits: int
) -> tuple[Callable[[ScanView, Window], Entity | None] | None, Callable[[ScanView], _Found]]:
    """A recognizer whose findings are ``check`` of one window each (a
    :class:`~mask_core.scan.recognizer.WindowRecognizer` that keeps its ``find_in_view``, or one that
    declares ``window_findings``) checks only the windows of all ``ndigits`` digits; others run as in
    a scan. One with a ``whole(view)`` method (the finding that spans the whole view, or None) is
    asked only that (a :class:`~mask_core.scan.recognizer.WholeFinding`, or None)."""
    whole_view = getattr(rec, "whole", None)
    if callable(whole_view):  # the recognizer answers for the whole value itself
        return None, lambda view: () if (e := whole_view(view)) is None else (e,)
    if isinstance(rec, WindowRecognizer):
        whole = type(rec).find_in_view is _WINDOW_FIND
    else:
        whole = bool(getattr(rec, "window_findings", False)) and callable(getattr(rec, "check", None))
    return (rec.check if ndigits > 0 and whole else None), _runner(rec)  # type: ignore[attr-defined]


_WINDOW_FIND = WindowRecognizer.find_in_view


def _context_near(view: ScanView, e: Entity, words: Any) -> bool:
    """Whether context words are near a finding, or in the JSON key it sits under (read as words)."""
    start, end = e.start, e.end
    if isinstance(words, ContextWords):  # the fast path: the view's folded text, folded key
        lower = view.lower
        window = lower[max(0, start - _CONTEXT_BEFORE) : start] + " " + lower[end : end + _CONTEXT_AFTER]
        return words.search(window, folded=True) is not None or (
            bool(view.context) and words.search(view.key_lower, folded=True) is not None
        )
    # A custom recognizer's own ``context_re`` (anything with ``search``, a compiled regex usually).
    text = view.text
    window = text[max(0, start - _CONTEXT_BEFORE) : start] + " " + text[end : end + _CONTEXT_AFTER]
    return bool(words.search(window)) or (
        bool(view.context) and bool(words.search(key_words(view.context or "")))
    )


def _runner(rec: Recognizer) -> Callable[[ScanView], Iterable[Entity]]:
    """How to run a recognizer on a scan view: its ``find_in_view``, or ``find`` on the view's text."""
    in_view: Callable[[ScanView], Iterable[Entity]] | None = getattr(rec, "find_in_view", None)
    return in_view if in_view is not None else (lambda view: rec.find(view.text))


def to_original(norm: Normalized, entities: Sequence[Entity]) -> list[Entity]:
    """Move findings from scan-view coordinates to the original text, with the original substring."""
    if norm.text is norm.original:
        return list(entities)
    out = []
    for e in entities:
        start, end = norm.to_original(e.start, e.end)
        out.append(dataclasses.replace(e, start=start, end=end, text=norm.original[start:end]))
    return out
