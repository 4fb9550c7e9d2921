"""What only the memcached vault has: key hashing, the 30-day TTL rule, eviction, several servers."""

from __future__ import annotations

import hashlib
import re
import socket
import time
import urllib.parse
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from pymemcache.client.base import Client

from mask_core import MaskClient, TokenNotFoundError, VaultUnavailableError
from mask_core.keys import generate_key
from mask_core.testing import PII_CORPUS, assert_no_pii
from mask_core.testing.servers import ServerProcess, start_memcached
from mask_core.vault._retry import RetryPolicy
from mask_core.vault.memcached import MAX_RELATIVE_EXPIRY, MemcachedVault

from .conftest import start_or_skip

pytestmark = pytest.mark.servers
DAY = 86_400
T = TypeVar("T")


@pytest.fixture
def raw(memcached_server: ServerProcess) -> Iterator[Client]:
    client = Client(("127.0.0.1", memcached_server.port), default_noreply=False)
    yield client
    client.close()


@pytest.fixture
def vault(memcached_server: ServerProcess, prefix: str) -> Iterator[MemcachedVault]:
    with MemcachedVault([f"127.0.0.1:{memcached_server.port}"], prefix=prefix) as vault:
        yield vault


def test_keys_outside_memcached_rules_are_hashed(vault: MemcachedVault, raw: Client) -> None:
    plain = "mask:acme:EMAIL_ADDRESS:u.k3f9x2qa7m@mask.example.net"
    odd = [
        "mask:acme:GENERIC:" + "x" * 400,
        "mask:acme:GENERIC:with space",
        "mask:acme:GENERIC:é",
        "#looks-hashed",
    ]
    items = [(plain, b"p")] + [(k, f"v{i}".encode()) for i, k in enumerate(odd)]
    assert vault.put_many_if_absent(items, None) == [None] * len(items)
    assert vault.get_many([k for k, _ in items]) == [v for _, v in items]
    assert raw.get(vault.prefix + plain) == b"p", "a key within the rules is stored as it is"
    for i, key in enumerate(odd):
        digest = hashlib.sha256(key.encode()).hexdigest()
        assert raw.get(f"{vault.prefix}#{digest}") == f"v{i}".encode()


def test_ttl_above_30_days_is_sent_as_unix_time(vault: MemcachedVault, raw: Client) -> None:
    # What the vault protects against: memcached reads a relative expiry above 30 days as a unix time
    # in 1970, so the entry is dead on arrival.
    raw.set(vault.prefix + "naive", b"v", expire=40 * DAY)
    assert raw.get(vault.prefix + "naive") is None
    vault.put_if_absent("long", b"v", 40 * DAY)
    vault.put_if_absent("month", b"v", MAX_RELATIVE_EXPIRY - 10)
    assert vault.get_many(["long", "month"]) == [b"v", b"v"]
    for key, ttl in (("long", 40 * DAY), ("month", MAX_RELATIVE_EXPIRY - 10)):
        reply = raw.raw_command(f"mg {vault.prefix}{key} t".encode())
        remaining = int(re.search(rb" t(-?\d+)", reply).group(1))  # type: ignore[union-attr]
        # Never shorter than asked, and about as long: above 30 days the expiry is an absolute time
        # read against memcached's own clock, which ticks from a timer and falls seconds behind the
        # wall clock on a busy machine. The error guarded against is 40 days off, not seconds.
        assert ttl - 5 <= remaining <= ttl + 60, (key, remaining)


def test_one_multi_get_per_deep_decode_counted_by_the_server(prefix: str) -> None:
    server = start_or_skip(lambda: start_memcached(verbose=True))
    try:
        with MemcachedVault([f"127.0.0.1:{server.port}"], prefix=prefix) as vault:
            client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
            payload = {"emails": [f"customer{i}@example.com" for i in range(100)]}
            safe = client.deep_encode(payload)
            before = server.output()
            assert client.deep_decode(safe) == payload
            commands = [
                line for line in server.output()[len(before) :].splitlines() if re.match(r"<\d+ ", line)
            ]
            assert len(commands) == 1 and commands[0].split()[1] == "get"
            assert len(commands[0].split()) == 2 + 100, "one get naming all 100 keys"
    finally:
        server.stop()


def test_evicted_tokens_never_decode_to_another_value(prefix: str) -> None:
    server = start_or_skip(lambda: start_memcached(memory_mb=2))
    try:
        with MemcachedVault([f"127.0.0.1:{server.port}"], prefix=prefix) as vault:
            client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
            values = [f"person{i}@example.com" for i in range(30_000)]
            tokens = client.deep_encode(values)
            assert _raw(server.port, lambda c: c.stats()[b"evictions"]) > 0
            decoded = 0
            for value, token in zip(values[::100], tokens[::100], strict=True):
                try:
                    assert client.decode(token) == value
                    decoded += 1
                except TokenNotFoundError:
                    pass
            assert 0 < decoded < len(values[::100])
    finally:
        server.stop()


def test_several_servers_share_keys_and_a_dead_one_fails_shut(prefix: str) -> None:
    a = start_or_skip(start_memcached)
    b = start_memcached()
    try:
        vault = MemcachedVault(
            [f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"], prefix=prefix, policy=RetryPolicy(timeout=1.0)
        )
        keys = [f"mask:acme:X:{i}" for i in range(200)]
        vault.put_many_if_absent([(k, k.encode()) for k in keys], None)
        counts = [_raw(s.port, lambda c: c.stats()[b"curr_items"]) for s in (a, b)]
        assert min(counts) > 50 and sum(counts) == 200
        on_a = _raw(a.port, lambda c: [k for k in keys if c.get(vault.prefix + k) is not None])
        on_b = [k for k in keys if k not in on_a]
        b.kill()
        assert vault.get_many(on_a) == [k.encode() for k in on_a], "keys on the live server still work"
        with pytest.raises(VaultUnavailableError):
            vault.get_many(on_b[:1])  # never silently re-homed to the live server
        with pytest.raises(VaultUnavailableError):
            vault.put_if_absent(on_b[0], b"other", None)
        b.start()
        assert vault.get(on_b[0]) is None, "a restarted memcached is empty"
        vault.close()
    finally:
        a.stop()
        b.stop()


def test_the_server_holds_no_plaintext(
    vault: MemcachedVault, raw: Client, memcached_server: ServerProcess
) -> None:
    client = MaskClient(tenant="acme", master_key=generate_key(), vault=vault)
    payload = {item.entity_type.lower() + str(i): item.value for i, item in enumerate(PII_CORPUS)}
    safe = client.deep_encode(payload)
    keys = [k for k in _all_keys(memcached_server.port) if k.startswith(vault.prefix)]
    assert len(keys) == len(PII_CORPUS)
    assert_no_pii(*keys, *[raw.get(k) for k in keys])
    assert client.deep_decode(safe) == payload


def _raw(port: int, fn: Callable[[Client], T]) -> T:
    client = Client(("127.0.0.1", port))
    try:
        return fn(client)
    finally:
        client.close()


def _all_keys(port: int) -> list[str]:
    """Every key the server holds (``lru_crawler metadump``; retried while the crawler is busy).

    Read with a plain socket: pymemcache's ``raw_command`` drops data when a reply spans two reads.
    """
    for _ in range(100):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"lru_crawler metadump all\r\n")
            dump = b""
            while not dump.endswith(b"END\r\n"):
                chunk = sock.recv(65536)
                dump += chunk
                if not chunk or (dump.startswith((b"BUSY", b"ERROR")) and dump.endswith(b"\r\n")):
                    break
        if not dump.startswith(b"BUSY"):
            return [urllib.parse.unquote(m) for m in re.findall(r"key=(\S+)", dump.decode())]
        time.sleep(0.05)
    raise AssertionError("memcached's LRU crawler stayed busy")
