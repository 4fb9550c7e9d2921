"""Records serialised inside a text (``fields/markup.py``): JSON, Python reprs, ``key=value`` pairs,
XML elements and HTML tables are read by their keys, as ``deep_encode`` reads a structure's."""

from __future__ import annotations

import json

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


def typed(text: str) -> dict[str, str | None]:
    """Each typed or code value the reader finds, with its type (None for a code)."""
    return {text[c.start : c.end]: c.hint.entity_type for c in markup_cells(text, FieldRules())}


def _protects(client: MaskClient, text: str, *values: str) -> str:
    safe = client.tokenize_text(text)
    for value in values:
        assert value not in safe, value
    assert client.detokenize_text(safe) == text
    return safe


@pytest.mark.parametrize("indent", [None, 2])
def test_json_in_a_text_is_read_by_its_keys_and_scopes(client: MaskClient, indent: int | None) -> None:
    text = "Tool result: " + json.dumps(ORDER, indent=indent)
    found = typed(text)
    assert found["Ingrid Halvorsen"] == "PERSON"  # a customer's name
    assert "Blue Mug" not in found  # a line item's name: content decides
    assert found["Strandkaien 12"] == "STREET_ADDRESS"
    assert found["Bergen"] == "LOCATION" and found["5013"] == "LOCATION"
    assert found["NO"] is None and found["paid"] is None  # codes
    safe = _protects(client, text, "Halvorsen", "Bergen", "5013", "Strandkaien")
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
    ],
)
def test_each_way_of_writing_a_record_is_read(client: MaskClient, text: str, values: tuple[str, ...]) -> None:
    _protects(client, text, *values)


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "mask-core", "version": "0.1.0", "license": "MIT", "dependencies": {"httpx": ">=0.27"}}',
        'region = "us-east-1"\nname = "web"\ninstance_type = "t3.micro"',
        "if (a == b && c != d) { x = y >= z; }",
        "<html><body><h1>Release notes</h1><p>Faster scans.</p></body></html>",
        "<table><tr><th>Version</th><th>Date</th></tr><tr><td>1.2.0</td><td>2024-03-15</td></tr></table>",
        'k8s: {"kind": "Deployment", "metadata": {"name": "web-7d9f", "namespace": "prod"}}',
    ],
)
def test_records_that_name_nothing_personal_are_left_alone(client: MaskClient, text: str) -> None:
    assert client.tokenize_text(text) == text


def test_a_record_s_keys_say_whose_name_it_is() -> None:
    author = '{"name": "mask-core", "author": {"name": "Ada Lovelace", "email": "ada@example.org"}}'
    assert typed(author) == {"Ada Lovelace": "PERSON", "ada@example.org": "EMAIL_ADDRESS"}


def test_a_json_escape_is_part_of_the_value_and_comes_back(client: MaskClient) -> None:
    text = '{"last_name": "Halvorsen \\"Jr\\"", "city": "Bergen"}'
    safe = _protects(client, text, "Halvorsen", "Bergen")
    assert json.loads(safe)["city"].startswith("LOCATION_")  # still JSON


def test_policy_fields_name_keys_in_serialised_records_too(client: MaskClient) -> None:
    rules = FieldRules({"patient_ref": "MEDICAL_RECORD_NUMBER"})
    assert typed('{"patient_ref": "A-77"}') == {}
    cells = markup_cells('{"patient_ref": "A-77"}', rules)
    assert [(c.hint.entity_type) for c in cells] == ["MEDICAL_RECORD_NUMBER"]


def test_json_in_a_text_is_read_as_the_tree_it_is(client: MaskClient) -> None:
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
    _protects(client, text, "59943931", "Orhan", "Emre", "Bolzmann")


def test_a_number_in_a_json_text_keeps_the_text_json(client: MaskClient) -> None:
    # A placeholder in a number's place would break the JSON: numbers are left to their digits.
    text = '{"zip": 94107, "dob": {"year": 1987, "month": 3}, "city": "Bergen", "lat": 59.9139}'
    safe = client.tokenize_text(text)
    assert json.loads(safe)["zip"] == 94107 and json.loads(safe)["city"].startswith("LOCATION_")


def test_a_party_key_holds_a_phone_number_only_when_written_as_one(client: MaskClient) -> None:
    _protects(client, '{"from": "0385296121", "to": "+4741234567", "body": "ok"}', "0385296121", "41234567")
    assert client.tokenize_text('{"from": "USD", "to": "EUR"}') == '{"from": "USD", "to": "EUR"}'


def test_a_login_in_a_json_text_is_protected_in_the_links_built_from_it(client: MaskClient) -> None:
    text = json.dumps({"login": "blopes", "html_url": "https://github.com/blopes", "id": 7})
    safe = _protects(client, text, "blopes")
    assert json.loads(safe)["html_url"] == "https://github.com/" + json.loads(safe)["login"]


def test_a_code_s_value_hides_only_what_lies_inside_it(client: MaskClient) -> None:
    # A vCard line: TYPE=CELL is a code, the number after its colon is not part of it.
    _protects(client, "TEL;TYPE=CELL:+47 412 34 567", "412 34 567")


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


def test_a_contact_card_and_an_event_are_read_by_their_properties(client: MaskClient) -> None:
    found = typed(VCARD)
    assert found["Halvorsen"] == found["Ingrid"] == found["Ingrid Halvorsen"] == "PERSON"
    assert found["Strandkaien 12"] == "STREET_ADDRESS" and found["5013"] == "LOCATION"
    assert found["1987-03-14"] == "DATE_OF_BIRTH"
    _protects(client, VCARD, "Halvorsen", "Ingrid", "412 34 567", "Strandkaien", "5013", "1987-03-14")
    safe = _protects(client, EVENT, "Ola Nordmann", "Sigrun Vestvik")
    assert "ROLE=REQ-PARTICIPANT" in safe and "SUMMARY:Refund call" in safe
