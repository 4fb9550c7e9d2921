"""Choosing a vault: settings, explicit objects, and what happens when an extra is not installed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mask_core import MaskClient, MaskConfigurationError, MissingDependencyError
from mask_core.keys import generate_key
from mask_core.settings import MaskSettings
from mask_core.vault import from_settings
from mask_core.vault.dynamodb import DynamoDBVault
from mask_core.vault.memcached import MemcachedVault
from mask_core.vault.redis import RedisVault


def test_redis_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_VAULT_TYPE", "redis")
    monkeypatch.setenv("MASK_REDIS_URL", "redis://user:hunter2@cache.internal:6380/2")
    monkeypatch.setenv("MASK_REDIS_CLUSTER", "true")
    monkeypatch.setenv("MASK_VAULT_TIMEOUT", "0.5")
    monkeypatch.setenv("MASK_VAULT_RETRIES", "4")
    monkeypatch.setenv("MASK_VAULT_PREFIX", "svc-a:")
    settings = MaskSettings()
    assert "hunter2" not in repr(settings)
    vault = from_settings(settings)
    assert isinstance(vault, RedisVault)
    assert (vault.url, vault.cluster, vault.prefix) == (
        "redis://user:hunter2@cache.internal:6380/2",
        True,
        "svc-a:",
    )
    assert (vault.policy.timeout, vault.policy.retries) == (0.5, 4)
    assert "hunter2" not in repr(vault)
    monkeypatch.setenv("MASK_MASTER_KEY", "base64:" + "A" * 43 + "=")
    client = MaskClient(tenant="acme")  # the default vault follows the settings; nothing connects yet
    assert isinstance(client.vault, RedisVault)


def test_memcached_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_VAULT_TYPE", "memcached")
    monkeypatch.setenv("MASK_MEMCACHED_HOST", "mc.internal")
    monkeypatch.setenv("MASK_MEMCACHED_PORT", "11311")
    vault = from_settings(MaskSettings())
    assert isinstance(vault, MemcachedVault) and vault.servers == ["mc.internal:11311"]
    monkeypatch.setenv("MASK_MEMCACHED_SERVERS", "a:1, b:2")
    vault = from_settings(MaskSettings())
    assert isinstance(vault, MemcachedVault) and vault.servers == ["a:1", "b:2"]


def test_dynamodb_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_VAULT_TYPE", "DynamoDB")
    monkeypatch.setenv("MASK_DYNAMODB_TABLE", "tokens")
    monkeypatch.setenv("MASK_DYNAMODB_REGION", "eu-west-1")
    monkeypatch.setenv("MASK_DYNAMODB_ENDPOINT_URL", "http://localhost:8000")
    vault = from_settings(MaskSettings())
    assert isinstance(vault, DynamoDBVault)
    assert (vault.table, vault.region, vault.endpoint_url) == ("tokens", "eu-west-1", "http://localhost:8000")


def test_an_explicit_vault_wins_over_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_VAULT_TYPE", "dynamodb")
    vault = RedisVault("redis://127.0.0.1:1/0")
    assert MaskClient(tenant="acme", master_key=generate_key(), vault=vault).vault is vault


def test_unknown_vault_type() -> None:
    with pytest.raises(MaskConfigurationError, match="supported: memory, redis, memcached, dynamodb"):
        from_settings(MaskSettings(vault_type="cassandra"))


def test_bad_backend_configuration() -> None:
    from mask_core.vault._retry import RetryPolicy

    with pytest.raises(MaskConfigurationError):
        RetryPolicy(timeout=0)
    with pytest.raises(MaskConfigurationError):
        MemcachedVault([])
    with pytest.raises(MaskConfigurationError):
        MemcachedVault(["no-port"])
    with pytest.raises(MaskConfigurationError):
        MemcachedVault(["a:1"], prefix="has space")


@pytest.mark.parametrize(
    ("module", "package", "extra"),
    [
        ("mask_core.vault.redis", "redis", "redis"),
        ("mask_core.vault.memcached", "pymemcache", "memcached"),
        ("mask_core.vault.dynamodb", "boto3", "dynamodb"),
    ],
)
def test_missing_extra_names_the_install_line(module: str, package: str, extra: str) -> None:
    code = f"""
import sys
sys.modules[{package!r}] = None  # as if the package were not installed
from mask_core.errors import MissingDependencyError
try:
    import {module}
except MissingDependencyError as exc:
    assert isinstance(exc, ImportError)
    print(exc)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    # The extra's own requirements (installable whether or not mask-core came from an index), and its name.
    assert f"pip install '{package}" in out and f"'mask-core[{extra}]' extra" in out
    assert issubclass(MissingDependencyError, ImportError)


def test_a_missing_server_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from mask_core.testing.servers import ServerMissing, require_binary

    from . import conftest

    with pytest.raises(ServerMissing, match="apt-get install"):
        require_binary("mask-no-such-server")
    monkeypatch.setattr(conftest, "REQUIRE_SERVERS", False)
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        conftest.start_or_skip(lambda: require_binary("mask-no-such-server"))
    monkeypatch.setattr(conftest, "REQUIRE_SERVERS", True)
    with pytest.raises(pytest.fail.Exception, match="MASK_REQUIRE_SERVERS=1"):
        conftest.start_or_skip(lambda: require_binary("mask-no-such-server"))
