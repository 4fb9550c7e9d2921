"""Keys that only carry their field's value down: a value written under its storage type, a typed
property's value under the name of its type, a search aggregation's buckets of a field's values.

An API often wraps a field's value in an object of its own making. The keys inside say how the value
is stored, not what it is; what it is, the field's key above says::

    {"ssn": {"N": "536228745"}}                                    DynamoDB (boto3's client API)
    {"city": {"stringValue": "Bergen"}}                            Firestore, protobuf Struct
    {"ssn": {"$numberLong": "536228745"}}                          MongoDB extended JSON
    {"Surname": {"type": "rich_text", "rich_text": [...]}}         Notion page properties
    {"by_last_name": {"buckets": [{"key": "Halvorsen",             Elasticsearch, OpenSearch
                                   "doc_count": 3}]}}

Read key by key, ``N`` or ``rich_text`` is nothing, ``key`` beside a ``doc_count`` is a label, and a
surname or an SSN stays in clear. :meth:`FieldRules.child <mask_core.fields.rules.FieldRules.child>`
asks :func:`carries` first and, for a key that carries, gives its value the hint of the field above.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mask_core.fields.keys import key_words

__all__ = ["BUCKETS", "STORAGE_TYPES", "aggregated_field", "carries"]

# The keys of a value written with its storage type, alone in their object: DynamoDB's attribute
# values, Firestore's and protobuf Struct's values, MongoDB's extended JSON. Such an object is its
# field's value: a map (``M``, ``mapValue``) is a record of the field's parts, a list (``L``) its items.
#: The keys of a value written with its storage type (see the comment above).
STORAGE_TYPES = frozenset(
    {"S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL",
     "stringValue", "integerValue", "doubleValue", "booleanValue", "timestampValue", "bytesValue",
     "referenceValue", "geoPointValue", "arrayValue", "mapValue", "nullValue", "numberValue",
     "structValue", "listValue", "fields",  # a mapValue's or a Struct's {"fields": {...}}
     "$numberLong", "$numberInt", "$numberDouble", "$numberDecimal", "$date", "$oid", "$binary"}
)  # fmt: skip

#: An aggregation's list of buckets (Elasticsearch, OpenSearch): each bucket's ``key`` is one value of
#: the aggregated field, its ``doc_count`` how many documents hold it.
BUCKETS = "buckets"
_BUCKET_VALUES = ("key", "key_as_string")
_BUCKET_COUNT = "doc_count"
# Words an aggregation's name adds around its field's (``by_last_name``, ``ssn_terms``, ``top_cities``).
_AGGREGATION_WORDS = frozenset(
    {"by", "per", "top", "group", "grouped", "terms", "term", "agg", "aggs", "aggregation", "buckets",
     "bucket", "count", "counts", "values", "unique", "distinct", "histogram", "facet", "facets"}
)  # fmt: skip


def carries(mapping: Mapping[Any, Any], key: str) -> bool:
    """Whether ``mapping[key]`` is the value of the typed field above ``mapping``, as that field's
    API wraps it (see the module docstring; a storage type's key is :data:`STORAGE_TYPES`)."""
    if key == BUCKETS or (key in _BUCKET_VALUES and _BUCKET_COUNT in mapping):
        return True
    # A value under the name of its type, beside that type: Notion's property values
    # ({"type": "phone_number", "phone_number": ...}, {"type": "title", "title": [rich text]}) and
    # their rich text ({"type": "text", "text": {"content": ...}}).
    return mapping.get("type") == key


def aggregated_field(aggregation: str) -> str | None:
    """The field an aggregation's name says it counts, without the words of aggregating
    (``ssn_terms`` -> ``ssn``, ``by_last_name`` -> ``last_name``), or None if nothing is left."""
    words = [w for w in key_words(aggregation) if w not in _AGGREGATION_WORDS]
    return "_".join(words) if words else None
