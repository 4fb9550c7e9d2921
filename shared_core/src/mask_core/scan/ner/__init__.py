"""The NER tier: people, places, organisations and dates, from a spaCy model (``mask-core[ner]``).

Names have no checksum and no shape, so a statistical model finds them. This tier runs *after* the
deterministic tier, on what it left: spans tier 1 claimed (and live tokens) are blanked out with
same-length filler before the model sees the text, so offsets stay valid and nothing is found twice.
Many strings (the leaves of one JSON tool result) go through one batched model call, whose entities
are decoded in numpy (``greedy``: spaCy's own decoder, in the wheels of spaCy 3.8.8 and later, spends
more time taking and dropping the GIL than the network spends computing).

Configuration (``MASK_*`` settings, see ``mask_core.settings``)::

    MASK_NER=auto                       # auto (default): use a model if one is installed; on; off
    MASK_LANGUAGES=en,es                # languages of the texts (en, es)
    MASK_NLP_MODEL=en_core_web_sm       # a package name or a path; per language: en=...,es=...
    MASK_NER_THREADS=1                  # native threads the model may use (BLAS, OpenMP)

Only the pipes NER needs are loaded (``ner`` and any ``tok2vec`` it listens to): tagger, parser and
lemmatizer are excluded, which halves load time and memory. With ``MASK_NER=auto``, no spaCy (the
extra was never installed) means tier 1 only, silently; spaCy without a model, one warning per process.
It never fails after a tool has run. ``MASK_NER=on`` makes a missing model a
:class:`~mask_core.errors.MaskConfigurationError` when the client is built. The ``mask models`` CLI
uses :func:`installed_models`, :func:`default_model` and :func:`load_model`.

Modules: ``models`` (discovery, loading, thread caps), ``text`` (what the model reads), ``greedy``
(the entity decoder), ``corrections``, ``teams``, ``orgs`` (institution names), ``places`` and
``first_names`` (what is kept of the model's findings and added to them), ``lexicon`` (the model's
word index, for shouted words and plurals), ``recognizer`` (the recognizer and its settings).
"""

from mask_core.scan.ner.models import (
    CANDIDATES,
    DEFAULT_MODELS,
    default_model,
    installed_models,
    limited_threads,
    load_model,
)
from mask_core.scan.ner.recognizer import LABELS, NerRecognizer, ner_from_settings
from mask_core.scan.ner.text import guess_language

__all__ = [
    "CANDIDATES",
    "DEFAULT_MODELS",
    "LABELS",
    "NerRecognizer",
    "default_model",
    "guess_language",
    "installed_models",
    "limited_threads",
    "load_model",
    "ner_from_settings",
]
