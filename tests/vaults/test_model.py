"""Property test: any sequence of batch operations gives the same answers on a server as on the
reference MemoryVault (hypothesis draws keys, values, duplicates within a batch, deletes and touches).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mask_core import MemoryVault
from mask_core.testing.servers import RedisCluster, ServerProcess
from mask_core.vault.base import Vault

from .conftest import AWS, MOTO_POLICY

pytestmark = pytest.mark.servers

# Keys: a small pool so batches collide, with long and unusual ones (memcached hashes those).
KEYS = st.sampled_from(
    ["mask:t:A:1", "mask:t:A:2", "mask:t:B:1", "mask:t:C:" + "z" * 300, "mask:t:D:a b", "#x"]
)
VALUES = st.sampled_from([b"r1", b"r2", bytes(range(256)), b"\x00"])
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.lists(st.tuples(KEYS, VALUES), min_size=1, max_size=8)),
        st.tuples(st.just("get"), st.lists(KEYS, min_size=1, max_size=8)),
        st.tuples(st.just("touch"), st.lists(KEYS, min_size=1, max_size=4)),
        st.tuples(st.just("delete"), KEYS),
    ),
    min_size=1,
    max_size=12,
)


def _apply(vault: Vault, op: tuple[str, object]) -> object:
    kind, arg = op
    if kind == "put":
        return vault.put_many_if_absent(arg, 3600)  # type: ignore[arg-type]
    if kind == "get":
        return vault.get_many(arg)  # type: ignore[arg-type]
    if kind == "touch":
        vault.touch_many(arg, None)  # type: ignore[arg-type]
        return [vault.get(k) for k in arg]  # type: ignore[attr-defined]
    return vault.delete(arg)  # type: ignore[arg-type]


def _check(make: Callable[[str], Vault], ops: list[tuple[str, object]]) -> None:
    reference = MemoryVault()
    with make(f"m{uuid.uuid4().hex[:10]}:") as vault:
        for op in ops:
            assert _apply(vault, op) == _apply(reference, op), op


SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(ops=OPS)
def test_redis_matches_the_reference(redis_server: ServerProcess, ops: list[tuple[str, object]]) -> None:
    from mask_core.vault.redis import RedisVault

    _check(lambda p: RedisVault(f"redis://127.0.0.1:{redis_server.port}/0", prefix=p), ops)


@SETTINGS
@given(ops=OPS)
def test_redis_cluster_matches_the_reference(
    redis_cluster: RedisCluster, ops: list[tuple[str, object]]
) -> None:
    from mask_core.vault.redis import RedisVault

    _check(lambda p: RedisVault(redis_cluster.url, cluster=True, prefix=p), ops)


@SETTINGS
@given(ops=OPS)
def test_memcached_matches_the_reference(
    memcached_server: ServerProcess, ops: list[tuple[str, object]]
) -> None:
    from mask_core.vault.memcached import MemcachedVault

    _check(lambda p: MemcachedVault([f"127.0.0.1:{memcached_server.port}"], prefix=p), ops)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_dynamodb_matches_the_reference(
    moto_url: str, dynamodb_table: str, ops: list[tuple[str, object]]
) -> None:
    from mask_core.vault.dynamodb import DynamoDBVault

    _check(
        lambda p: DynamoDBVault(dynamodb_table, endpoint_url=moto_url, prefix=p, policy=MOTO_POLICY, **AWS),
        ops,
    )
