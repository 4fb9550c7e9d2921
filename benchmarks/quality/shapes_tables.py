"""Tables returned as rows of cells: a Google Sheets ``values.get`` range (the header is the first
row, every cell a formatted string, a row's trailing empty cells left out), a BigQuery ``jobs.query``
response (column names in ``schema.fields``, each row ``{"f": [{"v": cell}]}``, every value a string)
and the rows of ``csv.reader`` over an export (a list of lists, the header first). Each holds two to
four people. Header cells and the API's own fields are not sensitive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from record_tree import pii, safe
from shape_values import Ctx

__all__ = ["SHAPES"]


def _people(c: Ctx, more: Callable[[], Ctx]) -> list[Ctx]:
    return [c] + [more() for _ in range(c.rng.randint(1, 3))]


def sheets_values(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    """``GET /v4/spreadsheets/{id}/values/{range}`` with the default ``FORMATTED_VALUE`` rendering."""
    header = ["Name", "Email", "Phone", "Date of Birth", "Address", "City", "Postcode", "Status", "Notes"]
    rows: list[list[Any]] = [[safe(h, "label") for h in header]]
    for x in _people(c, more):
        p = x.person
        row = [
            pii(p.name, "PERSON"),
            pii(p.email, "EMAIL_ADDRESS"),
            pii(p.phone, "PHONE_NUMBER"),
            pii(p.birth.strftime("%m/%d/%Y"), "DATE_OF_BIRTH"),
            pii(p.street, "STREET_ADDRESS"),
            pii(p.city, "LOCATION"),
            pii(p.postcode, "POSTCODE"),
            safe(x.rng.choice(["Active", "Lead", "Churned"]), "enum"),
        ]
        if x.rng.random() < 0.4:
            row.append(safe(x.rng.choice(["follow up in Q3", "prefers email", "VIP"]), "text"))
        rows.append(row)
    return {
        "range": safe(f"Customers!A1:I{len(rows)}", "range"),
        "majorDimension": safe("ROWS", "enum"),
        "values": rows,
    }


def bigquery_query(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    """``POST /bigquery/v2/projects/{project}/queries``: a query over a customers table."""
    columns = [
        ("customer_id", "INTEGER"), ("full_name", "STRING"), ("email", "STRING"), ("phone_number", "STRING"),
        ("birth_date", "DATE"), ("ssn", "STRING"), ("postal_code", "STRING"), ("lifetime_value", "NUMERIC"),
        ("segment", "STRING"),
    ]  # fmt: skip
    people = _people(c, more)
    rows = []
    for x in people:
        p = x.person
        cells = [
            safe(str(x.small_id()), "id"),
            pii(p.name, "PERSON"),
            pii(p.email, "EMAIL_ADDRESS"),
            pii(p.e164, "PHONE_NUMBER"),
            pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
            pii(p.national_id, "NATIONAL_ID"),
            pii(p.postcode, "POSTCODE"),
            safe(f"{x.cents() / 100:.2f}", "amount"),
            safe(x.rng.choice(["retail", "wholesale", "partner"]), "enum"),
        ]
        rows.append({"f": [{"v": cell} for cell in cells]})
    return {
        "kind": safe("bigquery#queryResponse", "enum"),
        "schema": {
            "fields": [
                {"name": safe(name, "label"), "type": safe(kind, "enum"), "mode": safe("NULLABLE", "enum")}
                for name, kind in columns
            ]
        },
        "jobReference": {
            "projectId": safe("acme-analytics", "id"),
            "jobId": safe(c.base62("job_", 20), "id"),
            "location": safe("US", "enum"),
        },
        "totalRows": safe(str(len(rows)), "count"),
        "rows": rows,
        "totalBytesProcessed": safe(str(c.rng.randint(10**4, 10**8)), "count"),
        "jobComplete": True,
        "cacheHit": False,
    }


def csv_rows(c: Ctx, more: Callable[[], Ctx]) -> list[list[Any]]:
    """``list(csv.reader(f))`` over a CRM's contact export."""
    header = ["id", "first_name", "last_name", "email", "mobile", "street", "city", "zip", "created_at"]
    rows: list[list[Any]] = [[safe(h, "label") for h in header]]
    for x in _people(c, more):
        p = x.person
        rows.append(
            [
                safe(str(x.small_id()), "id"),
                pii(p.first, "PERSON"),
                pii(p.last, "PERSON"),
                pii(p.email, "EMAIL_ADDRESS"),
                pii(p.phone, "PHONE_NUMBER"),
                pii(p.street, "STREET_ADDRESS"),
                pii(p.city, "LOCATION"),
                pii(p.postcode, "POSTCODE"),
                safe(x.sql_datetime(), "timestamp"),
            ]
        )
    return rows


SHAPES = {"sheets_values": sheets_values, "bigquery_query": bigquery_query, "csv_rows": csv_rows}
