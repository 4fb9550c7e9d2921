"""The memory vault: the shared conformance suite, plus what only a bounded in-process vault has."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from mask_core import MaskClient, MemoryVault, TokenNotFoundError, VaultFullError
from mask_core.errors import MaskConfigurationError
from mask_core.testing import FakeClock
from mask_core.testing.vault_suite import AsyncVaultConformance, VaultConformance


class _MemoryFixtures:
    min_ttl = 1.0

    @pytest.fixture
    def clock(self) -> FakeClock:
        return FakeClock()

    @pytest.fixture
    def vault(self, clock: FakeClock) -> MemoryVault:
        return MemoryVault(clock=clock)

    @pytest.fixture
    def advance(self, clock: FakeClock) -> Callable[[float], None]:
        return clock.advance


class TestMemoryVaultConformance(_MemoryFixtures, VaultConformance):
    pass


class TestMemoryVaultAsyncConformance(_MemoryFixtures, AsyncVaultConformance):
    pass


def test_lru_evicts_least_recently_used_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    vault = MemoryVault(max_entries=3)
    for k in "abc":
        vault.put_if_absent(k, k.encode(), None)
    vault.get("a")  # a is now the most recently used
    with caplog.at_level(logging.WARNING, logger="mask_core.vault.memory"):
        vault.put_if_absent("d", b"d", None)
    assert vault.get_many(["a", "b", "c", "d"]) == [b"a", None, b"c", b"d"]
    assert vault.stats()["evictions"] == 1
    assert "evicted 1 entry" in caplog.text


def test_fifo_evicts_oldest_write() -> None:
    vault = MemoryVault(max_entries=2, eviction="fifo")
    vault.put_if_absent("a", b"a", None)
    vault.put_if_absent("b", b"b", None)
    vault.get("a")
    vault.put_if_absent("c", b"c", None)
    assert vault.get_many(["a", "b", "c"]) == [None, b"b", b"c"]


def test_reject_policy_fails_shut_and_loses_nothing() -> None:
    vault = MemoryVault(max_entries=2, eviction="reject")
    vault.put_if_absent("a", b"a", None)
    vault.put_if_absent("b", b"b", None)
    with pytest.raises(VaultFullError):
        vault.put_if_absent("c", b"c", None)
    assert vault.get_many(["a", "b"]) == [b"a", b"b"]
    assert vault.put_if_absent("a", b"a", None) == b"a"  # re-encodes of live values still work


def test_evicted_token_raises_not_found_never_another_value(key: bytes) -> None:
    client = MaskClient(tenant="t", master_key=key, vault=MemoryVault(max_entries=10))
    tokens = [client.encode(f"person{i}@example.com") for i in range(25)]
    decoded = 0
    for i, token in enumerate(tokens):
        try:
            assert client.decode(token) == f"person{i}@example.com"
            decoded += 1
        except TokenNotFoundError:
            pass
    assert decoded == 10


def test_expired_entries_are_dropped_lazily(clock: FakeClock) -> None:
    vault = MemoryVault(clock=clock)
    for i in range(100):
        vault.put_if_absent(f"k{i}", b"v", 5)
    clock.advance(10)
    for i in range(30):
        vault.put_if_absent(f"new{i}", b"v", None)  # each write sweeps up to two expired entries
    assert len(vault) == 30 + 100 - 2 * 30
    for i in range(30, 60):
        vault.put_if_absent(f"new{i}", b"v", None)
    assert len(vault) == 60  # every expired entry is gone, without a full scan
    assert vault.stats()["expired"] == 100


def test_bad_configuration() -> None:
    with pytest.raises(MaskConfigurationError):
        MemoryVault(max_entries=0)
    with pytest.raises(MaskConfigurationError):
        MemoryVault(eviction="random")  # type: ignore[arg-type]
