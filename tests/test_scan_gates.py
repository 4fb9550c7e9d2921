"""Scanner gates: ``Scanner.find`` skips a recognizer whose cheap necessary condition fails (no digit
run long enough, none of its anchors, none of its context words) without starting it.

A gate may only skip work, never a finding: these tests compare ``find`` with gates and without them
on the catalogue's sentences, the PII corpus in context, short JSON values, JSON-key contexts and
generated text.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mask_core.scan.scanner as scanner_module
from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.scanner import Scanner
from mask_core.scan.view import ScanView
from mask_core.testing import PII_CORPUS

_spec = importlib.util.spec_from_file_location("_catalogue", Path(__file__).with_name("test_catalogue.py"))
assert _spec is not None and _spec.loader is not None
_catalogue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_catalogue)
SENTENCES: list[str] = [text for text, _, _ in _catalogue.POSITIVE]

GATED = Scanner(default_recognizers(phone_regions=("US", "ES", "GB")))


def _ungated() -> Scanner:
    scanner = Scanner(default_recognizers(phone_regions=("US", "ES", "GB")))
    original = scanner_module._gate_of
    scanner_module._gate_of = lambda rec: None  # type: ignore[assignment]
    try:
        scanner._plan()  # the plan (and its gates) is built once per recognizer set
    finally:
        scanner_module._gate_of = original
    return scanner


UNGATED = _ungated()


def _same(text: str, context: str | None = None) -> None:
    gated = GATED.find(ScanView(text, context))
    assert gated == UNGATED.find(ScanView(text, context))


def test_the_reference_scanner_has_no_gates_and_the_default_one_has_them() -> None:
    assert all(step[4] is None for step in UNGATED._plan()[0])
    assert sum(step[4] is not None for step in GATED._plan()[0]) >= 25


@pytest.mark.parametrize("text", SENTENCES)
def test_gates_change_nothing_on_the_catalogue(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("item", PII_CORPUS, ids=lambda i: i.entity_type)
def test_gates_change_nothing_on_the_corpus_alone_and_under_a_key(item: object) -> None:
    value = item.value  # type: ignore[attr-defined]
    _same(value)
    _same(value, context="customer_phone")
    _same(f"refund to {value} today", context="notes")


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("shipped", "status"),
        ("12.50", "total"),
        ("SKU-00012", "sku"),
        ("A1234567", "passport_number"),
        ("123456789", "member_id"),
        ("E12345", "employee_id"),
        ("MRN 0012345", None),
        ("1985-07-14", "date_of_birth"),
        ("DEUTDEFF", "swift"),
        ("", None),
    ],
)
def test_gates_change_nothing_on_short_json_values(text: str, context: str | None) -> None:
    _same(text, context)


_WORDS = st.sampled_from(
    [
        "phone", "ssn", "card", "iban", "account", "routing", "passport", "member", "employee", "dob",
        "born", "AKIA", "ghp_", "sk_live_", "xoxb-", "eyJ", "Bearer", "://", "@", "-----BEGIN",
        "street", "Calle", "swift", "npi", "dea", "mrn", "the", "order", " ", "\n", ":", "=", "#",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, st.text("0123456789 -./()+", max_size=20), st.text(max_size=8)), max_size=14),
    st.sampled_from([None, "phone", "member_id", "note"]),
)
def test_gates_change_nothing_on_generated_text(parts: list[str], context: str | None) -> None:
    _same(" ".join(parts), context)
