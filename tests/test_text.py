"""Invariants 7 and 8 in free text: scan, tokenize_text, detokenize_text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mask_core import DecodeNotAllowedError, MaskClient, MemoryVault, TokenNotFoundError
from mask_core.keys import generate_key
from mask_core.testing import PII_CORPUS, assert_no_pii

RECORD = """Customer record #48213 (updated 2024-03-15 10:42 UTC, build v2.3.1):
Alice Johnson can be reached at alice.johnson@example.com or +1 (415) 555-2671; her SSN is 536-22-8745.
Card on file: 4539 1488 0343 6467 (exp 04/27). Refunds go to IBAN DE89 3704 0044 0532 0130 00,
routing number 021000021. Spanish DNI 12345678Z, NIE X1234567L. Last login from 203.0.113.77.
Order total $1,249.99 shipped to ZIP 94107. Session 9f1c2e4a-7b3d-4c8e-a1f0-2d9e6b5c4a31."""

EXPECTED = {
    "alice.johnson@example.com": "EMAIL_ADDRESS",
    "+1 (415) 555-2671": "PHONE_NUMBER",
    "536-22-8745": "US_SSN",
    "4539 1488 0343 6467": "CREDIT_CARD",
    "DE89 3704 0044 0532 0130 00": "IBAN_CODE",
    "021000021": "ABA_ROUTING_NUMBER",
    "12345678Z": "ES_NIF",
    "X1234567L": "ES_NIE",
    "203.0.113.77": "IP_ADDRESS",
    "2024-03-15 10:42 UTC": "DATE_TIME",  # reported, left in clear by tokenize_text (report_only)
    "Alice Johnson": "PERSON",  # a first name and a surname the name lists know, without the NER tier
}
PROFILE = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_scan_finds_each_value_with_type_span_score_and_text(client: MaskClient) -> None:
    found = {e.text: e for e in client.scan(RECORD)}
    assert {t: e.entity_type for t, e in found.items()} == EXPECTED
    for text, e in found.items():
        assert RECORD[e.start : e.end] == text
        assert 0.5 <= e.score <= 1.0


def test_scan_leaves_technical_text_alone(client: MaskClient) -> None:
    technical = (
        "2024-03-15T10:42:00Z INFO build 1.24.3 (commit 9f1c2e4a7b3d) served 200 in 12.5ms; "
        "uuid 9f1c2e4a-7b3d-4c8e-a1f0-2d9e6b5c4a31 order 100234 ZIP 94107 price $19.99 port 8080 "
        "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 retry 3/5 at 10:42:07"
    )
    # Timestamps are dates and times (DATE_TIME, reported but never tokenized); nothing else is found.
    found = client.scan(technical)
    assert [(e.entity_type, e.text) for e in found] == [
        ("DATE_TIME", "2024-03-15T10:42:00Z"),
        ("DATE_TIME", "10:42:07"),
    ]


@pytest.mark.parametrize(
    "address", ["hansj..jacob44@yahoo.de", ".ana.lima@example.com", "ana.lima.@example.com"]
)
def test_an_address_whose_local_part_breaks_the_dot_rules_is_still_protected(
    client: MaskClient, address: str
) -> None:
    # RFC 5322 allows no leading, trailing or doubled dot in a local part, yet such addresses are
    # typed into forms (and Faker's German locale writes them); Mask cannot rule them out.
    text = f"Contact: {address}, thanks"
    safe = client.tokenize_text(text)
    assert address.strip(".") not in safe and client.detokenize_text(safe) == text
    assert [e.entity_type for e in client.scan(text)] == ["EMAIL_ADDRESS"]


@pytest.mark.parametrize(
    "text",
    [
        "SSN 536-22-8746 is not valid",  # Luhn/SSA rules aside, an invalid card below:
        "card 4539 1488 0343 6468",  # fails Luhn
        "IBAN DE89 3704 0044 0532 0130 01",  # fails mod 97
        "routing 021000022",  # fails the ABA checksum
        "DNI 12345678A",  # wrong control letter
        "SSN 000-12-3456 or 666-12-3456 or 912-12-3456",  # never issued areas
    ],
)
def test_a_failed_check_means_no_finding(client: MaskClient, text: str) -> None:
    types = {e.entity_type for e in client.scan(text)}
    assert not types & {"CREDIT_CARD", "IBAN_CODE", "ABA_ROUTING_NUMBER", "ES_NIF"}
    if "536-22-8746" not in text:
        assert "US_SSN" not in types


def test_weak_values_need_context(client: MaskClient) -> None:
    assert client.scan("reference 536228745") == []
    assert [e.entity_type for e in client.scan("SSN: 536228745")] == ["US_SSN"]
    assert [e.entity_type for e in client.scan("ABA routing 021000021")] == ["ABA_ROUTING_NUMBER"]
    assert client.scan("invoice 021000021") == []


def test_evasion_with_lookalike_digits_and_invisible_characters(client: MaskClient) -> None:
    for text, value in [
        ("SSN ５３６-２２-８７４５.", "５３６-２２-８７４５"),
        ("SSN 536-22\u200b-8745.", "536-22\u200b-8745"),
        ("card 4539\u00a01488\u00a00343\u00a06467!", "4539\u00a01488\u00a00343\u00a06467"),
        ("mail alice.johnson＠example.com", "alice.johnson＠example.com"),
    ]:
        (found,) = client.scan(text)
        assert found.text == value
        out = client.tokenize_text(text)
        assert value not in out
        assert client.detokenize_text(out) == text


def test_tokenize_then_detokenize_is_exact(client: MaskClient) -> None:
    safe = client.tokenize_text(RECORD)
    for value, entity_type in EXPECTED.items():
        assert (value in safe) == (entity_type in client.scanner.report_only)
    assert client.detokenize_text(safe) == RECORD


def test_retokenizing_tokenized_text_changes_nothing(client: MaskClient) -> None:
    once = client.tokenize_text(RECORD)
    twice = client.tokenize_text(once)
    assert twice == once
    # What is left is what tokenizing keeps in clear by design (the record's timestamp).
    assert {e.entity_type for e in client.scan(once)} <= client.scanner.report_only


def test_a_real_value_that_looks_like_a_token_is_tokenized(client: MaskClient) -> None:
    # Token-shaped strings that are not live tokens of this tenant are data, not tokens: if a detector
    # finds them they are protected like any other value.
    fake = "u.abcdefghij@mask.example.net"
    assert fake not in client.tokenize_text(f"contact {fake} now")
    iban = "DE89 3704 0044 0532 0130 00"
    other = MaskClient(tenant="other", master_key=generate_key(), vault=MemoryVault())
    foreign_token = other.encode(iban, "IBAN_CODE")  # a valid IBAN that is another tenant's token
    assert foreign_token not in client.tokenize_text(f"pay {foreign_token}")


@PROFILE
@given(
    item=st.sampled_from(PII_CORPUS),
    before=st.sampled_from(["", " ", "(", "<", '"', "value: ", "[", "\n", "1234 "]),
    after=st.sampled_from(["", " ", ")", ">", '"', ".", ",", ";", "\n", "!", " 2024"]),
)
def test_every_token_shape_is_found_inside_free_text(
    client: MaskClient, item, before: str, after: str
) -> None:  # type: ignore[no-untyped-def]
    token = client.encode(item.value, item.entity_type)
    text = f"{before}{token}{after}"
    assert client.detokenize_text(text) == f"{before}{item.value}{after}"


@pytest.mark.parametrize("name", ["Alice Johnson", "ACME Corp", "Springfield"])
def test_placeholder_tokens_are_found_inside_free_text(client: MaskClient, name: str) -> None:
    for entity_type in ("PERSON", "ORGANIZATION", "LOCATION", "GENERIC"):
        token = client.encode(name, entity_type)
        assert client.detokenize_text(f"Dear {token}, see {token}.") == f"Dear {name}, see {name}."


def test_national_phone_tokens_start_with_00_and_round_trip(key: bytes) -> None:
    client = MaskClient(tenant="es", master_key=key, vault=MemoryVault())
    token = client.encode("612 345 678", "PHONE_NUMBER")
    assert re.fullmatch(r"00\d \d{3} \d{3}", token)
    assert client.detokenize_text(f"llame al {token}.") == "llame al 612 345 678."


def test_reformatted_tokens_in_text_decode_in_the_models_layout(client: MaskClient) -> None:
    token = client.encode("+1 (415) 555-2671", "PHONE_NUMBER")
    digits = re.sub(r"\D", "", token)
    reformatted = f"{digits[1:4]}.{digits[4:7]}.{digits[7:]}"
    assert client.detokenize_text(f"call {reformatted}") == "call 415.555.2671"


def test_unknown_reserved_tokens_raise_unless_lenient(client: MaskClient, key: bytes) -> None:
    # A token this deployment issued whose vault entry is gone (expired, erased, another pod's memory).
    dead = MaskClient(tenant="acme", master_key=key, vault=MemoryVault()).encode("536-22-8745", "US_SSN")
    text = f"SSN on file: {dead}"
    with pytest.raises(TokenNotFoundError) as info:
        client.detokenize_text(text)
    assert dead[:3] not in str(info.value)
    assert client.detokenize_text(text, lenient=True) == text


@pytest.mark.parametrize(
    "text",
    [
        "SSN on file: 912-34-5678",  # SSN-shaped, in the reserved area, never issued by Mask
        "order 912345678 shipped",
        "call (299) 414-2231 or 299-414-2231",  # a NANP number with an unassigned N9X area code
        "ZIP 94105-1234",
        "id 0123456789012345",
    ],
)
def test_values_mask_never_issued_are_never_refused(text: str) -> None:
    # A fixed key: under a random one, an SSN-shaped value in the reserved area passes the keyed check
    # with probability 1 in 100 (two tag digits, docs/tokens.md), and this test would fail as often.
    client = MaskClient(tenant="acme", master_key=bytes(range(32)), vault=MemoryVault())
    assert client.detokenize_text(text) == text


def test_token_shaped_but_unreserved_values_pass_through(client: MaskClient) -> None:
    text = "IBAN DE89 3704 0044 0532 0130 00 and DNI 12345678Z"  # real values of unreserved formats
    assert client.detokenize_text(text) == text


def test_allowed_types_keep_other_tokens_as_tokens(client: MaskClient) -> None:
    safe = client.tokenize_text("email alice.johnson@example.com, ssn 536-22-8745")
    partial = client.detokenize_text(safe, allowed_types={"EMAIL_ADDRESS"})
    assert "alice.johnson@example.com" in partial
    assert "536-22-8745" not in partial
    ssn_token = safe.split("ssn ")[1]
    with pytest.raises(DecodeNotAllowedError):
        client.decode(ssn_token, allowed_types={"EMAIL_ADDRESS"})


def test_tokens_of_another_tenant_are_not_decoded(key: bytes) -> None:
    vault = MemoryVault()
    a = MaskClient(tenant="a", master_key=key, vault=vault)
    b = MaskClient(tenant="b", master_key=key, vault=vault)
    safe = a.tokenize_text("mail alice.johnson@example.com")
    with pytest.raises(TokenNotFoundError):
        b.detokenize_text(safe)
    assert_no_pii(b.detokenize_text(safe, lenient=True))


def test_empty_and_token_free_text(client: MaskClient) -> None:
    assert client.tokenize_text("") == ""
    assert client.detokenize_text("") == ""
    assert client.tokenize_text("nothing to see") == "nothing to see"
    assert client.scan("") == []


def test_findings_repr_never_shows_the_value(client: MaskClient) -> None:
    found = client.scan(RECORD)
    assert_no_pii(repr(found), str(found))
    detailed = client.tokenize_detailed(RECORD)
    assert_no_pii(repr(detailed.entities))
    assert len(detailed.tokens) == len(detailed.entities)


@PROFILE
@given(
    item=st.sampled_from(PII_CORPUS),
    before=st.sampled_from(["", " ", "(", '"', "value: ", "SSN ", "card ", "call +1 ", "\n", "1234 "]),
    after=st.sampled_from(["", " ", ")", '"', ".", ";", "\n", " 2024", " ext 12"]),
)
def test_retokenizing_text_with_any_token_shape_changes_nothing(
    client: MaskClient, item, before: str, after: str
) -> None:  # type: ignore[no-untyped-def]
    once = client.tokenize_text(f"{before}{client.encode(item.value, item.entity_type)}{after}")
    assert client.tokenize_text(once) == once
    assert client.scan(once) == []
