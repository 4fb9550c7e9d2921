"""Tables written as text (``fields/tables.py``): each column's header decides its cells, as a JSON
key decides a value in ``deep_encode``."""

from __future__ import annotations

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MemoryVault
from mask_core.fields import FieldRules
from mask_core.fields.tables import table_cells

CSV = (
    "id,first_name,last_name,phone,city,signup_date\n"
    "1,Ingrid,Halvorsen,519-082-3304,Bergen,2023-04-01\n"
    "2,Dragan,Petković,(299) 414-2231,Novi Sad,2023-04-02\n"
)
MARKDOWN = (
    "| customer_name | email | phone | address |\n"
    "|---|---|---|---|\n"
    "| Ingrid Halvorsen | ingrid.h@example.no | 519-082-3304 | 8841 Calloway Road, Apt. 112 |\n"
)
ALIGNED = (
    "customer_name       email                 phone\n"
    "------------------  --------------------  ------------\n"
    "Thandiwe Mokoena    thandiwe@example.za   082 555 0199\n"
    "Lars Eriksen        lars.e@example.dk     +45 20 12 34 56\n"
)


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault())


def cells(text: str, rules: FieldRules | None = None) -> dict[str, str | None]:
    return {text[c.start : c.end]: c.hint.entity_type for c in table_cells(text, rules or FieldRules())}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            CSV,
            {
                "Ingrid": "PERSON",
                "Halvorsen": "PERSON",
                "Bergen": "LOCATION",
                "(299) 414-2231": "PHONE_NUMBER",
            },
        ),
        (CSV.replace(",", "\t"), {"Halvorsen": "PERSON", "Novi Sad": "LOCATION"}),
        (CSV.replace(",", ";"), {"Petković": "PERSON", "519-082-3304": "PHONE_NUMBER"}),
        (MARKDOWN, {"Ingrid Halvorsen": "PERSON", "8841 Calloway Road, Apt. 112": "STREET_ADDRESS"}),
        (
            ALIGNED,
            {"Thandiwe Mokoena": "PERSON", "Lars Eriksen": "PERSON", "+45 20 12 34 56": "PHONE_NUMBER"},
        ),
        # A CLI's columns under an upper-case header, no rule (aws iam, kubectl, a SQL client).
        (
            "USER_NAME          CREATE_DATE\nihalvorsen         2021-03-04T10:00:00Z\n"
            "jsalazar           2022-01-02T09:00:00Z\n",
            {"ihalvorsen": "USERNAME", "jsalazar": "USERNAME"},
        ),
        (
            "NAME                 EMAIL                  PHONE\n"
            "Megan Salazar        megan@example.com      +381 11 123 4567\n",
            {"Megan Salazar": "PERSON", "+381 11 123 4567": "PHONE_NUMBER"},
        ),
        # psql's output: a rule of dashes and pluses under the header, a row count after.
        (
            "acme=> SELECT id, first_name, last_name, city FROM customers;\n"
            " id  | first_name | last_name      | city\n"
            "-----+------------+----------------+-----------\n"
            " 100 | Ruvanne    | Moravcsik-Tane | Skellefteå\n"
            " 107 | Orsolya    | Yberrand       | Motala\n"
            "(2 rows)\n",
            {"Ruvanne": "PERSON", "Moravcsik-Tane": "PERSON", "Skellefteå": "LOCATION", "Motala": "LOCATION"},
        ),
        # The MySQL client's: borders of pluses and dashes around the header and the rows.
        (
            "+----+---------------------+------------+\n"
            "| id | full_name           | dob        |\n"
            "+----+---------------------+------------+\n"
            "|  1 | Zyquotha Essaselbra | 1997-07-27 |\n"
            "+----+---------------------+------------+\n"
            "1 row in set (0.00 sec)\n",
            {"Zyquotha Essaselbra": "PERSON", "1997-07-27": "DATE_OF_BIRTH"},
        ),
        # A pandas data frame's printout: right-aligned, the index column's header blank.
        (
            "   customer_id                      name           email  postcode  order_total\n"
            "0        47582  Ysolde Okonkwo-Lindqvist  yo@example.nl   5606 XZ       346.13\n"
            "1        40967        Marquen Szaroleśny  ms@example.pl   8021 GM       203.17\n",
            {"Ysolde Okonkwo-Lindqvist": "PERSON", "5606 XZ": "LOCATION", "8021 GM": "LOCATION"},
        ),
        # A quoted cell may hold the delimiter.
        (
            'name,email,note\n"Okeke, Chidinma",c.okeke@example.ng,"said ""hi"""\n',
            {"Okeke, Chidinma": "PERSON"},
        ),
    ],
)
def test_each_layout_reads_its_columns(text: str, expected: dict[str, str]) -> None:
    found = cells(text)
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        # Prose with commas: clauses are no field names, and the rows do not line up.
        "Name, address and phone are optional.\nAlice said, that was fine, thanks.",
        "We met on Monday, talked about the budget and then left\nthe rest for Friday, as agreed",
        # A header with no row under it.
        "first_name,last_name\n",
        # Rows without the header's number of cells.
        "first_name,last_name\nIngrid\nHalvorsen",
        # Columns no rule knows.
        "alpha,beta,gamma\n1,2,3\n4,5,6",
        # Upper-case words two spaces apart with prose under them, and a row that does not line up.
        "WARNING  NOTE\nthe email field is required here",
        "NAME          PHONE\nthe name and phone of the caller",
        # Indented prose, its words two spaces apart, is no data frame.
        "   Name  and  address\n  are  optional  here\n",
        # A signature's lines, parts separated by bars: one known "column" is not a table.
        "Senior Account Manager | Northwind Logistics\nm: +55 11 98765-4321 | mariana@example.com\n",
    ],
)
def test_what_is_not_a_table_of_known_fields_gives_no_cells(text: str) -> None:
    assert cells(text) == {}


def test_tokenize_text_protects_every_cell_of_a_typed_column(client: MaskClient) -> None:
    out = client.tokenize_text(CSV)
    for value in ("Ingrid", "Halvorsen", "Bergen", "Petković", "Novi Sad", "519-082-3304", "(299) 414-2231"):
        assert value not in out, value
    assert out.splitlines()[0] == CSV.splitlines()[0]  # the header stays as it is
    assert "2023-04-01" in out  # a column no rule types: content, a date left in clear
    assert client.detokenize_text(out) == CSV


def test_a_finding_never_runs_from_one_cell_into_the_next(client: MaskClient) -> None:
    # The street's address was read on over the city, postcode, country and the date's year: one
    # token took five cells, the country code with it, and left the date's month and day in clear.
    text = (
        "customer_id,street,city,postcode,country,dob,status\n"
        "7891,aleja Okrężna 776,Ostrowiec Świętokrzyski,13-500,PL,1961-10-25,active\n"
    )
    safe = client.tokenize_text(text)
    row = safe.splitlines()[1].split(",")
    assert len(row) == 7 and row[0] == "7891" and row[4] == "PL" and row[6] == "active"
    for value in ("Okrężna", "Ostrowiec", "13-500", "1961", "10-25"):
        assert value not in safe, value
    assert client.detokenize_text(safe) == text


def test_a_table_inside_a_json_string_is_read_too(client: MaskClient) -> None:
    out = client.deep_encode({"tool": "sql", "result": ALIGNED})
    assert "Mokoena" not in out["result"] and "Eriksen" not in out["result"]
    assert client.deep_decode(out) == {"tool": "sql", "result": ALIGNED}


def test_tokenizing_twice_changes_nothing(client: MaskClient) -> None:
    once = client.tokenize_text(MARKDOWN)
    assert client.tokenize_text(once) == once


def test_a_code_column_keeps_findings_out_of_its_one_word_cells(client: MaskClient) -> None:
    # "sku" is a code field: a number there is an article, whatever a phone recognizer would say.
    text = "sku,phone\n415-555-0132,415-555-0199\n"
    assert [e.text for e in client.scan("order 415-555-0132 shipped")] == ["415-555-0132"]  # in prose
    assert [e.text for e in client.scan(text)] == ["415-555-0199"]


def test_the_clients_own_field_rules_name_columns() -> None:
    text = "patient_ref,ward\nPX-88213,4B\n"
    plain = MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault())
    ruled = MaskClient(
        tenant="t", master_key=b"t" * 32, vault=MemoryVault(), fields={"patient_ref": "MEDICAL_RECORD_NUMBER"}
    )
    assert "PX-88213" in plain.tokenize_text(text)
    assert "PX-88213" not in ruled.tokenize_text(text)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    locale=st.sampled_from(["en_US", "de_DE", "fr_FR", "es_ES", "no_NO", "pl_PL"]),
    sep=st.sampled_from([",", "\t", ";"]),
)
def test_faker_rows_are_protected_and_come_back_exactly(seed: int, locale: str, sep: str) -> None:
    fake = Faker(locale)
    fake.seed_instance(seed)
    rows = [(fake.first_name(), fake.last_name(), fake.city(), fake.email()) for _ in range(3)]
    text = "\n".join([sep.join(("first_name", "last_name", "city", "email"))] + [sep.join(r) for r in rows])
    client = MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault())
    out = client.tokenize_text(text)
    for row in rows:
        for value in row:
            assert value not in out.split(sep) and f"\n{value}{sep}" not in out, (value, out)
    assert client.detokenize_text(out) == text
