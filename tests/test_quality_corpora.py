"""The quality evaluation's corpora and scorers (benchmarks/quality/): well-formed, deterministic, and
scoring by the rules they document. Fast: no NER model, no Mask client."""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "quality"))

import corpus
import generated_eval
import never_masked
import phonenumbers
import real_text
import record_tree
import records
import records_eval
from text_values import CARD_SCHEMES, LOCALES

# -- generated text corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sentences() -> list[corpus.Sample]:
    return corpus.labelled(800, seed=3)


def test_generated_spans_point_at_values(sentences: list[corpus.Sample]) -> None:
    for sample in sentences:
        previous_end = 0
        for span in sample.spans:
            assert previous_end <= span.start < span.end <= len(sample.text)
            assert sample.text[span.start : span.end].strip(), "a label over whitespace"
            previous_end = span.end
            if span.type in generated_eval.GROUPED:
                assert span.tag, f"{span.type} without the tag it is reported under"
        for span in sample.unscored:
            assert 0 <= span.start < span.end <= len(sample.text)
            assert not any(s.start < span.end and span.start < s.end for s in sample.spans)


def test_generated_corpus_is_deterministic_for_a_seed() -> None:
    assert corpus.labelled(150, seed=9) == corpus.labelled(150, seed=9)
    assert corpus.labelled(150, seed=9) != corpus.labelled(150, seed=10)
    assert corpus.technical(20, seed=4) == corpus.technical(20, seed=4)


def test_generated_corpus_covers_locales_schemes_regions_and_forms(sentences: list[corpus.Sample]) -> None:
    tags: dict[str, set[str]] = {}
    for sample in sentences:
        for span in sample.spans:
            tags.setdefault(span.type, set()).add(span.tag)
    assert tags["STREET_ADDRESS"] >= {*LOCALES, "en_US military"} and len(LOCALES) >= 8
    assert tags["CREDIT_CARD"] == set(CARD_SCHEMES)
    regions = {t.split()[0] for t in tags["PHONE_NUMBER"]}
    layouts = {t.split()[1] for t in tags["PHONE_NUMBER"]}
    assert len(regions) >= 8
    assert layouts >= {"faker", "national", "international", "e164", "extension", "unassigned"}
    assert tags["DATE_TIME"] == {"numeric", "iso", "written", "weekday"}
    assert tags["DATE_OF_BIRTH"] == {"numeric", "iso", "written"}


def test_phone_labels_cover_the_extension_and_the_number_is_real(sentences: list[corpus.Sample]) -> None:
    seen = 0
    for sample in sentences:
        for span in (s for s in sample.spans if s.type == "PHONE_NUMBER"):
            value = sample.text[span.start : span.end]
            if span.tag.endswith("extension"):
                seen += 1
                assert re.search(r"(x|ext\.?|extension|#)\s?\d+$", value), (
                    "the span stops before the extension"
                )
            elif span.tag.split()[-1] in ("national", "international", "e164"):
                region = span.tag.split()[0]
                assert phonenumbers.is_valid_number(phonenumbers.parse(value, region))
    assert seen


def test_technical_text_has_each_kind_and_no_mail_address() -> None:
    text = corpus.technical(60, seed=2)
    assert len(text) >= 60 * 1024
    assert re.search(r"^\s?\d{1,2}( {1,2}\d{1,2}){6}$", text, re.MULTILINE), "no cal week row"
    for marker in (
        "ubuntu",
        "Traceback (most recent call last)",
        "127.0.0.1 - - [",
        "systemd[1]:",
        "timestamp,host",
    ):
        assert marker in text
    assert "@" not in text


# -- structured records ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_records() -> list[record_tree.Record]:
    return records.records(len(records.SHAPES) * 4, seed=2)


def test_every_leaf_and_only_leaves_are_labelled(corpus_records: list[record_tree.Record]) -> None:
    for rec in corpus_records:
        assert {path for path, _ in record_tree.leaves(rec.value)} == set(rec.labels), rec.shape
        for path in rec.key_labels:
            assert path[-1] in record_tree.get(rec.value, path[:-1])


def test_free_text_labels_name_substrings_of_the_text(corpus_records: list[record_tree.Record]) -> None:
    notes = 0
    for rec in corpus_records:
        for path, label in rec.labels.items():
            if label.pii:
                notes += 1
                assert label.sensitive
                assert all(piece in record_tree.get(rec.value, path) for piece in label.pii)
    assert notes


def test_records_are_deterministic_for_a_seed() -> None:
    first, again, other = (
        records.records(30, seed=4),
        records.records(30, seed=4),
        records.records(30, seed=5),
    )
    assert [(r.value, r.labels, r.key_labels) for r in first] == [
        (r.value, r.labels, r.key_labels) for r in again
    ]
    assert [r.value for r in first] != [r.value for r in other]


def test_records_cover_shapes_and_locales() -> None:
    rs = records.records(len(records.SHAPES) * 2, seed=1)
    assert len(records.SHAPES) >= 10
    assert {r.shape for r in rs} == set(records.SHAPES)
    assert len({r.locale for r in rs}) >= 8


def _by_shape(rs: list[record_tree.Record]) -> dict[str, list[record_tree.Record]]:
    out: dict[str, list[record_tree.Record]] = {}
    for r in rs:
        out.setdefault(r.shape, []).append(r)
    return out


def test_numbers_have_the_types_the_apis_return() -> None:
    shapes = _by_shape(records.records(len(records.SHAPES) * 12, seed=6))
    charge = shapes["stripe_charge"][0].value
    assert (
        type(charge["amount"]) is int and type(charge["payment_method_details"]["card"]["exp_month"]) is int
    )
    order = shapes["shopify_order"][0].value
    assert type(order["id"]) is int and type(order["total_price"]) is str
    assert type(order["shipping_address"]["latitude"]) is float
    assert type(shapes["zendesk_ticket"][0].value["id"]) is int
    assert type(shapes["twilio_call"][0].value["duration"]) is str
    users = [r.value for r in shapes["sql_user_row"]]
    assert any(type(u["phone"]) is int for u in users) and any(type(u["phone"]) is str for u in users)
    assert any(type(u["dob"]) is int for u in users) and any(isinstance(u["dob"], dict) for u in users)
    assert any(type(r.value["routing_number"]) is int for r in shapes["ach_transfer"])
    assert any(type(r.value["card_number"]) is int for r in shapes["sql_payment_row"])


def test_labelling_policy_is_applied() -> None:
    shapes = _by_shape(records.records(len(records.SHAPES), seed=8))

    def label(shape: str, *path: str | int) -> record_tree.Label:
        return shapes[shape][0].labels[path]

    assert label("stripe_customer", "email").sensitive and not label("stripe_customer", "id").sensitive
    assert label("stripe_payment_method", "billing_details", "address", "line1").sensitive
    assert not label("stripe_payment_method", "card", "last4").sensitive
    assert not label("stripe_payment_method", "card", "exp_month").sensitive
    assert (
        label("fhir_patient", "birthDate").sensitive and label("fhir_patient", "name", 0, "family").sensitive
    )
    assert not label("fhir_patient", "identifier", 0, "system").sensitive
    assert (
        not label("shopify_order", "admin_graphql_api_id").sensitive
        and not label("shopify_order", "total_price").sensitive
    )
    assert label("salesforce_lead", "Company").sensitive
    assert all(lab.sensitive for lab in shapes["contacts_by_email"][0].key_labels.values())


def test_never_masked_records_cover_every_region_and_are_deterministic() -> None:
    plain = never_masked.never_masked(seed=3, per_shape=10)
    assert plain == never_masked.never_masked(seed=3, per_shape=10)
    regions = {p.value["region"] for p in plain if p.shape == "phones_libphonenumber"}
    assert len(regions) >= 240
    assert {p.shape for p in plain} == {
        "ids",
        "phones_libphonenumber",
        "phones_faker",
        "nanp_unassigned",
        "nine_digit",
    }
    assert any(
        re.fullmatch(r"99\d-\d\d-\d{4}", p.value["case_number"]) for p in plain if p.shape == "nine_digit"
    )


# -- the record-tree builder and the record scorer -------------------------------------------------

_scalars = st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=8), st.booleans(), st.none())
_wrapped = st.one_of(
    st.none(),
    st.booleans(),
    st.builds(lambda v: record_tree.safe(v, "x"), _scalars),
    st.builds(lambda v: record_tree.pii(v, "x"), _scalars),
)
_trees = st.recursive(
    _wrapped,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=25,
)


def _unwrap(tree: object) -> object:
    if isinstance(tree, dict):
        return {k: _unwrap(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_unwrap(v) for v in tree]
    return getattr(tree, "value", tree)


@given(_trees)
def test_build_labels_exactly_the_leaves_of_any_tree(tree: object) -> None:
    rec = record_tree.build("any", "en_US", tree)
    assert records_eval.strict_equal(rec.value, _unwrap(tree))
    assert {path for path, _ in record_tree.leaves(rec.value)} == set(rec.labels)


def test_build_refuses_an_unlabelled_leaf() -> None:
    with pytest.raises(TypeError):
        record_tree.build("any", "en_US", {"name": "Alice"})


_json = st.recursive(
    st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=6), st.booleans(), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_json)
def test_strict_equal_is_equality_for_copies(value: object) -> None:
    assert records_eval.strict_equal(value, copy.deepcopy(value))
    assert records_eval.strict_equal(value, json.loads(json.dumps(value)))


@given(st.integers(min_value=-(2**40), max_value=2**40))
def test_strict_equal_tells_int_float_and_bool_apart(n: int) -> None:
    assert not records_eval.strict_equal({"a": [n]}, {"a": [float(n)]})
    assert not records_eval.strict_equal([n], [str(n)])
    assert not records_eval.strict_equal({1: "x"}, {True: "x"})
    assert not records_eval.strict_equal([True], [1])


def test_exposed_fragments_compare_whole_runs_and_skip_stop_words() -> None:
    assert records_eval.exposed_fragments("(212) 555-0142", "(290) 559-7509") == []
    assert records_eval.exposed_fragments("(212) 555-0142 x214", "(290) 559-7509 x214") == ["214"]
    assert records_eval.exposed_fragments("7631 Johnson Village Suite 690", "TOKEN Village Suite") == []
    assert records_eval.exposed_fragments("Ryan Gallagher", "Ryan <PERSON_1>") == ["Ryan"]
    assert records_eval.exposed_fragments("4047966697251022", "0884158833034595") == []


# -- scoring rules ----------------------------------------------------------------------------------

G = real_text.Gold
F = real_text.Finding


def _outcomes(source: str, spans: list[real_text.Gold], findings: list[real_text.Finding]) -> list[str]:
    return [v.outcome for v in real_text.judge(source, spans, findings)[0]]


def test_real_text_match_needs_half_of_the_gold_span() -> None:
    gold = [G(0, 17, "PERSON")]  # "Mr Ahmet Kenan Er": "Kenan Er" is 8 of 17 characters
    verdicts, hit = real_text.judge("tab", gold, [F(9, 17, "PERSON")])
    assert [v.outcome for v in verdicts] == ["neutral"] and hit == [False]
    verdicts, hit = real_text.judge("tab", gold, [F(3, 17, "PER")])
    assert [v.outcome for v in verdicts] == ["tp"] and hit == [True]
    assert _outcomes("tab", gold, [F(9, 17, "LOCATION")]) == ["fp"]


def test_real_text_folds_types() -> None:
    gold = [G(0, 10, "LOCATION"), G(20, 30, "DATE_TIME")]
    assert _outcomes("tab", gold, [F(0, 10, "STREET_ADDRESS"), F(20, 30, "DATE_OF_BIRTH")]) == ["tp", "tp"]
    assert _outcomes("tab", gold, [F(0, 10, "GPE"), F(20, 30, "DATE")]) == ["tp", "tp"]


def test_real_text_findings_that_count_neither_way() -> None:
    spans = [G(0, 8, "CODE"), G(10, 20, "NRP"), G(30, 40, "PERSON")]
    assert _outcomes("tab", spans, [F(0, 8, "US_BANK_NUMBER")]) == ["neutral"]  # on a CODE span
    assert _outcomes("tab", spans, [F(10, 20, "PERSON")]) == ["neutral"]  # NER type on an unscored span
    assert _outcomes("tab", spans, [F(10, 20, "PHONE_NUMBER")]) == ["fp"]  # not an NER type
    assert _outcomes("tab", spans, [F(50, 60, "EMAIL_ADDRESS")]) == ["fp"]  # every type counts on tab
    wnut = [G(0, 9, "USERNAME"), G(12, 20, "PERSON")]
    assert _outcomes("wnut17", wnut, [F(1, 9, "PERSON")]) == ["neutral"]  # on a handle
    assert _outcomes("wnut17", wnut, [F(30, 40, "DATE_TIME")]) == ["neutral"]  # WNUT-17 labels names only
    assert _outcomes("wnut17", wnut, [F(30, 40, "ORGANIZATION")]) == ["fp"]


def test_real_text_skips_cleanly_without_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_EVAL_DIR", str(tmp_path))
    assert real_text.data_path() is None
    assert real_text.run("no-such-model", ["tab"], None, presidio=False, phone_regions=["US"]) is None
    row = {
        "id": "t#0",
        "template": "t",
        "source": "tab",
        "text": "Mr Smith",
        "spans": [{"start": 3, "end": 8, "type": "PERSON"}],
    }
    (tmp_path / real_text.FILE).write_text(json.dumps(row) + "\n")
    assert real_text.data_path() == tmp_path / real_text.FILE
    assert real_text.load_rows(tmp_path / real_text.FILE, ["tab"]) == [
        real_text.Row("t#0", "tab", "Mr Smith", (G(3, 8, "PERSON"),))
    ]


def test_dev_set_labels_point_into_their_text() -> None:
    path = real_text.data_path()
    if path is None:
        pytest.skip("the real-text DEV set is not on this machine")
    for row in real_text.load_rows(path, ["tab", "wnut17"]):
        assert all(0 <= s.start < s.end <= len(row.text) for s in row.spans)


def test_generated_scoring_neither_way_and_coverage() -> None:
    class E:
        def __init__(self, t: str, start: int, end: int) -> None:
            self.entity_type, self.start, self.end = t, start, end

    sample = corpus.Sample(
        "DOB: 03/21/1938, lives at 1 Lee Street\nLondon",
        [corpus.Span(5, 15, "DATE_OF_BIRTH"), corpus.Span(26, 45, "STREET_ADDRESS")],
    )
    outcomes, hit = generated_eval.judge_sample(
        sample, [E("DATE_TIME", 5, 15), E("STREET_ADDRESS", 26, 38), E("LOCATION", 39, 45)]
    )
    assert outcomes == ["neutral", "tp", "neutral"] and hit == [False, True]
    assert generated_eval.coverage(sample.spans[1], [E("STREET_ADDRESS", 26, 38)]) == pytest.approx(12 / 19)


def test_generated_template_times_count_neither_way() -> None:
    class E:
        def __init__(self, t: str, start: int, end: int) -> None:
            self.entity_type, self.start, self.end = t, start, end

    sample = corpus._fill(
        "Call {PHONE_NUMBER} after {~DATE_TIME:9am}.", {"PHONE_NUMBER": lambda: "(201) 914-1777"}
    )
    assert [sample.text[s.start : s.end] for s in sample.unscored] == ["9am"]
    start = sample.text.index("9am")
    outcomes, _ = generated_eval.judge_sample(
        sample, [E("DATE_TIME", start, start + 3), E("PERSON", start, start + 3)]
    )
    assert outcomes == ["neutral", "fp"]
