"""Detection: the recognizer pipeline that decides what is sensitive (see docs/detection.md).

Optional parts import their extras lazily: ``mask_core.scan.ner`` (spaCy), ``mask_core.scan.presidio``
(presidio-analyzer), ``mask_core.scan.remote`` (httpx).
"""

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.normalize import Normalized, normalize
from mask_core.scan.recognizer import PatternRecognizer, WindowRecognizer
from mask_core.scan.recognizers import PhoneRecognizer, default_recognizers
from mask_core.scan.scanner import DEFAULT_THRESHOLD, Scanner, resolve_overlaps

__all__ = [
    "DEFAULT_THRESHOLD",
    "ContextRecognizer",
    "Normalized",
    "PatternRecognizer",
    "PhoneRecognizer",
    "Scanner",
    "WindowRecognizer",
    "default_recognizers",
    "normalize",
    "resolve_overlaps",
]
