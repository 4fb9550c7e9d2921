"""The built-in recognizers, grouped by the kind of data they find."""

from __future__ import annotations

from collections.abc import Sequence

from mask_core.scan.recognizers.contact import EmailRecognizer, IpRecognizer, PhoneRecognizer
from mask_core.scan.recognizers.financial import AbaRecognizer, CardRecognizer, IbanRecognizer
from mask_core.scan.recognizers.identity import EsNieRecognizer, EsNifRecognizer, SsnRecognizer
from mask_core.types import Recognizer

__all__ = [
    "AbaRecognizer",
    "CardRecognizer",
    "EmailRecognizer",
    "EsNieRecognizer",
    "EsNifRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "PhoneRecognizer",
    "SsnRecognizer",
    "default_recognizers",
]


def default_recognizers(*, phone_regions: Sequence[str] = ("US",)) -> list[Recognizer]:
    """A fresh list of every built-in recognizer."""
    return [
        EmailRecognizer(),
        PhoneRecognizer(phone_regions),
        SsnRecognizer(),
        CardRecognizer(),
        IbanRecognizer(),
        AbaRecognizer(),
        EsNifRecognizer(),
        EsNieRecognizer(),
        IpRecognizer(),
    ]
