"""What only the DynamoDB vault has: the table helper, lazy expiry, BatchGetItem chunks, request counts."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from mask_core import MaskClient
from mask_core.keys import generate_key
from mask_core.testing import PII_CORPUS, assert_no_pii
from mask_core.vault.dynamodb import DynamoDBVault

from .conftest import AWS, MOTO_POLICY

pytestmark = pytest.mark.servers


@pytest.fixture
def vault(moto_url: str, dynamodb_table: str, prefix: str) -> Iterator[DynamoDBVault]:
    with DynamoDBVault(
        dynamodb_table, endpoint_url=moto_url, prefix=prefix, policy=MOTO_POLICY, **AWS
    ) as vault:
        yield vault


@pytest.fixture
def admin(moto_url: str) -> Any:
    """A plain boto3 client with botocore's default (generous) timeouts, for looking at the table."""
    return boto3.client(
        "dynamodb",
        endpoint_url=moto_url,
        region_name=AWS["region"],
        aws_access_key_id=AWS["aws_access_key_id"],
        aws_secret_access_key=AWS["aws_secret_access_key"],
    )


def _count_requests(vault: DynamoDBVault) -> Counter[str]:
    """Requests the client sends, by operation name (one HTTP request each)."""
    sent: Counter[str] = Counter()

    def on_call(model: Any, **_: Any) -> None:
        sent[model.name] += 1

    vault.client.meta.events.register("before-call.dynamodb", on_call)
    return sent


def test_create_table_is_idempotent_and_enables_ttl(moto_url: str) -> None:
    vault = DynamoDBVault("mask-ttl-check", endpoint_url=moto_url, **AWS)
    vault.create_table()
    vault.create_table()
    ttl = vault.client.describe_time_to_live(TableName="mask-ttl-check")["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}
    key_schema = vault.client.describe_table(TableName="mask-ttl-check")["Table"]["KeySchema"]
    assert key_schema == [{"AttributeName": "k", "KeyType": "HASH"}]
    vault.close()


def test_expired_items_still_stored_are_absent_on_read(vault: DynamoDBVault, admin: Any) -> None:
    vault.put_if_absent("short", b"old", 1)
    time.sleep(2.1)
    raw = admin.get_item(TableName=vault.table, Key={"k": {"S": vault.prefix + "short"}})
    assert raw["Item"]["v"]["B"] == b"old", "moto (like DynamoDB, for a while) keeps expired items"
    assert vault.get("short") is None
    assert vault.get_many(["short"]) == [None]
    assert vault.touch("short", 60) is False
    assert list(vault.iter_keys("")) == []
    assert vault.put_if_absent("short", b"new", None) is None, "an expired item is replaced"
    assert vault.get("short") == b"new"


def test_requests_per_batch(vault: DynamoDBVault) -> None:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
    payload = {"emails": [f"customer{i}@example.com" for i in range(250)]}
    sent = _count_requests(vault)
    safe = client.deep_encode(payload)
    assert sent == {"PutItem": 250}, "no conditional batch write exists: one PutItem per new entry"
    sent.clear()
    assert client.deep_decode({"first": safe["emails"][:100]}) == {"first": payload["emails"][:100]}
    assert sent == {"BatchGetItem": 1}, "100 tokens: one BatchGetItem"
    sent.clear()
    assert client.deep_decode(safe) == payload
    assert sent == {"BatchGetItem": 3}, "250 tokens: three chunks of at most 100 keys"
    sent.clear()
    assert vault.put_if_absent(vault_key(client, safe["emails"][0]), b"another record", None) is not None
    assert sent == {"PutItem": 1}, "the record already there comes back with the failed condition"


def vault_key(client: MaskClient, token: str) -> str:
    parsed = client.registry.format_for("EMAIL_ADDRESS").parse(token)
    assert parsed is not None
    return client.engine.vault_key("EMAIL_ADDRESS", parsed.canonical)


def test_the_table_holds_no_plaintext(vault: DynamoDBVault, admin: Any) -> None:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
    payload = {item.entity_type.lower() + str(i): item.value for i, item in enumerate(PII_CORPUS)}
    safe = client.deep_encode(payload)
    admin = boto3.client(
        "dynamodb",
        endpoint_url=vault.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    pages = admin.get_paginator("scan").paginate(
        TableName=vault.table,
        FilterExpression="begins_with(k, :p)",
        ExpressionAttributeValues={":p": {"S": vault.prefix}},
    )
    items = [item for page in pages for item in page["Items"]]
    assert len(items) == len(PII_CORPUS)
    assert_no_pii(*[item["k"]["S"] for item in items], *[bytes(item["v"]["B"]) for item in items])
    assert client.deep_decode(safe) == payload
