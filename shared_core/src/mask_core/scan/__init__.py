"""Detection: the recognizer pipeline that decides what is sensitive."""

from mask_core.scan.normalize import Normalized, normalize
from mask_core.scan.recognizer import PatternRecognizer
from mask_core.scan.recognizers import PhoneRecognizer, default_recognizers
from mask_core.scan.scanner import DEFAULT_THRESHOLD, Scanner, resolve_overlaps

__all__ = [
    "DEFAULT_THRESHOLD",
    "Normalized",
    "PatternRecognizer",
    "PhoneRecognizer",
    "Scanner",
    "default_recognizers",
    "normalize",
    "resolve_overlaps",
]
