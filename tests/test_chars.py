"""The Unicode tables behind normalisation match the running Python's Unicode database."""

from __future__ import annotations

import unicodedata

from mask_core._chars import DIGIT_ZEROS, FOLD, fold
from mask_core.scan.normalize import normalize


def test_digit_table_covers_every_decimal_digit() -> None:
    zeros = [
        cp
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) == "Nd" and unicodedata.decimal(chr(cp)) == 0
    ]
    assert sorted(zeros) == sorted(DIGIT_ZEROS), "update DIGIT_ZEROS for this Unicode version"
    for zero in DIGIT_ZEROS[1:]:
        for i in range(10):
            assert FOLD[zero + i] == ord("0") + i


def test_folding_is_one_for_one() -> None:
    text = "Ｃａｌｌ ５５５–０１２３\u00a0now"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Call 555-0123 now"


def test_zero_width_removal_maps_spans_back() -> None:
    text = "a\u200bb\u200c\u200dc 123"
    norm = normalize(text)
    assert norm.text == "abc 123"
    assert norm.to_original(0, 3) == (0, 6)
    assert norm.to_original(4, 7) == (7, 10)
    assert text[slice(*norm.to_original(1, 2))] == "b"


def test_percent_escapes_are_read_as_the_characters_they_encode() -> None:
    text = "https://x.io/q?email=alice%40example.com&n=Ren%C3%A9e%20Dubois&p=100%25&z=%E2%80%8Bx"
    norm = normalize(text)
    assert norm.text == "https://x.io/q?email=alice@example.com&n=Renée Dubois&p=100%25&z=x"
    i = norm.text.index("alice")
    assert text[slice(*norm.to_original(i, i + len("alice@example.com")))] == "alice%40example.com"
    i = norm.text.index("Renée")
    assert text[slice(*norm.to_original(i, i + len("Renée Dubois")))] == "Ren%C3%A9e%20Dubois"


def test_what_a_url_carries_is_protected_and_restored_exactly() -> None:
    from mask_core import MaskClient, MemoryVault
    from mask_core.settings import MaskSettings

    client = MaskClient(
        tenant="t", master_key=b"k" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off")
    )
    url = "https://api.example.com/v1/lookup?email=alice%40example.com&ssn=536-22-8745&page=2"
    safe = client.tokenize_text(url)
    assert (
        "alice" not in safe and "536-22-8745" not in safe and safe.startswith("https://api.example.com/v1/")
    )
    assert client.detokenize_text(safe) == url
    plain = "gid://shopify/Order/5012345678901 and http://hl7.org/fhir/sid/us-ssn?version=2"
    assert client.tokenize_text(plain) == plain  # a URL that holds no personal data is left alone


def test_a_json_text_s_string_escapes_are_read_as_what_they_stand_for() -> None:
    text = '{"details": "Studio 7\\nDiana Crossing", "name": "Ben\\u00edcio", "path": "C:\\\\new\\\\x", "q": "\\"a\\""}'
    norm = normalize(text)
    # A line break and a letter; an escaped backslash keeps the "n" after it an "n", and an escaped
    # quote stays escaped (it would end the string in the view).
    assert (
        norm.text
        == '{"details": "Studio 7\nDiana Crossing", "name": "Benício", "path": "C:\\\\new\\\\x", "q": "\\"a\\""}'
    )
    i = norm.text.index("Benício")
    assert text[slice(*norm.to_original(i, i + len("Benício")))] == "Ben\\u00edcio"
    i = norm.text.index("7\nDiana")
    assert text[slice(*norm.to_original(i, i + len("7\nDiana")))] == "7\\nDiana"
    # Outside an object literal, a backslash and an "n" are what they are (a Windows path in prose).
    assert normalize("saved to C:\\new\\report.txt").text == "saved to C:\\new\\report.txt"


def test_an_address_over_two_lines_of_a_json_string_is_protected_whole() -> None:
    import json

    from mask_core import MaskClient, MemoryVault
    from mask_core.settings import MaskSettings

    client = MaskClient(
        tenant="t", master_key=b"k" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off")
    )
    text = json.dumps({"description": "Ship to Flat 61\nAngela Throughway, Hartleyview. Thanks"})
    safe = client.tokenize_text(text)
    assert "Angela" not in safe and "Hartleyview" not in safe and "Flat 61" not in safe
    assert json.loads(safe)["description"].startswith("Ship to STREET_ADDRESS_")
    assert client.detokenize_text(safe) == text
