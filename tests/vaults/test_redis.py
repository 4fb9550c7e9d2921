"""What only the Redis vault has: server-counted round trips, cluster routing, script reloads, OOM."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import redis

from mask_core import MaskClient, VaultFullError
from mask_core.keys import generate_key
from mask_core.testing import PII_CORPUS, assert_no_pii
from mask_core.testing.servers import RedisCluster, ServerProcess
from mask_core.vault.redis import RedisVault

pytestmark = pytest.mark.servers


def _payload(n: int) -> dict[str, list[str]]:
    return {"emails": [f"customer{i}@example.com" for i in range(n)]}


@pytest.fixture
def admin(redis_server: ServerProcess) -> Iterator[redis.Redis]:
    with redis.Redis(port=redis_server.port) as client:
        yield client


@pytest.fixture
def vault(redis_url: str, prefix: str) -> Iterator[RedisVault]:
    with RedisVault(redis_url, prefix=prefix) as vault:
        yield vault


def _commands(admin: redis.Redis) -> dict[str, int]:
    """Calls per command since the last CONFIG RESETSTAT, as the server counts them."""
    skip = {"cmdstat_config|resetstat", "cmdstat_info", "cmdstat_client|setinfo", "cmdstat_ping"}
    stats = admin.info("commandstats")
    return {name: s["calls"] for name, s in stats.items() if name not in skip}


def test_one_round_trip_per_batch_counted_by_the_server(vault: RedisVault, admin: redis.Redis) -> None:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
    safe = client.deep_encode(_payload(100))
    admin.config_resetstat()
    assert client.deep_decode(safe) == _payload(100)
    assert _commands(admin) == {"cmdstat_mget": 1}, "deep_decode of 100 tokens: one MGET"
    admin.config_resetstat()
    client.deep_encode(_payload(200))  # 100 known values (TTL refreshed), 100 new ones
    # one script call; inside it, per key: GET, then SET (new) or PERSIST (refresh, ttl=None)
    expected = {"cmdstat_evalsha": 1, "cmdstat_get": 200, "cmdstat_set": 100, "cmdstat_persist": 100}
    assert _commands(admin) == expected


def test_concurrent_async_encodes_are_coalesced(vault: RedisVault, admin: redis.Redis) -> None:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
    values = [f"user{i}@example.com" for i in range(100)]

    async def run() -> tuple[list[str], list[str]]:
        await client.aencode("warm-up@example.com")  # opens this loop's connection
        admin.config_resetstat()
        tokens = list(await asyncio.gather(*(client.aencode(v) for v in values)))
        after_encode = _commands(admin)
        admin.config_resetstat()
        decoded = list(await asyncio.gather(*(client.adecode(t) for t in tokens)))
        assert _commands(admin) == {"cmdstat_mget": 1}, "100 concurrent adecode calls: one MGET"
        assert after_encode["cmdstat_evalsha"] == 1, "100 concurrent aencode calls: one script call"
        return tokens, decoded

    tokens, decoded = asyncio.run(run())
    assert decoded == values
    assert len(set(tokens)) == 100


def test_cluster_batches_cost_one_exchange_per_node(redis_cluster: RedisCluster, prefix: str) -> None:
    nodes = [redis.Redis(port=n.port) for n in redis_cluster.nodes]

    def reads() -> list[int]:  # socket reads each node served (each INFO call is one of them)
        return [n.info("stats")["total_reads_processed"] for n in nodes]

    with RedisVault(redis_cluster.url, cluster=True, prefix=prefix) as vault:
        client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
        safe = client.deep_encode(_payload(100))
        keys_per_node = [n.dbsize() for n in nodes]
        assert all(k > 10 for k in keys_per_node), "the keys of one tenant spread over every master"
        before = reads()
        assert client.deep_decode(safe) == _payload(100)
        after = reads()
        assert [b - a - 1 for a, b in zip(before, after, strict=True)] == [1, 1, 1]
        before = reads()
        client.deep_encode({"new": [f"lead{i}@example.org" for i in range(30)]})
        after = reads()
        # one pipeline of per-slot script calls per node. (Kept small: redis-py writes a pipeline in
        # ~6 KB chunks, which a server may take in several reads; that is still one round trip.)
        assert [b - a - 1 for a, b in zip(before, after, strict=True)] == [1, 1, 1]
    for n in nodes:
        n.close()


@pytest.mark.parametrize("cluster", [False, True], ids=["single", "cluster"])
def test_scripts_are_reloaded_after_a_flush(
    cluster: bool, redis_server: ServerProcess, redis_cluster: RedisCluster, prefix: str
) -> None:
    nodes = redis_cluster.nodes if cluster else [redis_server]
    url = f"redis://127.0.0.1:{nodes[0].port}/0"
    ports = [n.port for n in nodes]
    with RedisVault(url, cluster=cluster, prefix=prefix) as vault:
        vault.put_many_if_absent([("a", b"1"), ("b", b"2")], None)
        for port in ports:
            with redis.Redis(port=port) as admin:
                admin.script_flush()
        assert vault.put_many_if_absent([("a", b"1"), ("c", b"3")], 60) == [b"1", None]
        assert vault.touch("c", None) is True

        async def again() -> list[bytes | None]:
            for port in ports:
                with redis.Redis(port=port) as admin:
                    admin.script_flush()
            return await vault.aput_many_if_absent([("a", b"x"), ("d", b"4")], None)

        assert asyncio.run(again()) == [b"1", None]


def test_maxmemory_refusal_is_vault_full_and_reads_still_work(vault: RedisVault, admin: redis.Redis) -> None:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
    token = client.encode("alice.johnson@example.com")
    admin.config_set("maxmemory", 1)
    admin.config_set("maxmemory-policy", "noeviction")
    try:
        with pytest.raises(VaultFullError) as info:
            client.encode("bob.martinez@example.com")
        assert_no_pii(str(info.value), repr(info.value))
        assert client.decode(token) == "alice.johnson@example.com"
    finally:
        admin.config_set("maxmemory", 0)


def test_the_server_holds_no_plaintext(vault: RedisVault, admin: redis.Redis) -> None:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
    payload = {item.entity_type.lower() + str(i): item.value for i, item in enumerate(PII_CORPUS)}
    safe = client.deep_encode(payload)
    assert_no_pii(safe)
    keys = list(admin.scan_iter(match=vault.prefix + "*"))
    assert len(keys) == len(PII_CORPUS)
    assert_no_pii(*keys, *[admin.get(k) for k in keys])
    assert client.deep_decode(safe) == payload


def test_repr_and_errors_hide_credentials() -> None:
    vault = RedisVault("redis://mask:s3cret-pass@127.0.0.1:1/0")
    assert "s3cret" not in repr(vault)
    assert repr(vault) == "RedisVault(url='redis://127.0.0.1:1/0', cluster=False, prefix='')"


def test_iteration_sees_only_its_prefix_and_escapes_glob_characters(vault: RedisVault) -> None:
    vault.put_many_if_absent([("mask:a*b:X:1", b"1"), ("mask:aab:X:2", b"2"), ("mask:a?b:X:3", b"3")], None)
    assert sorted(vault.iter_keys("mask:a*b:")) == ["mask:a*b:X:1"]
    assert sorted(vault.iter_keys("mask:a?b:")) == ["mask:a?b:X:3"]
    assert len(list(vault.iter_keys(""))) == 3
