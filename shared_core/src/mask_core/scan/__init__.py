"""Detection: the recognizer pipeline that decides what is sensitive (see docs/detection.md).

Optional parts import their extras lazily: ``mask_core.scan.ner`` (spaCy), ``mask_core.scan.presidio``
(presidio-analyzer), ``mask_core.scan.remote`` (httpx).
"""

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.gates import AnyOf, Literals, Runs, Words
from mask_core.scan.normalize import Normalized, normalize
from mask_core.scan.recognizer import PatternRecognizer, WindowRecognizer
from mask_core.scan.recognizers import PhoneRecognizer, default_recognizers
from mask_core.scan.scanner import DEFAULT_THRESHOLD, Scanner, resolve_overlaps
from mask_core.scan.traits import RecognizerTraits
from mask_core.scan.view import word_gate

__all__ = [
    "DEFAULT_THRESHOLD",
    "AnyOf",
    "ContextRecognizer",
    "Literals",
    "Normalized",
    "PatternRecognizer",
    "PhoneRecognizer",
    "RecognizerTraits",
    "Runs",
    "Scanner",
    "WindowRecognizer",
    "Words",
    "default_recognizers",
    "normalize",
    "resolve_overlaps",
    "word_gate",
]
