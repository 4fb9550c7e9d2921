"""The NER recognizer: PERSON, LOCATION, ORGANIZATION, NRP and DATE_TIME from a spaCy model.

It runs after the deterministic tier, on what that tier left (``scan/ner/text.py``), and many strings
(the leaves of one JSON tool result) go through one batched model call, inside a cap on native
threads (``scan/ner/models.py``), decoded in numpy where that gives spaCy's entities (``greedy.py``).
What the model finds is split where it ran across names, then corrected (``scan/ner/corrections.py``),
and institution names (``scan/ner/orgs.py``) replace its overlapping spans.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from mask_core.errors import MaskConfigurationError, ScanError
from mask_core.scan.ner.corrections import LABELS, correct, defined_abbreviations, merged, pieces
from mask_core.scan.ner.first_names import lone_first_names
from mask_core.scan.ner.greedy import greedy_entities
from mask_core.scan.ner.lexicon import load_lexicon, reads_as_label
from mask_core.scan.ner.models import (
    CANDIDATES,
    default_model,
    limited_threads,
    load_model,
    model_dir,
    pipe_lock,
)
from mask_core.scan.ner.orgs import institutions
from mask_core.scan.ner.places import lone_places, with_state_codes
from mask_core.scan.ner.teams import cheered
from mask_core.scan.ner.text import FILL, blank, chunks, guess_language, islands
from mask_core.scan.spans import Taken
from mask_core.types import Entity

__all__ = ["LABELS", "NerRecognizer", "ner_from_settings"]

logger = logging.getLogger("mask_core.ner")

_FIRST_NAME_SCORE = 0.6  # a known first name the model passed over: above the threshold, below the model
_warned: set[str] = set()
_warn_lock = threading.Lock()


def _warn_once(key: str, message: str) -> None:
    with _warn_lock:
        if key in _warned:
            return
        _warned.add(key)
    logger.warning(message)


class NerRecognizer:
    """Findings of spaCy models, one per language (see the module docstring)."""

    name = "ner"
    entity_types: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME")
    context_boost = 0.0

    def __init__(
        self,
        models: Mapping[str, str] | str,
        *,
        languages: Sequence[str] = ("en",),
        score: float = 0.85,
        batch_size: int = 64,
        threads: int | None = 1,
    ) -> None:
        self.languages = tuple(languages)
        if isinstance(models, str):
            models = {self.languages[0]: models}
        self.models = dict(models)
        self.score = score
        self.batch_size = batch_size
        #: Native threads the model may use (None: as the process has them). See ``models.py``.
        self.threads = threads
        self._nlp = {lang: load_model(name) for lang, name in self.models.items()}
        self._lexicon = {lang: load_lexicon(model_dir(name)) for lang, name in self.models.items()}
        # spaCy's entity decoder in numpy where it gives the same entities (see ``greedy.py``); its
        # first use per pipeline reads a few texts through the model, so under the model's lock.
        self._greedy = {}
        for lang, nlp in self._nlp.items():
            try:
                with pipe_lock(self.models[lang]), limited_threads(threads):
                    self._greedy[lang] = greedy_entities(nlp)
            except Exception as exc:  # the model itself fails on plain sentences: it cannot scan
                raise MaskConfigurationError(
                    f"spaCy model '{self.models[lang]}' failed on its first texts; check its installation"
                ) from exc

    def __repr__(self) -> str:
        return f"NerRecognizer(models={self.models!r})"

    def find(self, text: str) -> list[Entity]:
        return self.find_many([text])[0]

    def find_many(
        self,
        texts: Sequence[str],
        claimed: Sequence[Sequence[tuple[int, int]]] | None = None,
        labels: Sequence[bool] | None = None,
    ) -> list[list[Entity]]:
        """Findings per text; ``claimed`` spans (tier 1, live tokens) are hidden from the model.
        ``labels`` marks the texts that are labels (dict keys): one made of the language's common
        words and no first name is not read (``lexicon.reads_as_label``)."""
        out: list[list[Entity]] = [[] for _ in texts]
        jobs: dict[str, list[tuple[int, int, str]]] = {}
        blanked_texts: dict[int, str] = {}
        for i, text in enumerate(texts):
            if not text or (not any(c.isalpha() for c in text[:4096]) and not text[4096:]):
                continue
            blanked = blank(text, claimed[i] if claimed is not None else ())
            lang = guess_language(blanked, self.languages) if len(self._nlp) > 1 else next(iter(self._nlp))
            lang = lang if lang in self._nlp else next(iter(self._nlp))
            lexicon = self._lexicon[lang]
            if labels is not None and labels[i] and lexicon is not None and reads_as_label(text, lexicon):
                continue  # "Shirt Size", "Start Date": a column's label, no name
            blanked_texts[i] = blanked
            nlp = self._nlp[lang]
            for offset, chunk in chunks(blanked):
                for start, end in islands(nlp, chunk):
                    jobs.setdefault(lang, []).append((i, offset + start, chunk[start:end]))
        defined: dict[int, frozenset[str]] = {}  # per text with entities, read once
        for lang, items in jobs.items():
            for (i, offset, _), ents in zip(items, self._pipe(lang, [c for _, _, c in items]), strict=True):
                if ents and i not in defined:
                    defined[i] = defined_abbreviations(texts[i])
                for ent in ents:
                    out[i].extend(self._entities(texts[i], ent, offset, lang, defined[i]))
        for i, blanked in blanked_texts.items():
            kept = self._with_institutions(texts[i], blanked, out[i])
            kept.extend(lone_first_names(blanked, kept, _FIRST_NAME_SCORE))
            kept = _with_places(kept, lone_places(blanked, kept, _FIRST_NAME_SCORE))
            out[i] = merged(texts[i], with_state_codes(blanked, kept))
        return out

    def _pipe(self, lang: str, parts: list[str]) -> list[Sequence[Any]]:
        """The entities of each part (objects with ``label_``, ``start_char`` and ``end_char``)."""
        nlp, greedy = self._nlp[lang], self._greedy[lang]
        size = self.batch_size
        try:
            # One model call at a time (spaCy is not thread-safe), native threads capped.
            with pipe_lock(self.models[lang]), limited_threads(self.threads):
                if greedy is None:
                    return [doc.ents for doc in nlp.pipe(parts, batch_size=size)]
                return [ents for k in range(0, len(parts), size) for ents in greedy(parts[k : k + size])]
        except Exception as exc:  # a model bug must not pass text through as scanned
            raise ScanError("the NER model failed on this text; nothing was treated as scanned") from exc

    def _entities(self, text: str, ent: Any, offset: int, lang: str, defined: frozenset[str]) -> list[Entity]:
        out = []
        for start, end in pieces(text, ent.label_, ent.start_char + offset, ent.end_char + offset):
            kept = correct(text, ent.label_, start, end, self._lexicon[lang], defined)
            if kept is not None:
                et, start, end = kept  # noqa: PLW2901 - the corrected span replaces the part
                out.append(Entity(et, start, end, self.score, text[start:end], f"ner:{lang}", False))
        return out

    def _with_institutions(self, text: str, blanked: str, found: list[Entity]) -> list[Entity]:
        """``found`` with the names of institutions and of the teams a post cheers (``Go Hornets!``),
        which replace the model's spans they overlap."""
        spans = [
            (s, t, kind)
            for kind, found_spans in (("institution", institutions(blanked)), ("team", cheered(blanked)))
            for s, t in found_spans
            if FILL not in blanked[s:t]
        ]
        if not spans:
            return found
        taken = Taken((s, t) for s, t, _ in spans)
        kept = [e for e in found if e.entity_type == "DATE_TIME" or not taken.overlaps(e.start, e.end)]
        kept.extend(
            Entity("ORGANIZATION", s, t, self.score, text[s:t], f"ner:{kind}", False) for s, t, kind in spans
        )
        return kept


def _with_places(found: list[Entity], places: list[Entity]) -> list[Entity]:
    """The model's findings with the places of the list: a place replaces the findings inside it
    (``Angeles`` of ``Los Angeles``) and gives way to one that reaches beyond it."""
    if not places:
        return found

    def inside(e: Entity, p: Entity) -> bool:
        return p.start <= e.start and e.end <= p.end

    placed = [
        p for p in places
        if not any(e.start < p.end and p.start < e.end and not inside(e, p) for e in found)
    ]  # fmt: skip
    return [e for e in found if not any(inside(e, p) for p in placed)] + placed


def _parse_models(value: str | None, languages: Sequence[str]) -> dict[str, str]:
    if not value:
        found = {lang: default_model(lang) for lang in languages}
        return {lang: name for lang, name in found.items() if name is not None}
    if "=" not in value:
        return {languages[0]: value.strip()}
    pairs = (part.split("=", 1) for part in value.split(",") if part.strip())
    return {lang.strip(): model.strip() for lang, model in pairs}


def ner_from_settings(
    mode: str, model: str | None, languages: Sequence[str], *, threads: int | None = 1
) -> NerRecognizer | None:
    """The NER recognizer the settings ask for, or None.

    ``auto``: a model if one is installed; without spaCy (the ``ner`` extra was never installed) that
    is silent, with spaCy but no model one warning per process. ``on``: a missing spaCy or model is a
    :class:`~mask_core.errors.MaskConfigurationError` when the client is built.
    """
    if mode == "off":
        return None
    languages = [lang.lower() for lang in languages] or ["en"]
    if any(lang not in CANDIDATES for lang in languages):
        raise MaskConfigurationError("MASK_LANGUAGES supports 'en' and 'es'")
    from mask_core.scan.ner.models import spacy_installed

    if mode == "auto" and not spacy_installed():
        return None  # the NER tier was never asked for
    models = _parse_models(model, languages)
    try:
        if not models:
            wanted = ", ".join(CANDIDATES[lang][0] for lang in languages)
            raise MaskConfigurationError(
                f"no spaCy model is installed for {', '.join(languages)} (e.g. {wanted}); "
                "see `mask models list` and `mask models install`"
            )
        return NerRecognizer(models, languages=languages, threads=threads)
    except MaskConfigurationError as exc:
        if mode == "on":
            raise
        _warn_once(
            "ner",
            "NER tier off: PERSON, LOCATION and ORGANIZATION are found only by their fields and "
            f"cues ({exc}). Set MASK_NER=off to silence this warning.",
        )
        return None
