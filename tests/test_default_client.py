"""Module-level functions use one default client, built once, thread-safely, from MASK_* settings."""

from __future__ import annotations

import asyncio
import threading

import pytest

import mask_core
from mask_core import MaskClient, MaskConfigurationError
from mask_core.keys import format_key, generate_key


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_MASTER_KEY", format_key(generate_key()))
    monkeypatch.setenv("MASK_TENANT", "default-tenant")


@pytest.mark.usefixtures("configured")
def test_module_functions_round_trip() -> None:
    token = mask_core.encode("alice.johnson@example.com")
    assert mask_core.decode(token) == "alice.johnson@example.com"
    text = "mail alice.johnson@example.com, SSN 536-22-8745"
    safe = mask_core.tokenize_text(text)
    assert mask_core.scan_and_tokenize(safe) == safe
    assert mask_core.detokenize_text(safe) == text
    assert mask_core.deep_decode(mask_core.deep_encode({"t": text})) == {"t": text}
    assert mask_core.deep_encode_pii is mask_core.deep_encode
    assert mask_core.get_default_client().tenant == "default-tenant"


@pytest.mark.usefixtures("configured")
def test_module_async_twins() -> None:
    async def go() -> None:
        token = await mask_core.aencode("536-22-8745", "US_SSN")
        assert await mask_core.adecode(token) == "536-22-8745"
        safe = await mask_core.atokenize_text("SSN 536-22-8745")
        assert await mask_core.adetokenize_text(safe) == "SSN 536-22-8745"
        assert await mask_core.adeep_decode(await mask_core.adeep_encode(["536-22-8745"])) == ["536-22-8745"]

    asyncio.run(go())


@pytest.mark.usefixtures("configured")
def test_default_client_is_built_once_under_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[MaskClient] = []
    original_init = MaskClient.__init__

    def counting_init(self: MaskClient, *args: object, **kwargs: object) -> None:
        built.append(self)
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(MaskClient, "__init__", counting_init)
    barrier = threading.Barrier(16)
    seen: list[MaskClient] = []

    def first_use() -> None:
        barrier.wait()
        seen.append(mask_core.get_default_client())

    threads = [threading.Thread(target=first_use) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1
    assert all(c is seen[0] for c in seen)


def test_default_client_fails_shut_without_a_key() -> None:
    with pytest.raises(MaskConfigurationError):
        mask_core.encode("alice.johnson@example.com")


def test_an_explicit_default_client_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    client = MaskClient(tenant="explicit", master_key=generate_key())
    mask_core.set_default_client(client)
    assert mask_core.get_default_client() is client
    assert mask_core.decode(mask_core.encode("536-22-8745", "US_SSN")) == "536-22-8745"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("MASK_TTL", "ttl-7f3a9c"), ("MASK_VAULT_TIMEOUT", "timeout-7f3a9c"), ("MASK_ENV", "env-7f3a9c")],
)
def test_a_malformed_setting_is_a_configuration_error_that_names_it_without_its_value(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv("MASK_MASTER_KEY", format_key(generate_key()))
    monkeypatch.setenv(variable, value)
    with pytest.raises(MaskConfigurationError) as caught:
        MaskClient()
    assert variable in str(caught.value)
    assert "7f3a9c" not in str(caught.value)
    # pydantic's error quotes every input; it must not travel along as the cause or the context.
    assert caught.value.__cause__ is None and caught.value.__context__ is None
