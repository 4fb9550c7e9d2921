"""Rows written as SQL (``fields/sql.py``): the values of ``INSERT`` statements are read by their
columns, and the statements stay statements."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from mask_core import MaskClient, MaskSettings, MemoryVault

TABLE = "CREATE TABLE customers (id INTEGER, first_name TEXT, last_name TEXT, ssn, phone, city TEXT, zip)"


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off"))


def _rows(statement: str) -> list[tuple[object, ...]]:
    """The rows the statement writes, as SQLite reads it."""
    db = sqlite3.connect(":memory:")
    db.execute(TABLE)
    db.execute(statement)
    return db.execute("SELECT * FROM customers").fetchall()


def test_an_insert_statement_s_values_are_read_by_their_columns(
    client: MaskClient, typed: Callable[[str], dict[str, str | None]], protects: Callable[..., str]
) -> None:
    text = (
        "INSERT INTO customers (first_name, last_name, ssn, phone, city) VALUES "
        "('Zyxwvut', 'Quorve', '536228745', '4791234567', 'Zamora');"
    )
    assert typed(text) == {
        "Zyxwvut": "PERSON", "Quorve": "PERSON", "536228745": "US_SSN", "4791234567": "PHONE_NUMBER",
        "Zamora": "LOCATION",
    }  # fmt: skip
    safe = protects(client, text, "Zyxwvut", "Quorve", "536228745", "4791234567", "Zamora")
    assert len(_rows(safe)) == 1


def test_rows_with_escapes_nulls_and_numbers_stay_a_statement_that_runs(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    text = (
        "INSERT INTO customers (id, first_name, last_name, ssn, phone, zip) VALUES\n"
        "  (6033255380786, 'Zyxwvut', 'O''Quorve', 536228745, 4791234567, 94107),\n"
        "  (2, 'Abcdefg', NULL, NULL, '', 10001);"
    )
    safe = protects(client, text, "Zyxwvut", "Quorve", "536228745", "4791234567", "94107", "Abcdefg", "10001")
    written, original = _rows(safe), _rows(text)
    assert len(written) == 2
    for row, before in zip(written, original, strict=True):
        # Each number under a typed column has a number token: still a number, of the same kind.
        assert [type(v) for v in row] == [type(v) for v in before]
    assert written[0][0] == 6033255380786  # an id (it passes Luhn) is no card number
    assert written[1][2] is None and written[1][3] is None


@pytest.mark.parametrize(
    "text",
    [
        'INSERT INTO "customers" ("first_name", "last_name", "city") VALUES (\'Zyxwvut\', \'Quorve\', \'Zamora\')',
        "INSERT INTO `customers` (`first_name`, `last_name`, `city`) VALUES ('Zyxwvut', 'Quorve', 'Zamora')",
        "insert into main.customers (first_name, last_name, city) values ('Zyxwvut', 'Quorve', 'Zamora')",
        "INSERT OR REPLACE INTO customers (first_name, last_name, city)\nVALUES ('Zyxwvut', 'Quorve', 'Zamora')",
    ],
)
def test_quoted_names_and_the_dialects_prefixes_are_read(
    client: MaskClient, text: str, protects: Callable[..., str]
) -> None:
    protects(client, text, "Zyxwvut", "Quorve", "Zamora")
    assert len(_rows(client.tokenize_text(text))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "INSERT INTO products (name, sku) VALUES ('Blue Mug', 'BM-1');",
        # No list of columns: which value is whose is not guessed.
        "INSERT INTO customers VALUES (7, 'Zyxwvut', 'Quorve', 'Zamora');",
        # A row of another number of values than the columns.
        "INSERT INTO customers (first_name, last_name) VALUES ('Zyxwvut');",
        "Please insert the card into the reader (slot 2) and wait.",
    ],
)
def test_statements_that_name_nothing_personal_are_left_alone(client: MaskClient, text: str) -> None:
    assert client.tokenize_text(text) == text


def test_an_insert_inside_a_string_is_the_string_s_text(
    typed: Callable[[str], dict[str, str | None]],
) -> None:
    text = (
        "INSERT INTO notes (body, city) VALUES ('run INSERT INTO t (city) VALUES (''Oslo'') later', 'Zamora')"
    )
    assert typed(text) == {"Zamora": "LOCATION"}
