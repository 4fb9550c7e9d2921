"""The vault conformance suite: one set of behaviours every backend must show.

A backend's tests subclass :class:`VaultConformance` (and :class:`AsyncVaultConformance`) and provide
one fixture, ``vault``, which must yield an EMPTY vault, and optionally ``advance`` (move time: the
memory vault moves a fake clock; servers sleep)::

    class TestRedisVault(VaultConformance):
        @pytest.fixture
        def vault(self, redis_url):
            with RedisVault.from_url(redis_url, namespace=unique()) as v:
                yield v

Capability properties (``min_ttl``) let a backend state its TTL granularity. Standard tests may not
be dropped or overridden without ``@pytest.mark.xfail(reason=...)``: ``test_no_overrides_DO_NOT_OVERRIDE``
enforces that, as LangChain's standard tests do.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from mask_core.client import MaskClient
from mask_core.errors import MaskConfigurationError, TokenNotFoundError, VaultIntegrityError
from mask_core.keys.material import generate_key
from mask_core.testing.corpus import PII_CORPUS, assert_no_pii
from mask_core.vault.base import Vault

__all__ = ["AsyncVaultConformance", "VaultConformance"]

_K = "mask:conformance:GENERIC:"


def _standard_tests(cls: type) -> dict[str, Callable[..., object]]:
    return {name: fn for name, fn in vars(cls).items() if name.startswith("test_") and callable(fn)}


class _Base:
    #: Shortest TTL (seconds) the backend honours precisely; expiry tests wait a little longer.
    min_ttl: float = 1.0

    @pytest.fixture
    def advance(self) -> Callable[[float], None]:
        """Move time forward. Real servers wait; the memory vault overrides this with a fake clock."""
        return time.sleep

    def _check_overrides(self, base: type) -> None:
        standard = _standard_tests(base)
        for name, fn in standard.items():
            mine = getattr(type(self), name, None)
            if mine is None:
                pytest.fail(f"{type(self).__name__} removed the standard test {name}; keep it")
            if mine is not fn and not any(m.name == "xfail" for m in getattr(mine, "pytestmark", [])):
                pytest.fail(
                    f"{type(self).__name__} overrides the standard test {name}; mark the override "
                    "with @pytest.mark.xfail(reason=...) explaining why the backend cannot pass it"
                )


class VaultConformance(_Base):
    """Synchronous behaviour of a vault backend."""

    @pytest.fixture
    def vault(self) -> Iterator[Vault]:
        raise NotImplementedError("provide a `vault` fixture that yields an EMPTY vault")

    def test_no_overrides_DO_NOT_OVERRIDE(self) -> None:
        self._check_overrides(VaultConformance)

    def test_vault_starts_empty(self, vault: Vault) -> None:
        """If this fails, the `vault` fixture shares state between tests: give each test a namespace."""
        assert vault.get(_K + "a") is None
        assert vault.get_many([_K + "a", _K + "b"]) == [None, None]

    def test_put_if_absent_stores_once(self, vault: Vault) -> None:
        assert vault.put_if_absent(_K + "a", b"first", None) is None
        assert vault.put_if_absent(_K + "a", b"second", None) == b"first"
        assert vault.get(_K + "a") == b"first"

    def test_get_many_is_aligned_with_keys(self, vault: Vault) -> None:
        vault.put_if_absent(_K + "a", b"1", None)
        vault.put_if_absent(_K + "c", b"3", None)
        assert vault.get_many([_K + "a", _K + "b", _K + "c"]) == [b"1", None, b"3"]
        assert vault.get_many([]) == []

    def test_batch_put_applies_in_order(self, vault: Vault) -> None:
        results = vault.put_many_if_absent([(_K + "a", b"x"), (_K + "b", b"y"), (_K + "a", b"z")], None)
        assert results == [None, None, b"x"]
        assert vault.get_many([_K + "a", _K + "b"]) == [b"x", b"y"]

    def test_binary_values_round_trip(self, vault: Vault) -> None:
        value = bytes(range(256)) * 4
        vault.put_if_absent(_K + "bin", value, None)
        assert vault.get(_K + "bin") == value

    def test_long_keys(self, vault: Vault) -> None:
        long_a, long_b = _K + "a" * 400, _K + "a" * 399 + "b"
        vault.put_if_absent(long_a, b"A", None)
        vault.put_if_absent(long_b, b"B", None)
        assert vault.get_many([long_a, long_b]) == [b"A", b"B"]

    def test_delete(self, vault: Vault) -> None:
        vault.put_if_absent(_K + "a", b"1", None)
        assert vault.delete(_K + "a") is True
        assert vault.get(_K + "a") is None
        assert vault.delete(_K + "a") is False

    def test_entries_expire(self, vault: Vault, advance: Callable[[float], None]) -> None:
        vault.put_if_absent(_K + "short", b"1", self.min_ttl)
        vault.put_if_absent(_K + "forever", b"2", None)
        advance(self.min_ttl * 2.5)
        assert vault.get(_K + "short") is None
        assert vault.get(_K + "forever") == b"2"
        assert vault.put_if_absent(_K + "short", b"3", None) is None  # an expired key is free again

    def test_same_value_refreshes_ttl(self, vault: Vault, advance: Callable[[float], None]) -> None:
        vault.put_if_absent(_K + "a", b"1", self.min_ttl * 3)
        advance(self.min_ttl * 2)
        assert vault.put_if_absent(_K + "a", b"1", self.min_ttl * 3) == b"1"
        advance(self.min_ttl * 2)
        assert vault.get(_K + "a") == b"1", "re-storing the same value must refresh its TTL"

    def test_touch(self, vault: Vault, advance: Callable[[float], None]) -> None:
        assert vault.touch(_K + "missing", 10) is False
        vault.put_if_absent(_K + "a", b"1", self.min_ttl * 3)
        advance(self.min_ttl * 2)
        assert vault.touch(_K + "a", self.min_ttl * 3) is True
        advance(self.min_ttl * 2)
        assert vault.get(_K + "a") == b"1"

    def test_concurrent_put_if_absent_has_one_winner(self, vault: Vault) -> None:
        winners: list[bytes] = []
        seen: list[bytes | None] = []
        errors: list[BaseException] = []
        barrier = threading.Barrier(8)

        def race(i: int) -> None:
            barrier.wait()
            try:
                existing = vault.put_if_absent(_K + "race", f"v{i}".encode(), None)
            except Exception as exc:  # a thread's exception would be lost: the test reports it
                errors.append(exc)
                return
            seen.append(existing)
            if existing is None:
                winners.append(f"v{i}".encode())

        threads = [threading.Thread(target=race, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, [type(e).__name__ for e in errors]
        assert len(winners) == 1, f"{len(winners)} writers won the same key"
        assert all(s in (None, winners[0]) for s in seen)
        assert vault.get(_K + "race") == winners[0]

    def test_iteration_and_replace(self, vault: Vault, advance: Callable[[float], None]) -> None:
        """Maintenance (``mask vault rekey``): list keys by prefix, compare-and-set keeping the TTL."""
        if not vault.supports_iteration:
            with pytest.raises(MaskConfigurationError):
                list(vault.iter_keys(_K))
            return
        vault.put_if_absent(_K + "a", b"1", None)
        vault.put_if_absent(_K + "b", b"2", self.min_ttl * 3)
        vault.put_if_absent("other:ns:x", b"3", None)
        assert sorted(vault.iter_keys(_K)) == [_K + "a", _K + "b"]
        assert vault.replace(_K + "a", b"1", b"1-new") is True
        assert vault.replace(_K + "a", b"1", b"again") is False, "compare-and-set: expected value changed"
        assert vault.replace(_K + "missing", b"x", b"y") is False
        assert vault.get(_K + "a") == b"1-new"
        assert vault.replace(_K + "b", b"2", b"2-new") is True
        advance(self.min_ttl * 4)
        assert vault.get(_K + "b") is None, "replace keeps the remaining TTL"

    def test_get_many_with_repeated_keys(self, vault: Vault) -> None:
        vault.put_if_absent(_K + "a", b"1", None)
        assert vault.get_many([_K + "a", _K + "b", _K + "a"]) == [b"1", None, b"1"]

    def test_large_batches_stay_aligned(self, vault: Vault) -> None:
        """Batches larger than any backend limit (script chunks, BatchGetItem's 100 keys) keep order."""
        first = [(f"{_K}big{i}", f"v{i}".encode()) for i in range(0, 600, 2)]
        assert vault.put_many_if_absent(first, None) == [None] * len(first)
        mixed = [(f"{_K}big{i}", f"w{i}".encode()) for i in range(600)]
        expected = [f"v{i}".encode() if i % 2 == 0 else None for i in range(600)]
        assert vault.put_many_if_absent(mixed, None) == expected
        stored = [f"v{i}".encode() if i % 2 == 0 else f"w{i}".encode() for i in range(600)]
        assert vault.get_many([k for k, _ in mixed] + [_K + "none"]) == [*stored, None]

    def test_refresh_to_no_expiry(self, vault: Vault, advance: Callable[[float], None]) -> None:
        vault.put_if_absent(_K + "a", b"1", self.min_ttl * 2)
        assert vault.put_if_absent(_K + "a", b"1", None) == b"1"
        advance(self.min_ttl * 3)
        assert vault.get(_K + "a") == b"1", "re-storing with ttl=None must remove the expiry"

    def test_batch_duplicate_refreshes_existing(self, vault: Vault, advance: Callable[[float], None]) -> None:
        """In-order batches: the second item of a key matches what is stored, so it refreshes the TTL."""
        vault.put_if_absent(_K + "k", b"y", self.min_ttl * 3)
        advance(self.min_ttl * 2)
        assert vault.put_many_if_absent([(_K + "k", b"x"), (_K + "k", b"y")], self.min_ttl * 3) == [
            b"y",
            b"y",
        ]
        advance(self.min_ttl * 2)
        assert vault.get(_K + "k") == b"y"

    def test_touch_many(self, vault: Vault, advance: Callable[[float], None]) -> None:
        vault.put_many_if_absent([(_K + "a", b"1"), (_K + "b", b"2")], self.min_ttl * 3)
        advance(self.min_ttl * 2)
        vault.touch_many([_K + "a", _K + "missing", _K + "b", _K + "a"], self.min_ttl * 3)
        advance(self.min_ttl * 2)
        assert vault.get_many([_K + "a", _K + "b", _K + "missing"]) == [b"1", b"2", None]

    # -- through a client: the invariants the vault must keep for tokens ----------------------------
    def test_tokens_round_trip_and_stay_ciphertext(self, vault: Vault) -> None:
        client = MaskClient(tenant="conformance", master_key=generate_key(), vault=vault)
        for item in PII_CORPUS:
            token = client.encode(item.value, item.entity_type)
            assert client.decode(token) == item.value
        # Whatever the backend stores, no plaintext is in it (keys or values).
        keys = [client.engine.vault_key(item.entity_type, "probe") for item in PII_CORPUS]
        assert_no_pii(*keys)

    def test_tokens_are_shared_between_clients(self, vault: Vault) -> None:
        key = generate_key()
        pod_a = MaskClient(tenant="conformance", master_key=key, vault=vault)
        pod_b = MaskClient(tenant="conformance", master_key=key, vault=vault)
        token = pod_a.encode("alice.johnson@example.com")
        assert pod_b.decode(token) == "alice.johnson@example.com"
        assert pod_b.encode("alice.johnson@example.com") == token

    def test_tenants_are_isolated(self, vault: Vault) -> None:
        key = generate_key()
        a = MaskClient(tenant="tenant-a", master_key=key, vault=vault)
        b = MaskClient(tenant="tenant-b", master_key=key, vault=vault)
        token = a.encode("536-22-8745", "US_SSN")
        assert b.encode("536-22-8745", "US_SSN") != token
        with pytest.raises(TokenNotFoundError):
            b.decode(token)

    def test_tampered_record_is_refused(self, vault: Vault) -> None:
        client = MaskClient(tenant="conformance", master_key=generate_key(), vault=vault)
        token = client.encode("4539 1488 0343 6467", "CREDIT_CARD")
        parsed = client.registry.format_for("CREDIT_CARD").parse(token)
        assert parsed is not None
        key = client.engine.vault_key("CREDIT_CARD", parsed.canonical)
        record = vault.get(key)
        assert record is not None
        vault.delete(key)
        vault.put_if_absent(key, record[:-1] + bytes([record[-1] ^ 1]), None)
        with pytest.raises(VaultIntegrityError):
            client.decode(token)

    def test_expired_token_raises_not_found(self, vault: Vault, advance: Callable[[float], None]) -> None:
        client = MaskClient(tenant="conformance", master_key=generate_key(), vault=vault, ttl=self.min_ttl)
        token = client.encode("536-22-8745", "US_SSN")
        assert client.decode(token) == "536-22-8745"
        advance(self.min_ttl * 2.5)
        with pytest.raises(TokenNotFoundError):
            client.decode(token)


class AsyncVaultConformance(_Base):
    """The async twins (``a``-prefixed) of a vault backend, driven by asyncio."""

    @pytest.fixture
    def vault(self) -> Iterator[Vault]:
        raise NotImplementedError("provide a `vault` fixture that yields an EMPTY vault")

    def test_no_overrides_DO_NOT_OVERRIDE(self) -> None:
        self._check_overrides(AsyncVaultConformance)

    def test_async_put_get_touch_delete(self, vault: Vault) -> None:
        async def scenario() -> None:
            assert await vault.aput_if_absent(_K + "a", b"1", None) is None
            assert await vault.aput_if_absent(_K + "a", b"2", None) == b"1"
            assert await vault.aget(_K + "a") == b"1"
            assert await vault.aget_many([_K + "a", _K + "b"]) == [b"1", None]
            assert await vault.aput_many_if_absent([(_K + "b", b"x"), (_K + "b", b"y")], None) == [None, b"x"]
            assert await vault.atouch(_K + "a", 60) is True
            assert await vault.adelete(_K + "a") is True
            assert await vault.aget(_K + "a") is None

        asyncio.run(scenario())

    def test_async_concurrent_put_if_absent_has_one_winner(self, vault: Vault) -> None:
        async def scenario() -> list[bytes | None]:
            return list(
                await asyncio.gather(
                    *(vault.aput_if_absent(_K + "race", b"v%d" % i, None) for i in range(20))
                )
            )

        seen = asyncio.run(scenario())
        winners = [b"v%d" % i for i, s in enumerate(seen) if s is None]
        assert len(winners) == 1
        assert all(s in (None, winners[0]) for s in seen)
        assert vault.get(_K + "race") == winners[0]

    def test_async_batches_stay_aligned(self, vault: Vault) -> None:
        items = [(f"{_K}abig{i}", f"v{i}".encode()) for i in range(700)]

        async def scenario() -> None:
            halves = await asyncio.gather(
                vault.aput_many_if_absent(items[:350], 60), vault.aput_many_if_absent(items, 60)
            )
            assert halves[0] == [None] * 350
            assert halves[1] == [v for _, v in items[:350]] + [None] * 350
            keys = [k for k, _ in items]
            got = await asyncio.gather(vault.aget_many(keys[::-1]), vault.aget_many([_K + "none", keys[0]]))
            assert got[0] == [v for _, v in items][::-1]
            assert got[1] == [None, items[0][1]]
            await vault.atouch_many(keys, None)

        asyncio.run(scenario())

    def test_async_concurrent_encodes_agree(self, vault: Vault) -> None:
        client = MaskClient(tenant="conformance", master_key=generate_key(), vault=vault)
        values = [f"user{i % 25}@example.com" for i in range(200)]

        async def scenario() -> list[str]:
            return list(await asyncio.gather(*(client.aencode(v) for v in values)))

        tokens = asyncio.run(scenario())
        by_value: dict[str, set[str]] = {}
        for v, t in zip(values, tokens, strict=True):
            by_value.setdefault(v, set()).add(t)
        assert all(len(ts) == 1 for ts in by_value.values()), "one value, one token"
        assert len({next(iter(ts)) for ts in by_value.values()}) == 25, "distinct values, distinct tokens"

        async def back() -> list[str]:
            return list(await asyncio.gather(*(client.adecode(t) for t in tokens)))

        assert asyncio.run(back()) == values

    def test_async_deep_round_trip(self, vault: Vault) -> None:
        client = MaskClient(tenant="conformance", master_key=generate_key(), vault=vault)
        payload = {
            "customer": {item.entity_type.lower() + str(i): item.value for i, item in enumerate(PII_CORPUS)}
        }

        async def scenario() -> object:
            safe = await client.adeep_encode(payload)
            assert_no_pii(safe)
            return await client.adeep_decode(safe)

        assert asyncio.run(scenario()) == payload
