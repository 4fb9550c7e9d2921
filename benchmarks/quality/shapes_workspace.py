"""Workspace and search tools' results: a Notion database query (each page's properties a typed
value under the name of its type: ``{"type": "phone_number", "phone_number": ...}``, titles and
rich text as lists of text runs, selects as options), an Elasticsearch search response (the hits'
``_source`` documents and a terms aggregation whose buckets' keys are the aggregated field's values)
and a Google Charts DataTable as Sheets' query endpoint returns it (``cols[].label`` and
``rows[].c[].v``, with the displayed form in ``f``). Property names, type names, option colours and
counts are not sensitive.

These shapes were added after the rules that read them (``fields/wrappers.py``, the DataTable's
cells in ``fields/columns.py``): they keep those rules from regressing, they did not find the leaks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from record_tree import pii, safe
from shape_values import Ctx

__all__ = ["SHAPES"]


def _people(c: Ctx, more: Callable[[], Ctx]) -> list[Ctx]:
    return [c] + [more() for _ in range(c.rng.randint(1, 2))]


def _rich_text(value: Any) -> list[dict[str, Any]]:
    """Notion's rich text: one text run, its content and its plain text (the same string)."""
    annotations = {"bold": False, "italic": False, "code": False, "color": safe("default", "enum")}
    return [
        {
            "type": safe("text", "enum"),
            "text": {"content": value, "link": None},
            "annotations": annotations,
            "plain_text": value,
            "href": None,
        }
    ]


def _property(c: Ctx, kind: str, value: Any) -> dict[str, Any]:
    return {"id": safe(c.base62("", 4), "id"), "type": safe(kind, "enum"), kind: value}


def _notion_page(c: Ctx) -> dict[str, Any]:
    p = c.person
    page_id = c.uuid()
    props: dict[str, Any] = {
        "Name": _property(c, "title", _rich_text(pii(p.name, "PERSON"))),
        "Email": _property(c, "email", pii(p.email, "EMAIL_ADDRESS")),
        "Phone": _property(c, "phone_number", pii(p.phone, "PHONE_NUMBER")),
        "Address": _property(c, "rich_text", _rich_text(pii(p.street, "STREET_ADDRESS"))),
        "City": _property(
            c,
            "select",
            {
                "id": safe(c.base62("", 4), "id"),
                "name": pii(p.city, "LOCATION"),
                "color": safe("blue", "enum"),
            },
        ),
        "Birthday": _property(
            c, "date", {"start": pii(p.birth.isoformat(), "DATE_OF_BIRTH"), "end": None, "time_zone": None}
        ),
        "Stage": _property(
            c,
            "status",
            {
                "id": safe(c.base62("", 4), "id"),
                "name": safe(c.rng.choice(["Lead", "Customer", "Churned"]), "enum"),
                "color": safe("green", "enum"),
            },
        ),
        "Visits": _property(c, "number", safe(c.rng.randint(0, 40), "count")),
    }
    return {
        "object": safe("page", "enum"),
        "id": safe(page_id, "id"),
        "created_time": safe(c.iso_z(), "timestamp"),
        "archived": False,
        "properties": props,
        "url": safe(f"https://www.notion.so/{page_id.replace('-', '')}", "url"),
    }


def notion_database_query(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    """``POST /v1/databases/{id}/query`` over a contacts database."""
    return {
        "object": safe("list", "enum"),
        "results": [_notion_page(x) for x in _people(c, more)],
        "next_cursor": None,
        "has_more": False,
        "type": safe("page_or_database", "enum"),
    }


def elasticsearch_search(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    """``GET /customers/_search`` with a terms aggregation on the city."""
    people = _people(c, more)
    hits = [
        {
            "_index": safe("customers", "enum"),
            "_id": safe(x.base62("", 20), "id"),
            "_score": safe(round(x.rng.uniform(1, 9), 4), "score"),
            "_source": {
                "full_name": pii(x.person.name, "PERSON"),
                "email": pii(x.person.email, "EMAIL_ADDRESS"),
                "phone": pii(x.person.phone, "PHONE_NUMBER"),
                "city": pii(x.person.city, "LOCATION"),
                "tier": safe(x.rng.choice(["gold", "silver"]), "enum"),
            },
        }
        for x in people
    ]
    cities = list(dict.fromkeys(x.person.city for x in people))
    return {
        "took": safe(c.rng.randint(1, 40), "count"),
        "timed_out": False,
        "hits": {"total": {"value": safe(len(hits), "count"), "relation": safe("eq", "enum")}, "hits": hits},
        "aggregations": {
            "by_city": {
                "doc_count_error_upper_bound": safe(0, "count"),
                "sum_other_doc_count": safe(0, "count"),
                "buckets": [{"key": pii(city, "LOCATION"), "doc_count": safe(1, "count")} for city in cities],
            },
            "by_tier": {"buckets": [{"key": safe("gold", "enum"), "doc_count": safe(len(hits), "count")}]},
        },
    }


def sheets_gviz_table(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    """The ``table`` of Sheets' ``/gviz/tq?tqx=out:json`` response (a Google Charts DataTable)."""
    labels = [("A", "Name"), ("B", "Phone"), ("C", "City"), ("D", "Orders")]
    cols = [
        {"id": safe(i, "id"), "label": safe(label, "label"), "type": safe("string", "enum")}
        for i, label in labels
    ]
    rows = []
    for x in _people(c, more):
        p = x.person
        rows.append(
            {
                "c": [
                    {"v": pii(p.name, "PERSON")},
                    {"v": pii(p.phone, "PHONE_NUMBER")},
                    {"v": pii(p.city, "LOCATION")},
                    {"v": safe(x.rng.randint(0, 30), "count"), "f": None},
                ]
            }
        )
    return {"cols": cols, "rows": rows, "parsedNumHeaders": safe(1, "count")}


SHAPES = {
    "notion_database_query": notion_database_query,
    "elasticsearch_search": elasticsearch_search,
    "sheets_gviz_table": sheets_gviz_table,
}
