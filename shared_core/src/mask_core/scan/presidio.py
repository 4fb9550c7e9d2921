"""Presidio interop (``mask-core[presidio]``): Presidio recognizers in Mask's pipeline, result conversion.

Mask's entity names are Presidio's, so conversion is field for field::

    from presidio_analyzer import Pattern, PatternRecognizer as PresidioPattern
    from mask_core.scan.presidio import PresidioRecognizer, to_presidio, from_presidio

    titles = PresidioPattern(supported_entity="TITLE", patterns=[Pattern("title", r"\\bDr\\.", 0.6)])
    client.add_recognizer(PresidioRecognizer(titles))   # now part of scan / tokenize_text / deep_encode

    results = to_presidio(client.scan(text))            # list[presidio_analyzer.RecognizerResult]
    entities = from_presidio(results, text)             # back to list[mask_core.Entity]

Any :class:`presidio_analyzer.EntityRecognizer` works. Recognizers that read Presidio's NLP artifacts
(tokens, lemmas: ``SpacyRecognizer`` and context enhancement) receive artifacts from a blank spaCy
tokenizer when spaCy is installed, else none; Mask's own NER tier covers names.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from mask_core.entities import validate_entity_name
from mask_core.errors import InvalidInputError, MissingDependencyError
from mask_core.types import Entity

__all__ = ["PresidioRecognizer", "from_presidio", "to_presidio"]


def _presidio() -> Any:
    try:
        return importlib.import_module("presidio_analyzer")
    except ImportError as exc:
        raise MissingDependencyError("Presidio interop", "presidio-analyzer", "presidio") from exc


def to_presidio(entities: Iterable[Entity]) -> list[Any]:
    """Mask findings as Presidio ``RecognizerResult`` objects (the matched text is not carried)."""
    result_cls = _presidio().RecognizerResult
    out = []
    for e in entities:
        meta = {"recognizer_name": e.recognizer or "mask", "validated": e.validated}
        out.append(result_cls(e.entity_type, e.start, e.end, e.score, recognition_metadata=meta))
    return out


def from_presidio(results: Iterable[Any], text: str, *, recognizer: str = "presidio") -> list[Entity]:
    """Presidio results (objects or their dicts) as Mask findings over ``text``."""
    out = []
    for r in results:
        get: Any = r.get if isinstance(r, dict) else lambda k, r=r: getattr(r, k, None)
        try:
            entity_type = validate_entity_name(get("entity_type"))
            start, end, score = int(get("start")), int(get("end")), float(get("score"))
        except (TypeError, ValueError) as exc:
            raise InvalidInputError("a Presidio result lacks entity_type, start, end or score") from exc
        if not (0 <= start < end <= len(text)) or not 0.0 <= score <= 1.0:
            raise InvalidInputError("a Presidio result's span or score is outside the text or [0, 1]")
        meta = get("recognition_metadata") or {}
        name = str(meta.get("recognizer_name") or recognizer) if isinstance(meta, dict) else recognizer
        out.append(Entity(entity_type, start, end, score, text[start:end], name, False))
    return out


class PresidioRecognizer:
    """Any Presidio ``EntityRecognizer`` as a Mask recognizer."""

    def __init__(
        self, recognizer: Any, *, language: str = "en", entities: Sequence[str] | None = None
    ) -> None:
        _presidio()
        self.recognizer = recognizer
        self.language = language
        supported = list(entities or recognizer.supported_entities)
        self.entity_types: tuple[str, ...] = tuple(validate_entity_name(e) for e in supported)
        self.name = f"presidio:{recognizer.name}"
        self._artifacts: Any = None

    def __repr__(self) -> str:
        return f"PresidioRecognizer({self.recognizer.name!r}, entities={list(self.entity_types)!r})"

    def _nlp_artifacts(self, text: str) -> Any:
        """Tokens for recognizers that want them, from a blank spaCy tokenizer (no model needed)."""
        if self._artifacts is False:
            return None
        try:
            spacy = importlib.import_module("spacy")
            from presidio_analyzer.nlp_engine import NlpArtifacts
        except ImportError:
            self._artifacts = False
            return None
        if self._artifacts is None:
            self._artifacts = spacy.blank(self.language)
        doc = self._artifacts(text)
        return NlpArtifacts(
            entities=[], tokens=doc, tokens_indices=[t.idx for t in doc], lemmas=[t.text for t in doc],
            nlp_engine=None, language=self.language,
        )  # fmt: skip

    def find(self, text: str) -> Iterator[Entity]:
        results = self.recognizer.analyze(text, list(self.entity_types), self._nlp_artifacts(text))
        yield from from_presidio(results or [], text, recognizer=self.name)
