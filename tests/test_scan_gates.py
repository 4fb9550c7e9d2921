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
from mask_core.scan.gates import gate_of, opens
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
        scanner._gate_index()  # the plan (and its gates) is built once per recognizer set
    finally:
        scanner_module._gate_of = original
    return scanner


UNGATED = _ungated()


def _same(text: str, context: str | None = None) -> None:
    gated = GATED.find(ScanView(text, context))
    assert gated == UNGATED.find(ScanView(text, context))


def test_the_reference_scanner_has_no_gates_and_the_default_one_has_them() -> None:
    assert all(step[4] is None for step in UNGATED._gate_index().steps)
    assert sum(step[4] is not None for step in GATED._gate_index().steps) >= 25


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
        "www.", "Avenue", "Ave", "Suite", "00:1A:2B:3C:4D:5E", "2001:db8::1", "-", "X1234567L", "AB123456C",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, st.text("0123456789 -./()+", max_size=20), st.text(max_size=8)), max_size=14),
    st.sampled_from([None, "phone", "member_id", "note"]),
)
def test_gates_change_nothing_on_generated_text(parts: list[str], context: str | None) -> None:
    _same(" ".join(parts), context)


def _open_by_definition(scanner: Scanner, view: ScanView) -> list[int]:
    return [
        i for i, step in enumerate(scanner._gate_index().steps) if step[4] is None or opens(view, step[4])
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, st.text("0123456789 -./()+", max_size=20), st.text(max_size=8)), max_size=14),
    st.sampled_from([None, "phone", "member_id", "street_address"]),
)
def test_the_gate_index_opens_what_each_gate_opens(parts: list[str], context: str | None) -> None:
    """``GateIndex.open_steps`` (indexes) lists exactly the steps whose gate the view opens (definition)."""
    text = " ".join(parts)
    assert GATED._gate_index().open_steps(ScanView(text, context)) == _open_by_definition(
        GATED, ScanView(text, context)
    )


@pytest.mark.parametrize("text", SENTENCES)
def test_the_gate_index_opens_what_each_gate_opens_on_the_catalogue(text: str) -> None:
    assert GATED._gate_index().open_steps(ScanView(text)) == _open_by_definition(GATED, ScanView(text))


def test_a_subclass_that_replaces_find_in_view_loses_the_declared_gate() -> None:
    from mask_core.scan.recognizers.contact import EmailRecognizer
    from mask_core.types import Entity

    class Everything(EmailRecognizer):
        def find_in_view(self, view: ScanView):  # type: ignore[no-untyped-def,override]
            yield Entity("EMAIL_ADDRESS", 0, len(view.text), 1.0, view.text, "x", True)

    assert gate_of(EmailRecognizer()) is not None
    assert gate_of(Everything()) is None
    assert Scanner([Everything()]).find(ScanView("no at sign here"))


def test_a_custom_recognizer_declares_its_gate_as_docs_detection_shows() -> None:
    import re

    from mask_core.scan import AnyOf, Literals, Runs
    from mask_core.types import Entity

    class BadgeRecognizer:
        name, entity_types = "badge", ("BADGE_ID",)
        scan_gate = AnyOf(Literals({"BDG-"}), Runs(8))

        def find_in_view(self, view: ScanView):  # type: ignore[no-untyped-def]
            for m in re.finditer(r"BDG-\d{4}|\b\d{8}\b", view.text):
                yield Entity("BADGE_ID", m.start(), m.end(), 0.9, m.group(), self.name, False)

    rec = BadgeRecognizer()
    assert gate_of(rec) == rec.scan_gate
    scanner = Scanner([rec])
    assert [e.text for e in scanner.find(ScanView("badge BDG-1234 and 12345678"))] == ["BDG-1234", "12345678"]
    assert scanner._gate_index().open_steps(ScanView("no badge here, 1234")) == []
    assert scanner._gate_index().open_steps(ScanView("id 12345678")) == [0]


def test_the_older_tuple_gates_are_converted_once_when_the_plan_is_built() -> None:
    from mask_core.scan import AnyOf, Literals, Runs, Words, word_gate
    from mask_core.scan.gates import ANY, LITERALS, RUNS, WORDS, as_gate

    gate = word_gate(["badge number"])
    old = (ANY, ((LITERALS, frozenset({"BDG-"})), (RUNS, 8), (WORDS, gate), (ANY, ())))
    assert as_gate(old) == AnyOf(Literals({"BDG-"}), Runs(8), Words(gate), AnyOf())

    class OldStyle:
        name, entity_types = "badge", ("BADGE_ID",)
        scan_gate = old

        def find_in_view(self, view: ScanView):  # type: ignore[no-untyped-def]
            return iter(())

    assert gate_of(OldStyle()) == as_gate(old)
    with pytest.raises(TypeError):
        Literals("BDG-")
