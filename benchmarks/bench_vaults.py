"""Vault benchmarks, against real local servers started here.

    python benchmarks/bench_vaults.py [--quick] [--json PATH] [--backends redis,memcached,...]

Per backend (memory as the reference, Redis, a 3-master Redis Cluster, memcached, DynamoDB on moto's
server): encode and decode ops/s, sync (one call at a time) and async (100 concurrent tasks), then the
round trips one ``deep_decode`` of a 100-token payload costs, counted by the server itself:

* Redis: ``INFO commandstats`` (commands run) and ``INFO stats`` ``total_reads_processed`` (socket reads
  served, i.e. requests: the INFO call's own read is subtracted); per node in a cluster.
* memcached: a ``-vv`` server logs every command it receives; ``stats`` counts the keys served.
* moto: its request recorder (``/moto-api/recorder``) writes one line per HTTP request.

Targets: one round trip per batch (per node in a cluster); async Redis >= 20,000 encodes/s.

Servers start first and keep both cores; then this process pins itself to one core, so the client
side is measured per core, as in bench_core.py. The machine is shared: compare ratios within a run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))

from _harness import Row, machine, pin_one_core, print_table, write_json

from mask_core import MaskClient, MaskSettings, MemoryVault
from mask_core.keys import generate_key
from mask_core.testing import servers
from mask_core.vault.base import Vault

# The vault is measured, not detection: the deterministic tier whatever models are installed.
_NO_NER = MaskSettings(ner="off")

CONCURRENCY = 100
AWS = {"aws_access_key_id": "bench", "aws_secret_access_key": "bench", "region": "us-east-1"}


def _emails(tag: str, n: int) -> list[str]:
    return [f"bench.{tag}.{i}@example.com" for i in range(n)]


def _rate(n: int, fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return n / (time.perf_counter() - start)


async def _pool(items: list[str], call: Callable[[str], Any]) -> list[Any]:
    """``call`` over ``items`` by CONCURRENCY tasks, each taking the next item when it is done."""
    results: list[Any] = [None] * len(items)
    position = iter(range(len(items)))

    async def worker() -> None:
        for i in position:
            results[i] = await call(items[i])

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return results


def throughput_rows(name: str, vault: Vault, n_sync: int, n_async: int, rounds: int) -> list[Row]:
    client = MaskClient(tenant="bench", master_key=generate_key(), vault=vault, settings=_NO_NER)
    client.encode("warm-up@example.com", "EMAIL_ADDRESS")
    best = {"enc": 0.0, "dec": 0.0, "aenc": 0.0, "adec": 0.0}

    def encode_all(values: list[str]) -> list[str]:
        return [client.encode(v, "EMAIL_ADDRESS") for v in values]

    async def async_round(values: list[str]) -> None:
        start = time.perf_counter()
        tokens = await _pool(values, lambda v: client.aencode(v, "EMAIL_ADDRESS"))
        best["aenc"] = max(best["aenc"], len(values) / (time.perf_counter() - start))
        start = time.perf_counter()
        back = await _pool(tokens, client.adecode)
        best["adec"] = max(best["adec"], len(values) / (time.perf_counter() - start))
        assert back == values
        await vault.aclose()

    for r in range(rounds):
        values = _emails(f"s{r}", n_sync)
        tokens: list[str] = []
        best["enc"] = max(best["enc"], _rate(n_sync, lambda: tokens.extend(encode_all(values))))  # noqa: B023
        best["dec"] = max(best["dec"], _rate(n_sync, lambda: [client.decode(t) for t in tokens]))  # noqa: B023
        asyncio.run(async_round(_emails(f"a{r}", n_async)))
    target = ">= 20,000 /s" if name == "redis" else ""
    ok = best["aenc"] >= 20_000 if target else None
    return [
        Row(f"{name}: encode, sync", best["enc"], "ops/s"),
        Row(f"{name}: decode, sync", best["dec"], "ops/s"),
        Row(f"{name}: encode, async x{CONCURRENCY}", best["aenc"], "ops/s", target, ok),
        Row(f"{name}: decode, async x{CONCURRENCY}", best["adec"], "ops/s"),
    ]


# -- round trips, as each server counts them ---------------------------------------------------------
def _payload_tokens(vault: Vault) -> tuple[MaskClient, dict[str, list[str]], Any]:
    client = MaskClient(tenant="bench", master_key=generate_key(), vault=vault, settings=_NO_NER)
    payload = {"emails": _emails(f"rt{time.time_ns()}", 100)}
    return client, payload, client.deep_encode(payload)


def _redis_count(admins: list[Any], call: Callable[[], object]) -> tuple[dict[str, int], list[int]]:
    """(calls per command on all nodes, socket reads per node) for ``call``; INFO's own reads excluded.

    Commands run inside a script (the GET/SET of the put script) are counted by Redis too.
    """
    for a in admins:
        a.config_resetstat()
    before = [a.info("stats")["total_reads_processed"] for a in admins]
    call()
    reads = [a.info("stats")["total_reads_processed"] - b - 1 for a, b in zip(admins, before, strict=True)]
    calls: dict[str, int] = {}
    for a in admins:
        for name, stat in a.info("commandstats").items():
            if name not in ("cmdstat_config|resetstat", "cmdstat_info"):
                calls[name[8:]] = calls.get(name[8:], 0) + stat["calls"]
    return calls, reads


def redis_round_trips(name: str, vault: Vault, ports: list[int]) -> list[Row]:
    """One server: one client command per batch is one round trip. A cluster: one socket read per node.

    (Socket reads are not used on one server: redis-py writes a large command in ~6 KB chunks, which
    the server may read in several goes although the client waited only once.)
    """
    import redis

    admins = [redis.Redis(port=p) for p in ports]
    client, _payload, safe = _payload_tokens(vault)
    client.deep_decode(safe)  # warm connections
    fresh = {"emails": _emails(f"rtp{time.time_ns()}", 100)}
    dec, dec_reads = _redis_count(admins, lambda: client.deep_decode(safe))
    enc, enc_reads = _redis_count(admins, lambda: client.deep_encode(fresh))
    for a in admins:
        a.close()
    mget, evalsha = dec.get("mget", 0), enc.get("evalsha", 0)
    if len(ports) == 1:
        return [
            Row(
                f"{name}: deep_decode(100 tokens), commands",
                sum(dec.values()),
                "cmds",
                "1 (MGET)",
                dec == {"mget": 1},
            ),
            Row(
                f"{name}: deep_encode(100 new), script calls",
                evalsha,
                "cmds",
                "1 (EVALSHA)",
                evalsha == 1,
                enc,
            ),
        ]
    return [
        Row(
            f"{name}: deep_decode(100 tokens), reads per node",
            max(dec_reads),
            "reads",
            "1",
            max(dec_reads) == 1,
        ),
        Row(f"{name}: deep_decode(100 tokens), MGET (per slot)", mget, "cmds", extra={"reads": dec_reads}),
        Row(
            f"{name}: deep_encode(100 new), reads per node",
            max(enc_reads),
            "reads",
            extra={"reads": enc_reads},
        ),
        Row(f"{name}: deep_encode(100 new), EVALSHA (per slot)", evalsha, "cmds"),
    ]


def memcached_round_trips(vault: Vault, server: servers.ServerProcess) -> list[Row]:
    from pymemcache.client.base import Client

    client, payload, safe = _payload_tokens(vault)
    stats = Client(("127.0.0.1", server.port))
    keys_before = int(stats.stats()[b"cmd_get"])
    log_before = len(server.output())
    assert client.deep_decode(safe) == payload
    log = server.output()[log_before:].splitlines()
    gets = [ln for ln in log if ln.startswith("<") and " get " in ln]
    keys = int(stats.stats()[b"cmd_get"]) - keys_before
    stats.close()
    return [
        Row("memcached: deep_decode(100 tokens), get commands", len(gets), "reqs", "1", len(gets) == 1),
        Row("memcached: deep_decode(100 tokens), keys served", keys, "keys"),
    ]


def dynamodb_round_trips(vault: Vault, port: int) -> list[Row]:
    base = f"http://127.0.0.1:{port}/moto-api/recorder"

    def post(action: str) -> None:
        urllib.request.urlopen(urllib.request.Request(f"{base}/{action}", method="POST")).close()

    client, payload, safe = _payload_tokens(vault)
    recording = Path(os.environ["MOTO_RECORDER_FILEPATH"])
    post("reset-recording")
    post("start-recording")
    assert client.deep_decode(safe) == payload
    post("stop-recording")
    lines = recording.read_text().splitlines()
    targets = [json.loads(line)["headers"].get("X-Amz-Target", "?") for line in lines]
    n = len(targets)
    return [Row("dynamodb: deep_decode(100 tokens), requests", n, "reqs", "1", n == 1, {"targets": targets})]


# -- servers ------------------------------------------------------------------------------------------
@contextmanager
def started(tmp: Path, wanted: set[str]) -> Iterator[dict[str, Any]]:
    with ExitStack() as stack:
        out: dict[str, Any] = {}
        if wanted & {"redis"}:
            out["redis"] = stack.enter_context(servers.start_redis(tmp / "redis"))
        if wanted & {"redis-cluster"}:
            out["redis-cluster"] = stack.enter_context(servers.start_redis_cluster(tmp / "cluster"))
        if wanted & {"memcached"}:
            out["memcached"] = stack.enter_context(servers.start_memcached(verbose=False))
            out["memcached-verbose"] = stack.enter_context(servers.start_memcached(verbose=True))
        if wanted & {"dynamodb"}:
            recording = str(tmp / "moto-recording.jsonl")
            os.environ["MOTO_RECORDER_FILEPATH"] = recording
            out["dynamodb"] = stack.enter_context(
                servers.start_moto(env={"MOTO_RECORDER_FILEPATH": recording})
            )
        yield out


def run(quick: bool, wanted: set[str]) -> list[Row]:
    from mask_core.vault.dynamodb import DynamoDBVault
    from mask_core.vault.memcached import MemcachedVault
    from mask_core.vault.redis import RedisVault

    rounds = 2 if quick else 3
    n_sync, n_async = (1000, 5000) if quick else (3000, 20_000)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp, started(Path(tmp), wanted) as srv:
        pin_one_core()
        if "memory" in wanted:
            rows += throughput_rows("memory", MemoryVault(max_entries=None), n_sync, n_async, rounds)
        if "redis" in wanted:
            url = f"redis://127.0.0.1:{srv['redis'].port}/0"
            rows += throughput_rows("redis", RedisVault(url), n_sync, n_async, rounds)
            rows += redis_round_trips("redis", RedisVault(url), [srv["redis"].port])
        if "redis-cluster" in wanted:
            cluster = srv["redis-cluster"]
            ports = [n.port for n in cluster.nodes]
            rows += throughput_rows(
                "redis-cluster", RedisVault(cluster.url, cluster=True), n_sync, n_async, rounds
            )
            rows += redis_round_trips("redis-cluster", RedisVault(cluster.url, cluster=True), ports)
        if "memcached" in wanted:
            mc = f"127.0.0.1:{srv['memcached'].port}"
            rows += throughput_rows("memcached", MemcachedVault([mc]), n_sync, n_async, rounds)
            verbose = srv["memcached-verbose"]
            rows += memcached_round_trips(MemcachedVault([f"127.0.0.1:{verbose.port}"]), verbose)
        if "dynamodb" in wanted:
            port = srv["dynamodb"].port

            def dynamo() -> DynamoDBVault:
                return DynamoDBVault("bench", endpoint_url=f"http://127.0.0.1:{port}", **AWS)

            dynamo().create_table()
            n = 150 if quick else 300
            rows += throughput_rows("dynamodb (moto)", dynamo(), n, n * 5, 1)
            rows += dynamodb_round_trips(dynamo(), port)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="PATH")
    parser.add_argument("--backends", default="memory,redis,redis-cluster,memcached,dynamodb")
    args = parser.parse_args()
    rows = run(args.quick, set(args.backends.split(",")))
    title = "Vaults: local servers, client pinned to one core"
    print_table(title, rows)
    print(machine())
    if args.json:
        write_json(args.json, title, rows)


if __name__ == "__main__":
    main()
