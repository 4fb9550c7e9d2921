"""A tokenizing scan skips the recognizers of report-only types (``Scanner.find_many(protected_only=
True)``); what it protects must be exactly what the full scan protects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.scanner import Scanner, resolve_reported
from mask_core.scan.view import ScanView
from mask_core.testing import PII_CORPUS
from mask_core.types import Entity

_SCANNER = Scanner(default_recognizers())


def _protected(text: str, *, protected_only: bool) -> list[tuple[str, int, int, str]]:
    (found,) = _SCANNER.find_many([ScanView(text)], protected_only=protected_only)
    kept: list[Entity] = resolve_reported(found, _SCANNER.report_only)
    return [
        (e.entity_type, e.start, e.end, e.recognizer)
        for e in kept
        if e.entity_type not in _SCANNER.report_only
    ]


def test_the_pii_corpus_is_protected_the_same() -> None:
    values = [item.value for item in PII_CORPUS]
    texts = [
        *values,
        " ".join(values),
        "\n".join(f"{v} on 12 April 2024, see https://example.com" for v in values),
    ]
    for text in texts:
        assert _protected(text, protected_only=True) == _protected(text, protected_only=False), text


_PIECES = [
    "Ms April Jones", "Mr June Carter", "Dr Sunday Adeyemi", "April", "June", "Sunday", "May",
    " said", " on 12 April 2024", " in April", " since June", " next Sunday", " 2 May", " at 10:30",
    " for two years", " https://example.com/April", " www.june.example.org", ", ", ". ", "\n",
    " 536-22-8745", " alice@example.com", " +1 (415) 555-2671", " 2024-03-15", " called",
]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map("".join))
def test_names_that_are_also_date_words_are_protected_the_same(text: str) -> None:
    # A later mention of a name ("April") inside a date is the one case where a report-only finding
    # changes a protected one: the tokenizing scan must look for it then.
    assert _protected(text, protected_only=True) == _protected(text, protected_only=False)
