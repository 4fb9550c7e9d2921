"""Several processes (pods) encode overlapping values against one Redis and one Redis Cluster.

Every token decodes in every process, the same value gets the same token everywhere, and no mapping is
lost (the vault holds exactly one entry per distinct value).
"""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from mask_core.keys import generate_key
from mask_core.testing.servers import RedisCluster

pytestmark = pytest.mark.servers

WORKERS = 4
WORKER = Path(__file__).with_name("_worker.py")


def _values() -> list[str]:
    emails = [f"customer{i}@example.com" for i in range(150)]
    ssns = [f"{random.Random(i).randint(100, 665)}-{10 + i % 89:02d}-{1000 + i:04d}" for i in range(100)]
    phones = [f"+1 (415) 555-{1000 + i:04d}" for i in range(50)]
    return emails + ssns + phones


def _run_pods(url: str, cluster: bool, prefix: str) -> list[str]:
    key = base64.b64encode(generate_key()).decode()
    universe = _values()
    pods = []
    for n in range(WORKERS):
        subset = random.Random(n).sample(universe, k=len(universe) * 3 // 4)  # overlapping subsets
        config = {"url": url, "cluster": cluster, "prefix": prefix, "key": key, "values": subset, "seed": n}
        pod = subprocess.Popen(
            [sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert pod.stdin is not None
        pod.stdin.write(json.dumps(config) + "\n")
        pod.stdin.flush()
        pods.append(pod)
    try:
        for pod in pods:
            assert json.loads(pod.stdout.readline()) == "ready"  # type: ignore[union-attr]
        for pod in pods:  # start the race together
            pod.stdin.write(json.dumps("go") + "\n")  # type: ignore[union-attr]
            pod.stdin.flush()  # type: ignore[union-attr]
        encoded = [json.loads(pod.stdout.readline()) for pod in pods]  # type: ignore[union-attr]
        every_token = sorted({t for tokens in encoded for t in tokens.values()})
        for pod in pods:
            pod.stdin.write(json.dumps(every_token) + "\n")  # type: ignore[union-attr]
            pod.stdin.flush()  # type: ignore[union-attr]
        decoded = [json.loads(pod.stdout.readline()) for pod in pods]  # type: ignore[union-attr]
        for pod in pods:
            assert pod.wait(timeout=60) == 0
    finally:
        for pod in pods:
            pod.kill()
            pod.wait()
            for pipe in (pod.stdin, pod.stdout):
                if pipe is not None:
                    pipe.close()
    by_value: dict[str, set[str]] = {}
    for tokens in encoded:
        for value, token in tokens.items():
            by_value.setdefault(value, set()).add(token)
    assert all(len(ts) == 1 for ts in by_value.values()), "the same value got different tokens"
    token_of = {v: next(iter(ts)) for v, ts in by_value.items()}
    assert len(set(token_of.values())) == len(token_of), "two values share a token"
    value_of = {t: v for v, t in token_of.items()}
    for values in decoded:
        assert values == [value_of[t] for t in every_token], "a process could not decode another's token"
    return every_token


def test_pods_agree_on_one_redis(redis_url: str, prefix: str) -> None:
    every_token = _run_pods(redis_url, False, prefix)
    with redis.Redis.from_url(redis_url) as admin:
        stored = list(admin.scan_iter(match=prefix + "*", count=1000))
    assert len(stored) == len(every_token) + 1, "one entry per distinct value (plus the warm-up)"


def test_pods_agree_on_a_cluster(redis_cluster: RedisCluster, prefix: str) -> None:
    every_token = _run_pods(redis_cluster.url, True, prefix)
    stored = 0
    for node in redis_cluster.nodes:
        with redis.Redis(port=node.port) as admin:
            stored += len(list(admin.scan_iter(match=prefix + "*", count=1000)))
    assert stored == len(every_token) + 1
