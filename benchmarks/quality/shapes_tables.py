"""Rows of tables and databases: a Google Sheets ``values.get`` range (the header is the first row,
every cell a formatted string, a row's trailing empty cells left out), a BigQuery ``jobs.query``
response (column names in ``schema.fields``, each row ``{"f": [{"v": cell}]}``, every value a string),
the rows of ``csv.reader`` over an export (a list of lists, the header first), each with two to four
people; a DynamoDB ``GetItem`` response through boto3's client (every value under its type
descriptor, ``{"S": ...}``, ``{"N": "..."}``, ``{"M": {...}}``) and a Firestore REST document
(``{"stringValue": ...}``, ``{"mapValue": {"fields": ...}}``). Header cells, type descriptors and the
API's own fields are not sensitive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from record_tree import pii, safe
from shape_values import Ctx

__all__ = ["SHAPES", "SINGLE"]


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


def dynamodb_item(c: Ctx) -> dict[str, Any]:
    """``client("dynamodb").get_item(TableName="customers", Key=...)``."""
    p = c.person
    item: dict[str, Any] = {
        "pk": {"S": safe(f"CUSTOMER#{c.small_id()}", "id")},
        "sk": {"S": safe("PROFILE", "enum")},
        "full_name": {"S": pii(p.name, "PERSON")},
        "email": {"S": pii(p.email, "EMAIL_ADDRESS")},
        "phone": {"S": pii(p.e164, "PHONE_NUMBER")},
        "date_of_birth": {"S": pii(p.birth.isoformat(), "DATE_OF_BIRTH")},
        "national_id": {"S": pii(p.national_id, "NATIONAL_ID")},
        "address": {
            "M": {
                "street": {"S": pii(p.street, "STREET_ADDRESS")},
                "city": {"S": pii(p.city, "LOCATION")},
                "postal_code": {"S": pii(p.postcode, "POSTCODE")},
                "country": {"S": safe(p.region, "country")},
            }
        },
        "loyalty_points": {"N": safe(str(c.rng.randint(0, 90000)), "count")},
        "tags": {"SS": [safe(t, "tags") for t in c.rng.sample(["vip", "newsletter", "wholesale"], 2)]},
        "verified": {"BOOL": c.rng.random() < 0.7},
        "created_at": {"S": safe(c.iso_z(), "timestamp")},
    }
    return {
        "Item": item,
        "ResponseMetadata": {
            "RequestId": safe(c.base62("", 52).upper(), "id"),
            "HTTPStatusCode": safe(200, "status"),
            "RetryAttempts": safe(0, "count"),
        },
    }


def firestore_document(c: Ctx) -> dict[str, Any]:
    """``GET /v1/projects/{project}/databases/(default)/documents/users/{id}``."""
    p = c.person
    doc_id = c.base62("", 20)
    return {
        "name": safe(f"projects/acme-app/databases/(default)/documents/users/{doc_id}", "id"),
        "fields": {
            "displayName": {"stringValue": pii(p.name, "PERSON")},
            "email": {"stringValue": pii(p.email, "EMAIL_ADDRESS")},
            "phoneNumber": {"stringValue": pii(p.e164, "PHONE_NUMBER")},
            "birthDate": {"timestampValue": pii(f"{p.birth.isoformat()}T00:00:00Z", "DATE_OF_BIRTH")},
            "address": {
                "mapValue": {
                    "fields": {
                        "line1": {"stringValue": pii(p.street, "STREET_ADDRESS")},
                        "city": {"stringValue": pii(p.city, "LOCATION")},
                        "zip": {"stringValue": pii(p.postcode, "POSTCODE")},
                    }
                }
            },
            "plan": {"stringValue": safe(c.rng.choice(["free", "pro", "team"]), "enum")},
            "logins": {"integerValue": safe(str(c.rng.randint(1, 400)), "count")},
        },
        "createTime": safe(c.iso_z(), "timestamp"),
        "updateTime": safe(c.iso_z(), "timestamp"),
    }


SHAPES = {"sheets_values": sheets_values, "bigquery_query": bigquery_query, "csv_rows": csv_rows}
SINGLE = {"dynamodb_item": dynamodb_item, "firestore_document": firestore_document}
