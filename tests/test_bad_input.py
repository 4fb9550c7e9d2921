"""Bad input gets a clear MaskError subclass (or a documented pass-through) and loses nothing."""

from __future__ import annotations

import os

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
from mask_core.testing.instructions import Work, callgrind_available, count_instructions


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


def test_ten_megabyte_text_is_scanned_and_restored(client: MaskClient) -> None:
    text = _CHUNK * (10 * 1024 * 1024 // len(_CHUNK))
    assert len(text) >= 9_900_000
    out = client.tokenize_text(text)
    assert "alice.johnson@example.com" not in out
    assert client.detokenize_text(out) == text
    # That its work grows linearly is asserted below ("ten-megabyte chunk"), counted, not timed.


_CHUNK = "lorem ipsum dolor sit amet 12345 " * 30 + "mail alice.johnson@example.com now. "
_RECORD = "Customer alice.johnson@example.com paid with 4539 1488 0343 6467 on 2024-03-15. "
#: Texts of about 100,000 characters whose round trip once threatened to go quadratic; the growth
#: test runs each at 1/16 and 1/4 of that size.
PATHOLOGICAL = {
    "digits": "1" * 100_000,
    "dots": "." * 100_000,
    "ats": "@" * 100_000,
    "email-ish": "a@" * 50_000,
    "dashes": "1-" * 50_000,
    "spaces": "1 " * 50_000,
    "phone-ish": "+(" * 50_000,
    "dotted local part": "a." * 50_000 + "@",
    "long labels": ("x" * 63 + ".") * 1500 + "@x.com",
    # A local part longer than 64 characters: an address cut from its end was tokenized, and its
    # token, glued to the rest of the run, never came back.
    "long local part": "x" * 100_000 + ".y@x.com",
    "digits then labels": "0" * 50_000 + "@" + "a." * 20_000,
    "zero-width run": "\u200b" * 50_000 + "536-22-8745",
    "full-width digits": "５" * 50_000,
    "letter-wrapped digits": "X" + "1" * 50_000 + "L",
    "ten-megabyte chunk": _CHUNK * 90,
    "megabyte record": _RECORD * 1200,  # about 1,000 tokens at full size
}
REQUIRE_TOOLS = os.environ.get("MASK_REQUIRE_SERVERS") == "1"  # read before the fixtures clear MASK_*


def _fraction(text: str, size: int) -> str:
    """The first ``size`` characters of ``text``, keeping its last 20 (an ``@x.com`` or ``L`` tail)."""
    return text[: size - 20] + text[-20:] if len(text) > size else text


@pytest.fixture(scope="module")
def round_trip_work() -> dict[str, tuple[int, int]]:
    """Instructions of tokenize + detokenize of each text at 1/16 and 1/4 of its size (one valgrind run)."""
    if not callgrind_available():
        if REQUIRE_TOOLS:
            pytest.fail("MASK_REQUIRE_SERVERS=1 but valgrind is not installed")
        pytest.skip("valgrind is not installed (apt-get install valgrind)")
    work = [
        Work("round_trip", _fraction(text, len(text) // n)) for text in PATHOLOGICAL.values() for n in (16, 4)
    ]
    counts = count_instructions(work)
    return {name: (counts[2 * i], counts[2 * i + 1]) for i, name in enumerate(PATHOLOGICAL)}


@pytest.mark.slow  # valgrind counts the instructions of each pathological input
@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_round_trips_grow_linearly(
    round_trip_work: dict[str, tuple[int, int]], name: str
) -> None:
    small, large = round_trip_work[name]
    assert large < 6 * small, f"{name}: {small:,} -> {large:,} instructions for 4x the text"


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_inputs_round_trip(client: MaskClient, name: str) -> None:
    text = PATHOLOGICAL[name]
    out = client.tokenize_text(text)
    assert client.detokenize_text(out, lenient=True) == text


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
    assert s.env == "development" and s.ttl == 3600 and s.detection.phone_regions == ["us", "es"]
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
