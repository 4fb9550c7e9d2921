"""A separate process for tests/vaults/test_multiprocess.py: a pod that encodes, then decodes.

Protocol on stdin/stdout, one JSON document per line: the parent sends the configuration; the worker
connects and answers "ready"; the parent sends "go" to every worker at once; the worker answers with
{value: token} for its values, then receives every token all workers produced and answers with the
values it decodes them to.
"""

from __future__ import annotations

import asyncio
import base64
import json
import random
import sys

from mask_core import MaskClient
from mask_core.vault.redis import RedisVault


def main() -> None:
    config = json.loads(sys.stdin.readline())
    vault = RedisVault(config["url"], cluster=config["cluster"], prefix=config["prefix"])
    client = MaskClient(tenant="acme", master_key=base64.b64decode(config["key"]), vault=vault)
    client.encode("warm-up@example.com")  # connections open before the race starts
    print(json.dumps("ready"), flush=True)
    assert json.loads(sys.stdin.readline()) == "go"

    values: list[str] = config["values"]
    random.Random(config["seed"]).shuffle(values)
    third = len(values) // 3
    tokens: dict[str, str] = {}
    # Three ways in, overlapping in time with the other processes: one by one, a batch, async tasks.
    for v in values[:third]:
        tokens[v] = client.encode(v)
    batch = values[third : 2 * third]
    tokens.update(zip(batch, client.deep_encode(batch), strict=True))
    rest = values[2 * third :]

    async def concurrently() -> list[str]:
        return list(await asyncio.gather(*(client.aencode(v) for v in rest)))

    tokens.update(zip(rest, asyncio.run(concurrently()), strict=True))
    print(json.dumps(tokens), flush=True)

    every_token: list[str] = json.loads(sys.stdin.readline())
    print(json.dumps(client.deep_decode(every_token)), flush=True)
    vault.close()


if __name__ == "__main__":
    main()
