"""The DynamoDB vault (boto3): serverless, durable, shared by every pod in every region you replicate to.

Install with ``pip install 'mask-core[dynamodb]'``. Usage::

    from mask_core.vault.dynamodb import DynamoDBVault

    vault = DynamoDBVault("mask-vault", region="eu-west-1")
    vault.create_table()            # once: on-demand table, TTL enabled (idempotent)
    client = MaskClient(tenant="acme", vault=vault, ttl=86_400)

or ``MASK_VAULT_TYPE=dynamodb MASK_DYNAMODB_TABLE=mask-vault MASK_DYNAMODB_REGION=eu-west-1``
(``MASK_DYNAMODB_ENDPOINT_URL`` for DynamoDB Local or moto). Credentials come from the usual AWS chain.

Table layout: partition key ``k`` (string: ``<prefix><vault key>``, never plaintext), ``v`` (binary:
the sealed record), ``expires_at`` (number: unix seconds, DynamoDB's TTL attribute; absent: no expiry).

How the contract maps to DynamoDB:

* **store-if-absent**: one conditional ``PutItem`` per entry with
  ``attribute_not_exists(k) OR expires_at <= :now OR v = :v``: it stores a new entry, replaces an
  expired one, or rewrites an identical one with a fresh ``expires_at`` (the TTL refresh), all in one
  request. ``ReturnValues=ALL_OLD`` and ``ReturnValuesOnConditionCheckFailure=ALL_OLD`` return what
  was there. DynamoDB has no conditional batch write, so a batch's puts are sent concurrently from a
  thread pool: one request per entry, one round-trip time per batch.
* **get_many**: ``BatchGetItem`` with strongly consistent reads (a token written by one pod must
  decode on another at once), 100 keys per request (requests of one batch run concurrently), unprocessed
  keys retried with backoff inside the call's deadline.
* **expiry**: DynamoDB deletes expired items lazily (typically within days) and moto never does, so
  every read treats ``expires_at <= now`` as absent. Expiry has whole-second granularity: an entry
  lives between ``ttl`` and ``ttl + 1`` seconds. Clocks of the pods must be right (NTP).
* **iteration / replace** (``mask vault rekey``): ``Scan`` with ``begins_with``; ``UpdateItem`` with a
  condition on the expected record, which leaves ``expires_at`` (the remaining TTL) alone.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar, TypeVar

from mask_core.errors import MaskError, MissingDependencyError, VaultError, VaultUnavailableError
from mask_core.types import Clock

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise MissingDependencyError(
        "mask_core.vault.dynamodb (the DynamoDB vault)", "boto3", "dynamodb"
    ) from exc

from mask_core.vault._network import NetworkVault, Put, resolve_duplicates
from mask_core.vault._retry import RetryPolicy

__all__ = ["DynamoDBVault"]

T = TypeVar("T")
BATCH_GET = 100  # BatchGetItem's limit
_NAMES = {"#k": "k", "#v": "v", "#e": "expires_at"}
_LIVE = "(attribute_not_exists(#e) OR #e > :now)"
_TRANSIENT = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "InternalServerError",
    "ServiceUnavailable",
    "TransactionConflictException",
    "LimitExceededException",
}


class _Unprocessed(Exception):
    """BatchGetItem kept returning unprocessed keys (throttling): retried like any transient error."""


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _classify(exc: BaseException) -> bool | MaskError | None:
    if isinstance(exc, NoCredentialsError):
        return VaultUnavailableError("dynamodb vault: no AWS credentials found")
    if isinstance(exc, ClientError):
        code = _code(exc)
        if code in _TRANSIENT or code.startswith("5"):
            return True
        if code == "ResourceNotFoundException":
            return VaultUnavailableError(
                "dynamodb vault table does not exist: create it with DynamoDBVault.create_table()"
            )
        return VaultError(f"dynamodb refused a vault request ({code[:64] or 'unknown error'})")
    if isinstance(exc, BotoCoreError | _Unprocessed | OSError | TimeoutError):
        return True
    return None


def _conditional_failure(exc: ClientError) -> bool:
    return _code(exc) == "ConditionalCheckFailedException"


class DynamoDBVault(NetworkVault):
    """A vault in one DynamoDB table. Thread-safe."""

    supports_iteration: ClassVar[bool] = True
    backend: ClassVar[str] = "dynamodb"

    def __init__(
        self,
        table: str = "mask-vault",
        *,
        region: str | None = None,
        endpoint_url: str | None = None,
        prefix: str = "",
        policy: RetryPolicy | None = None,
        max_workers: int = 16,
        clock: Clock = time.time,
        **client_kwargs: Any,
    ) -> None:
        """``client_kwargs`` go to ``boto3.client("dynamodb", ...)`` (e.g. explicit credentials)."""
        super().__init__(prefix=prefix, policy=policy)
        self.table = table
        self.region = region
        self.endpoint_url = endpoint_url
        self._clock = clock
        self._max_workers = max_workers
        timeout = self.policy.attempt_timeout
        config = Config(
            connect_timeout=timeout,
            read_timeout=timeout,
            retries={"total_max_attempts": 1},  # retries are RetryPolicy's (see _retry.py)
            max_pool_connections=max_workers,
        )
        self._client_args: dict[str, Any] = {
            "region_name": region,
            "endpoint_url": endpoint_url,
            "config": config,
            **client_kwargs,
        }
        self._client: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"DynamoDBVault(table={self.table!r}, region={self.region!r}, prefix={self.prefix!r})"

    # -- plumbing -------------------------------------------------------------------------------------
    @property
    def client(self) -> Any:
        """The boto3 DynamoDB client (created on first use; boto3 clients are thread-safe)."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = boto3.session.Session().client("dynamodb", **self._client_args)
        return self._client

    def _map(self, fn: Callable[[Any], T], args: Sequence[Any]) -> list[T]:
        """``fn`` over ``args``, concurrently when there is more than one."""
        if len(args) <= 1:
            return [fn(a) for a in args]
        if self._pool is None:
            with self._lock:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(self._max_workers, thread_name_prefix="mask-dynamodb")
        return list(self._pool.map(fn, args))

    def _run(self, fn: Callable[[], T], *, retries: bool = True) -> T:
        policy = self.policy if retries else RetryPolicy(timeout=self.policy.timeout, retries=0)
        return policy.call(fn, backend="dynamodb", classify=_classify)

    def _now(self) -> dict[str, str]:
        return {"N": repr(float(self._clock()))}

    def _live_value(self, item: dict[str, Any] | None, now: float) -> bytes | None:
        if not item or "v" not in item:
            return None
        expires = item.get("expires_at")
        if expires is not None and float(expires["N"]) <= now:
            return None
        return bytes(item["v"]["B"])

    def _key(self, key: str) -> dict[str, dict[str, str]]:
        return {"k": {"S": self.prefix + key}}

    # -- store-if-absent ------------------------------------------------------------------------------
    def _put_one(self, item: Put, ttl: float | None) -> bytes | None:
        key, value = item
        now = float(self._clock())
        record: dict[str, Any] = {"k": {"S": self.prefix + key}, "v": {"B": value}}
        if ttl is not None:
            record["expires_at"] = {"N": str(math.ceil(now + ttl))}
        try:
            response = self.client.put_item(
                TableName=self.table,
                Item=record,
                ConditionExpression="attribute_not_exists(#k) OR #e <= :now OR #v = :v",
                ExpressionAttributeNames=_NAMES,
                ExpressionAttributeValues={":now": {"N": repr(now)}, ":v": {"B": value}},
                ReturnValues="ALL_OLD",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except ClientError as exc:
            if not _conditional_failure(exc):
                raise
            existing: dict[str, Any] | None = exc.response.get("Item")  # type: ignore[assignment]
            if existing is None:  # a server that does not return the old item: read it
                existing = self.client.get_item(
                    TableName=self.table, Key=self._key(key), ConsistentRead=True
                ).get("Item")
            # The condition failed, so the item there is live and different (or vanished since).
            found = self._live_value(existing, now)
            if found is None:
                raise _Unprocessed("entry changed during a conditional put") from exc
            return found
        return self._live_value(response.get("Attributes"), now)

    def put_many_if_absent(self, items: Sequence[Put], ttl: float | None) -> list[bytes | None]:
        if not items:
            return []
        answers, touch = resolve_duplicates(
            items, lambda unique: self._run(lambda: self._map(lambda it: self._put_one(it, ttl), unique))
        )
        if touch:
            self.touch_many(touch, ttl)
        return answers

    # -- reads ----------------------------------------------------------------------------------------
    def _batch_get(self, keys: list[str]) -> dict[str, bytes]:
        """Live records of up to 100 distinct keys, following UnprocessedKeys until done."""
        request: dict[str, Any] = {
            self.table: {
                "Keys": [self._key(k) for k in keys],
                "ConsistentRead": True,
                "ProjectionExpression": "#k, #v, #e",
                "ExpressionAttributeNames": _NAMES,
            }
        }
        found: dict[str, bytes] = {}
        deadline = time.monotonic() + self.policy.timeout
        for attempt in range(30):
            response = self.client.batch_get_item(RequestItems=request)
            now = float(self._clock())
            for item in response.get("Responses", {}).get(self.table, []):
                value = self._live_value(item, now)
                if value is not None:
                    found[item["k"]["S"]] = value
            request = response.get("UnprocessedKeys") or {}
            if not request:
                return found
            delay = min(0.5, 0.01 * 2**attempt)
            if time.monotonic() + delay > deadline:
                break
            time.sleep(delay)
        raise _Unprocessed("BatchGetItem left keys unprocessed until the deadline (throttled)")

    def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys:
            return []
        distinct = list(dict.fromkeys(keys))
        chunks = [distinct[i : i + BATCH_GET] for i in range(0, len(distinct), BATCH_GET)]

        def fetch() -> dict[str, bytes]:
            found: dict[str, bytes] = {}
            for part in self._map(self._batch_get, chunks):
                found.update(part)
            return found

        found = self._run(fetch)
        return [found.get(self.prefix + k) for k in keys]

    # -- TTL, delete ----------------------------------------------------------------------------------
    def _touch_one(self, key: str, ttl: float | None) -> bool:
        now = float(self._clock())
        values: dict[str, Any] = {":now": {"N": repr(now)}}
        if ttl is None:
            update = "REMOVE #e"
        else:
            update = "SET #e = :exp"
            values[":exp"] = {"N": str(math.ceil(now + ttl))}
        try:
            self.client.update_item(
                TableName=self.table,
                Key=self._key(key),
                UpdateExpression=update,
                ConditionExpression=f"attribute_exists(#k) AND {_LIVE}",
                ExpressionAttributeNames={"#k": "k", "#e": "expires_at"},
                ExpressionAttributeValues=values,
            )
        except ClientError as exc:
            if _conditional_failure(exc):
                return False
            raise
        return True

    def touch(self, key: str, ttl: float | None) -> bool:
        return self._run(lambda: self._touch_one(key, ttl))

    def touch_many(self, keys: Sequence[str], ttl: float | None) -> None:
        distinct = list(dict.fromkeys(keys))
        if distinct:
            self._run(lambda: self._map(lambda k: self._touch_one(k, ttl), distinct))

    def delete(self, key: str) -> bool:
        def go() -> bool:
            now = float(self._clock())
            response = self.client.delete_item(
                TableName=self.table, Key=self._key(key), ReturnValues="ALL_OLD"
            )
            return self._live_value(response.get("Attributes"), now) is not None

        return self._run(go)

    # -- maintenance (mask vault rekey) ---------------------------------------------------------------
    def iter_keys(self, prefix: str) -> Iterator[str]:
        def scan() -> list[str]:
            pages = self.client.get_paginator("scan").paginate(
                TableName=self.table,
                ProjectionExpression="#k",
                FilterExpression=f"begins_with(#k, :p) AND {_LIVE}",
                ExpressionAttributeNames={"#k": "k", "#e": "expires_at"},
                ExpressionAttributeValues={":p": {"S": self.prefix + prefix}, ":now": self._now()},
                ConsistentRead=True,
            )
            return [item["k"]["S"][len(self.prefix) :] for page in pages for item in page.get("Items", [])]

        return iter(self._run(scan))

    def replace(self, key: str, expected: bytes, new: bytes) -> bool:
        """Compare-and-set with ``UpdateItem``; ``expires_at`` is untouched. Not retried (see Redis)."""

        def go() -> bool:
            try:
                self.client.update_item(
                    TableName=self.table,
                    Key=self._key(key),
                    UpdateExpression="SET #v = :new",
                    ConditionExpression=f"#v = :old AND {_LIVE}",
                    ExpressionAttributeNames={"#v": "v", "#e": "expires_at"},
                    ExpressionAttributeValues={
                        ":old": {"B": expected},
                        ":new": {"B": new},
                        ":now": self._now(),
                    },
                )
            except ClientError as exc:
                if _conditional_failure(exc):
                    return False
                raise
            return True

        return self._run(go, retries=False)

    # -- table management -----------------------------------------------------------------------------
    def create_table(self, *, wait: bool = True, timeout: float = 60.0) -> None:
        """Create the table (on-demand capacity) with TTL on ``expires_at``. Safe to call again.

        An administrative call: it uses its own client with ``timeout``-second socket timeouts and
        botocore's standard retries, not the vault's tight per-call budget.
        """
        config = Config(connect_timeout=timeout, read_timeout=timeout, retries={"mode": "standard"})
        client = boto3.session.Session().client("dynamodb", **{**self._client_args, "config": config})
        try:
            client.create_table(
                TableName=self.table,
                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                BillingMode="PAY_PER_REQUEST",
            )
        except ClientError as exc:
            if _code(exc) != "ResourceInUseException":
                raise VaultError(f"could not create the dynamodb vault table ({_code(exc)[:64]})") from exc
        if wait:
            client.get_waiter("table_exists").wait(
                TableName=self.table, WaiterConfig={"Delay": 1, "MaxAttempts": 60}
            )
        ttl = client.describe_time_to_live(TableName=self.table).get("TimeToLiveDescription", {})
        if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
            client.update_time_to_live(
                TableName=self.table,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"},
            )

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
        client, self._client = self._client, None
        if client is not None:
            client.close()
