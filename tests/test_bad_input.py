"""Bad input gets a clear MaskError subclass (or a documented pass-through) and loses nothing."""

from __future__ import annotations

import time

import pytest

from mask_core import (
    FormatError,
    InvalidInputError,
    MaskClient,
    MaskError,
    MemoryVault,
    UnknownEntityTypeError,
    UnsupportedTypeError,
    ValueTooLargeError,
)
from mask_core.keys import generate_key
from mask_core.settings import MaskSettings


@pytest.mark.parametrize("value", [None, 12345, 3.5, b"alice@example.com", ["x"], {"a": 1}])
def test_encode_and_decode_refuse_non_strings(client: MaskClient, value: object) -> None:
    with pytest.raises(UnsupportedTypeError):
        client.encode(value)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedTypeError):
        client.decode(value)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedTypeError):
        client.tokenize_text(value)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedTypeError):
        client.detokenize_text(value)  # type: ignore[arg-type]


def test_empty_values(client: MaskClient) -> None:
    with pytest.raises(InvalidInputError):
        client.encode("")
    from mask_core import TokenNotFoundError

    with pytest.raises(TokenNotFoundError):
        client.decode("")
    assert client.deep_encode({"a": "", "b": []}) == {"a": "", "b": []}


def test_unknown_entity_types(client: MaskClient) -> None:
    with pytest.raises(UnknownEntityTypeError):
        client.encode("x", "US_SNN")
    with pytest.raises(InvalidInputError):
        client.encode("x", "not a type name")
    with pytest.raises(FormatError):
        client.encode("not an ssn", "US_SSN")


def test_values_and_texts_above_the_limits_are_refused(key: bytes) -> None:
    settings = MaskSettings(max_value_length=100, max_text_length=1000)
    client = MaskClient(tenant="t", master_key=key, vault=MemoryVault(), settings=settings)
    with pytest.raises(ValueTooLargeError):
        client.encode("a" * 101)
    with pytest.raises(ValueTooLargeError):
        client.tokenize_text("b" * 1001)
    with pytest.raises(ValueTooLargeError):
        client.deep_encode({"x": "b" * 1001})


def test_ten_megabyte_text_is_scanned_in_linear_time(client: MaskClient) -> None:
    chunk = "lorem ipsum dolor sit amet 12345 " * 30 + "mail alice.johnson@example.com now. "
    text = chunk * (10 * 1024 * 1024 // len(chunk))
    assert len(text) >= 9_900_000
    start = time.perf_counter()
    out = client.tokenize_text(text)
    elapsed = time.perf_counter() - start
    assert "alice.johnson@example.com" not in out
    assert client.detokenize_text(out) == text
    # Generous: a catastrophic pattern would take hours, not tens of seconds.
    assert elapsed < 120


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "." * 100_000,
        "@" * 100_000,
        "a@" * 50_000,
        "1-" * 50_000,
        "1 " * 50_000,
        "+(" * 50_000,
        "a." * 50_000 + "@",
        ("x" * 63 + ".") * 1500 + "@x.com",
        "0" * 50_000 + "@" + "a." * 20_000,
        "\u200b" * 50_000 + "536-22-8745",
        "５" * 50_000,
        "X" + "1" * 50_000 + "L",
    ],
)
def test_pathological_inputs_finish_quickly(client: MaskClient, text: str) -> None:
    start = time.perf_counter()
    out = client.tokenize_text(text)
    client.detokenize_text(out, lenient=True)
    assert time.perf_counter() - start < 10


def test_errors_share_one_base_and_keep_builtin_bases() -> None:
    assert issubclass(UnsupportedTypeError, TypeError) and issubclass(UnsupportedTypeError, MaskError)
    assert issubclass(InvalidInputError, ValueError)
    from mask_core import MissingDependencyError, TokenNotFoundError

    assert issubclass(TokenNotFoundError, LookupError)
    assert issubclass(MissingDependencyError, ImportError)


def test_client_construction_errors(key: bytes) -> None:
    from mask_core import MaskConfigurationError

    with pytest.raises(MaskConfigurationError):
        MaskClient(tenant="t", master_key=key, ttl=-5)
    with pytest.raises(MaskConfigurationError):
        MaskClient(tenant="t", master_key=12345)  # type: ignore[arg-type]


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_ENV", "dev")
    monkeypatch.setenv("MASK_TTL", "3600")
    monkeypatch.setenv("MASK_PHONE_REGIONS", "us, es")
    monkeypatch.setenv("MASK_VAULT_EVICTION", "reject")
    s = MaskSettings()
    assert s.env == "development" and s.ttl == 3600 and s.phone_regions == ["us", "es"]
    client = MaskClient(tenant="t", master_key=generate_key(), settings=s)
    assert client.ttl == 3600 and client.vault.eviction == "reject"  # type: ignore[attr-defined]


def test_settings_repr_hides_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from mask_core.keys import format_key

    key = format_key(generate_key())
    monkeypatch.setenv("MASK_MASTER_KEY", key)
    s = MaskSettings()
    assert key not in repr(s) and key.split(":")[1] not in repr(s)
    client = MaskClient(settings=s)
    assert key.split(":")[1] not in repr(client) + repr(client.keyring) + repr(client.engine.keys)
