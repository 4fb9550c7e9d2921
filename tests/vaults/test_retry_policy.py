"""The retry policy every network vault runs its calls through (``vault/_retry.py``), without servers.

What a backend's classifier does not know still fails shut as a ``MaskError``: a client library that
trips over a reply it cannot parse (seen with redis-py's cluster client reading a TCP self-connect's
echo as CLUSTER SLOTS) must not reach the caller as a bare ``TypeError``.
"""

from __future__ import annotations

import asyncio

import pytest

from mask_core import MaskError, VaultUnavailableError
from mask_core.errors import VaultFullError
from mask_core.testing import assert_no_pii
from mask_core.testing.servers import _ephemeral_ports, free_port
from mask_core.vault._retry import RetryPolicy

POLICY = RetryPolicy(timeout=0.5, retries=2)
SECRET = "536-22-8745"


def _unknown(exc: BaseException) -> None:
    return None


def test_an_unknown_client_error_fails_shut_as_vault_unavailable_without_retries() -> None:
    calls = []

    def fn() -> None:
        calls.append(1)
        raise TypeError("'int' object is not iterable")

    with pytest.raises(VaultUnavailableError) as info:
        POLICY.call(fn, backend="redis-cluster", classify=_unknown)
    assert calls == [1], "an unknown error is not retried"
    assert isinstance(info.value.__cause__, TypeError)
    assert "redis-cluster" in str(info.value) and "TypeError" in str(info.value)


def test_an_unknown_client_error_fails_shut_in_the_async_twin_too() -> None:
    async def fn() -> None:
        raise KeyError(SECRET)  # a client error whose text holds a value

    with pytest.raises(VaultUnavailableError) as info:
        asyncio.run(POLICY.acall(fn, backend="memcached", classify=_unknown))
    assert_no_pii(str(info.value), repr(info.value))


def test_mask_errors_and_classified_errors_keep_their_meaning() -> None:
    def full() -> None:
        raise VaultFullError("full")

    with pytest.raises(VaultFullError):
        POLICY.call(full, backend="redis", classify=_unknown)

    def refused() -> None:
        raise ConnectionRefusedError

    with pytest.raises(VaultUnavailableError) as info:
        POLICY.call(refused, backend="redis", classify=lambda exc: True)
    assert "3 attempt(s)" in str(info.value)
    assert isinstance(info.value, MaskError)


def test_free_ports_are_never_ones_the_kernel_gives_outgoing_connections() -> None:
    """A port the kernel may pick as a client's source port lets a client connect to itself when
    nothing listens there: the "server down" tests would then read their own request as a reply."""
    ephemeral = _ephemeral_ports()
    for _ in range(200):
        assert free_port() not in ephemeral
        port = free_port(cluster_bus=True)
        assert port not in ephemeral and port + 10000 not in ephemeral
