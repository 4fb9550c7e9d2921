"""Records serialised inside a text (``fields/markup.py``): JSON, Python reprs, ``key=value`` pairs,
XML elements and HTML tables are read by their keys, as ``deep_encode`` reads a structure's."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from mask_core import MaskClient, MemoryVault
from mask_core.fields import FieldRules
from mask_core.fields.markup import markup_cells

ORDER = {
    "customer": {"name": "Ingrid Halvorsen", "email": "ingrid.h@example.no"},
    "line_items": [{"name": "Blue Mug", "sku": "BM-1", "price": 12}],
    "shipping_address": {"line1": "Strandkaien 12", "city": "Bergen", "zip": "5013", "country": "NO"},
    "status": "paid",
}


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault())


@pytest.mark.parametrize("indent", [None, 2])
def test_json_in_a_text_is_read_by_its_keys_and_scopes(
    client: MaskClient,
    indent: int | None,
    typed: Callable[[str], dict[str, str | None]],
    protects: Callable[..., str],
) -> None:
    text = "Tool result: " + json.dumps(ORDER, indent=indent)
    found = typed(text)
    assert found["Ingrid Halvorsen"] == "PERSON"  # a customer's name
    assert "Blue Mug" not in found  # a line item's name: content decides
    assert found["Strandkaien 12"] == "STREET_ADDRESS"
    assert found["Bergen"] == "LOCATION" and found["5013"] == "LOCATION"
    assert found["NO"] is None and found["paid"] is None  # codes
    safe = protects(client, text, "Halvorsen", "Bergen", "5013", "Strandkaien")
    assert '"name": "Blue Mug"' in safe and '"country": "NO"' in safe


def test_a_tool_result_holding_json_is_protected_by_deep_encode(client: MaskClient) -> None:
    result = {"content": [{"type": "text", "text": json.dumps(ORDER)}]}  # an MCP tool's result
    safe = client.deep_encode(result)
    assert "Halvorsen" not in str(safe) and "Bergen" not in str(safe)
    assert client.deep_decode(safe) == result


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "User(first_name='Ingrid', last_name='Halvorsen', city='Bergen')",
            ("Ingrid", "Halvorsen", "Bergen"),
        ),
        ("{'last_name': 'Halvorsen', 'phone': '55 12 34 56'}", ("Halvorsen", "55 12 34 56")),
        (
            'level=info msg="login ok" username=ihalvorsen last_name=Halvorsen city=Bergen',
            ("ihalvorsen", "Bergen"),
        ),
        (
            "GET /api/users?first_name=Ingrid&last_name=Halvorsen&city=Bergen HTTP/1.1",
            ("Halvorsen", "Bergen"),
        ),
        ("SELECT * FROM users WHERE last_name = 'Halvorsen' AND city = 'Bergen'", ("Halvorsen", "Bergen")),
        (
            "<customer><last_name>Halvorsen</last_name><phone>55 12 34 56</phone></customer>",
            ("Halvorsen", "55 12"),
        ),
        ('<contact id="7">\n  <surname> Halvorsen </surname>\n</contact>', ("Halvorsen",)),
        (
            "<table><tr><th>First name</th><th>Last name</th><th>City</th></tr>"
            "<tr><td>Ingrid</td><td>Halvorsen</td><td>Bergen</td></tr></table>",
            ("Ingrid", "Halvorsen", "Bergen"),
        ),
        # A file of settings: a bare value runs to its line's end, the lines are one record.
        ("CUSTOMER_NAME=Zyxwvut Quorve\nCUSTOMER_SSN=536228745\n", ("Zyxwvut", "Quorve", "536228745")),
        ('[user]\nname = "Zyxwvut Quorve"\nemail = "zq@acme.com"\n', ("Zyxwvut Quorve", "zq@acme.com")),
    ],
)
def test_each_way_of_writing_a_record_is_read(
    client: MaskClient, text: str, values: tuple[str, ...], protects: Callable[..., str]
) -> None:
    protects(client, text, *values)


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "mask-core", "version": "0.1.0", "license": "MIT", "dependencies": {"httpx": ">=0.27"}}',
        'region = "us-east-1"\nname = "web"\ninstance_type = "t3.micro"',
        "APP_NAME=Order Service\nLOG_LEVEL=debug\nREGION=eu-west-1",
        "if (a == b && c != d) { x = y >= z; }",
        "<html><body><h1>Release notes</h1><p>Faster scans.</p></body></html>",
        "<table><tr><th>Version</th><th>Date</th></tr><tr><td>1.2.0</td><td>2024-03-15</td></tr></table>",
        'k8s: {"kind": "Deployment", "metadata": {"name": "web-7d9f", "namespace": "prod"}}',
    ],
)
def test_records_that_name_nothing_personal_are_left_alone(client: MaskClient, text: str) -> None:
    assert client.tokenize_text(text) == text


def test_a_record_s_keys_say_whose_name_it_is(typed: Callable[[str], dict[str, str | None]]) -> None:
    author = '{"name": "mask-core", "author": {"name": "Ada Lovelace", "email": "ada@example.org"}}'
    assert typed(author) == {"Ada Lovelace": "PERSON", "ada@example.org": "EMAIL_ADDRESS"}


def test_a_json_escape_is_part_of_the_value_and_comes_back(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    text = '{"last_name": "Halvorsen \\"Jr\\"", "city": "Bergen"}'
    safe = protects(client, text, "Halvorsen", "Bergen")
    assert json.loads(safe)["city"].startswith("LOCATION_")  # still JSON


def test_policy_fields_name_keys_in_serialised_records_too(
    client: MaskClient, typed: Callable[[str], dict[str, str | None]]
) -> None:
    rules = FieldRules({"patient_ref": "MEDICAL_RECORD_NUMBER"})
    assert typed('{"patient_ref": "A-77"}') == {}
    cells = markup_cells('{"patient_ref": "A-77"}', rules)
    assert [(c.hint.entity_type) for c in cells] == ["MEDICAL_RECORD_NUMBER"]


def test_json_in_a_text_is_read_as_the_tree_it_is(
    client: MaskClient, typed: Callable[[str], dict[str, str | None]], protects: Callable[..., str]
) -> None:
    patient = {
        "resourceType": "Patient",
        "identifier": [
            {
                "type": {
                    "coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]
                },
                "system": "urn:oid:1.2.36.146.595.217.0.1",
                "value": "59943931",
            }
        ],
        "name": [{"use": "official", "family": "Bolzmann", "given": ["Orhan", "Emre"]}],
    }
    text = json.dumps(patient, indent=1)
    found = typed(text)
    assert found["59943931"] == "MEDICAL_RECORD_NUMBER"  # its type's code says so, two levels down
    assert found["Orhan"] == found["Emre"] == found["Bolzmann"] == "PERSON"
    protects(client, text, "59943931", "Orhan", "Emre", "Bolzmann")


def test_a_number_under_a_typed_key_of_a_json_text_gets_a_number_token(client: MaskClient) -> None:
    # A placeholder in a number's place, or a card token with a leading zero, would break the JSON:
    # the number gets the number token deep_encode gives the same record, and the text stays JSON.
    record = {
        "zip": 94107,
        "dob": {"year": 1987, "month": 3},
        "city": "Bergen",
        "lat": 59.9139,
        "card_number": 4539148803436467,
        "account_number": 20581043527,
        "order_id": 4539148803436467,
    }
    text = json.dumps(record)
    safe = client.tokenize_text(text)
    parsed = json.loads(safe)
    assert parsed == client.deep_encode(record)
    for key in ("zip", "lat", "card_number", "account_number"):
        assert type(parsed[key]) is type(record[key]) and parsed[key] != record[key], key
    assert parsed["order_id"] == record["order_id"] and parsed["city"].startswith("LOCATION_")
    assert client.detokenize_text(safe) == text
    assert client.deep_decode(parsed) == record
    assert client.tokenize_text(safe) == safe  # a number token tokenized again stays as it is


def test_a_number_token_in_a_json_text_is_restored_only_under_its_own_kind_of_key(client: MaskClient) -> None:
    safe = client.tokenize_text('{"cvv": 123}')
    token = json.loads(safe)["cvv"]
    assert isinstance(token, int) and token != 123
    assert client.detokenize_text(safe) == '{"cvv": 123}'
    # A short token lives in its field type's namespace: the same number elsewhere is a number.
    assert client.detokenize_text(f'{{"quantity": {token}}}') == f'{{"quantity": {token}}}'
    assert client.detokenize_text(f"the total is {token}") == f"the total is {token}"


def test_a_party_key_holds_a_phone_number_only_when_written_as_one(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    protects(client, '{"from": "0385296121", "to": "+4741234567", "body": "ok"}', "0385296121", "41234567")
    assert client.tokenize_text('{"from": "USD", "to": "EUR"}') == '{"from": "USD", "to": "EUR"}'


def test_a_login_in_a_json_text_is_protected_in_the_links_built_from_it(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    text = json.dumps({"login": "blopes", "html_url": "https://github.com/blopes", "id": 7})
    safe = protects(client, text, "blopes")
    assert json.loads(safe)["html_url"] == "https://github.com/" + json.loads(safe)["login"]


def test_a_code_s_value_hides_only_what_lies_inside_it(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    # A vCard line: TYPE=CELL is a code, the number after its colon is not part of it.
    protects(client, "TEL;TYPE=CELL:+47 412 34 567", "412 34 567")


def test_a_number_under_a_key_that_types_nothing_is_an_id_not_a_card(client: MaskClient) -> None:
    # 6033255380786 passes Luhn: in JSON text under "id" it is what deep_encode leaves it, an id.
    text = '{"addresses": [{"id": 6033255380786, "customer_id": 1842882077131}], "ids": [5889304189559]}'
    assert client.tokenize_text(text) == text
    assert client.deep_encode(json.loads(text)) == json.loads(text)


VCARD = (
    "BEGIN:VCARD\nVERSION:3.0\nN:Halvorsen;Ingrid;;;\nFN:Ingrid Halvorsen\nORG:Northwind Logistics\n"
    "TEL;TYPE=CELL:+47 412 34 567\nADR;TYPE=HOME:;;Strandkaien 12;Bergen;;5013;Norway\n"
    "BDAY:1987-03-14\nEND:VCARD"
)
EVENT = (
    "BEGIN:VEVENT\nSUMMARY:Refund call\nORGANIZER;CN=Ola Nordmann:mailto:ola@example.com\n"
    'ATTENDEE;CN="Sigrun Vestvik";ROLE=REQ-PARTICIPANT:mailto:sigrun@example.no\nEND:VEVENT'
)


def test_a_contact_card_and_an_event_are_read_by_their_properties(
    client: MaskClient, typed: Callable[[str], dict[str, str | None]], protects: Callable[..., str]
) -> None:
    found = typed(VCARD)
    assert found["Halvorsen"] == found["Ingrid"] == found["Ingrid Halvorsen"] == "PERSON"
    assert found["Strandkaien 12"] == "STREET_ADDRESS" and found["5013"] == "LOCATION"
    assert found["1987-03-14"] == "DATE_OF_BIRTH"
    protects(client, VCARD, "Halvorsen", "Ingrid", "412 34 567", "Strandkaien", "5013", "1987-03-14")
    safe = protects(client, EVENT, "Ola Nordmann", "Sigrun Vestvik")
    assert "ROLE=REQ-PARTICIPANT" in safe and "SUMMARY:Refund call" in safe


def test_a_key_after_a_null_or_boolean_value_is_a_key_not_that_field_s_value(client: MaskClient) -> None:
    # null, true and None are values: the string after one is the next key, never the value of the
    # typed key before it ("company" was read as address2's value, and tokenized).
    for text in (
        json.dumps({"address2": None, "company": None, "latitude": 48.1, "verified": True, "note": "x"}),
        str({"address2": None, "company": None, "latitude": 48.1, "verified": True, "note": "x"}),
    ):
        safe = client.tokenize_text(text)
        for key in ("address2", "company", "latitude", "verified", "note"):
            assert f"{key}" in safe, (key, safe)
        assert "48.1" not in safe and client.detokenize_text(safe) == text


def test_a_json_text_s_null_and_empty_values_are_keys_beside_the_others(client: MaskClient) -> None:
    # A GitHub user: "email": null still says the record is a person's, as deep_encode reads it, so
    # its "name" is a person's name (it was read as text, and a name nobody knows stayed in clear).
    record = {"login": "blopes", "type": "User", "site_admin": False, "name": "Benício Lopes",
              "blog": "", "location": "Ferreira Alegre", "email": None, "hireable": None}  # fmt: skip
    safe = client.tokenize_text(json.dumps(record, ensure_ascii=False))
    assert json.loads(safe) == client.deep_encode(record)
    assert "Benício" not in safe and "Ferreira" not in safe


@pytest.mark.parametrize(
    ("record", "value"),
    [
        ({"notes": "Hello\nCity: Bergen", "foo": "bar"}, "Bergen"),
        ({"notes": "Hi\nLast name: Halvorsen", "k": "v", "n": 3}, "Halvorsen"),
    ],
)
def test_a_form_inside_a_json_string_ends_with_the_string(
    client: MaskClient, record: dict[str, object], value: str
) -> None:
    # The string's "\n" is a line break: its "City:" line is a form, whose value stops at the quote.
    text = json.dumps(record)
    safe = client.tokenize_text(text)
    assert value not in safe and json.loads(safe).keys() == record.keys()
    assert client.detokenize_text(safe) == text


def test_an_iso_20022_party_s_postal_address_is_protected(client: MaskClient) -> None:
    # pain.001 and camt.053 write a party's address in their own abbreviations.
    xml = (
        "<Dbtr><PstlAdr><StrtNm>Heinz-Dieter-Drewes-Allee</StrtNm><BldgNb>12</BldgNb>"
        "<PstCd>95085</PstCd><TwnNm>Neubrandenburg</TwnNm><Ctry>DE</Ctry></PstlAdr></Dbtr>"
    )
    safe = client.tokenize_text(xml)
    for value in ("Heinz-Dieter", "95085", "Neubrandenburg"):
        assert value not in safe, value
    assert "<Ctry>DE</Ctry>" in safe and client.detokenize_text(safe) == xml
