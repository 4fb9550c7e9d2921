"""A corpus of realistic PII, and an assertion that none of it appears in some output.

Every value is detected by the deterministic tier and valid for its type (checksums included), so the
corpus exercises the real detection and token paths. Leak tests feed it through every API path and
then search reprs, messages, logs, audit lines, vault keys and values for any of these strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["PII_CORPUS", "PIIItem", "assert_no_pii", "pii_values"]


class PIIItem(NamedTuple):
    entity_type: str
    value: str
    #: Fragments that must not appear either (e.g. the digits of a formatted number).
    fragments: tuple[str, ...] = ()


PII_CORPUS: tuple[PIIItem, ...] = (
    PIIItem("EMAIL_ADDRESS", "alice.johnson@example.com", ("alice.johnson",)),
    PIIItem("EMAIL_ADDRESS", "bob.martinez+billing@globex-corp.io", ("bob.martinez",)),
    PIIItem("EMAIL_ADDRESS", "josé.garcía@correo.es", ("josé.garcía",)),
    PIIItem("PHONE_NUMBER", "+1 (415) 555-2671", ("4155552671", "555-2671")),
    PIIItem("PHONE_NUMBER", "+44 20 7946 0958", ("2079460958", "7946 0958")),
    PIIItem("PHONE_NUMBER", "+34 612 345 678", ("612345678", "612 345 678")),
    PIIItem("US_SSN", "536-22-8745", ("536228745",)),
    PIIItem("US_SSN", "372-84-1956", ("372841956",)),
    PIIItem("CREDIT_CARD", "4539 1488 0343 6467", ("4539148803436467",)),
    PIIItem("CREDIT_CARD", "5500-0055-5555-5559", ("5500005555555559",)),
    PIIItem("CREDIT_CARD", "378282246310005", ()),
    PIIItem("IBAN_CODE", "DE89 3704 0044 0532 0130 00", ("DE89370400440532013000",)),
    PIIItem("IBAN_CODE", "GB29NWBK60161331926819", ()),
    PIIItem("IBAN_CODE", "ES9121000418450200051332", ()),
    PIIItem("ES_NIF", "12345678Z", ()),
    PIIItem("ES_NIE", "X1234567L", ()),
    PIIItem("IP_ADDRESS", "203.0.113.77", ()),
)


def pii_values(corpus: Iterable[PIIItem] = PII_CORPUS) -> list[str]:
    """Every value and fragment of the corpus."""
    out: list[str] = []
    for item in corpus:
        out.append(item.value)
        out.extend(item.fragments)
    return out


def assert_no_pii(*outputs: object, corpus: Iterable[PIIItem] = PII_CORPUS) -> None:
    """Fail if any corpus value or fragment appears in the text (or repr) of any output."""
    needles = pii_values(corpus)
    for out in outputs:
        text = out if isinstance(out, str) else repr(out)
        if isinstance(out, bytes | bytearray):
            text = bytes(out).decode("utf-8", "replace")
        for needle in needles:
            if needle in text:
                # Name the corpus index, never the value: failures are logged by CI.
                raise AssertionError(f"PII corpus value #{needles.index(needle)} leaked into an output")
