"""The engine keeps its last derivations: a value a tool result repeats is derived once, the tokens
are the same as without the cache, and the cache never holds a value."""

from __future__ import annotations

import json

import pytest

from mask_core import Keyring, MaskClient, MemoryVault
from mask_core.keys import generate_key
from mask_core.tokens.engine import TokenEngine
from mask_core.tokens.formats import Parsed

RECORD = {"name": "Ingrid Halvorsen", "email": "ingrid.h@example.no", "card_number": 4539148803436467}


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The values each new derivation was for (the uncached step, counted)."""
    seen: list[str] = []
    new = TokenEngine._derive_new

    def counted(self: TokenEngine, keys: object, value: str, *args: object) -> tuple[str, str, bytes]:
        seen.append(value)
        return new(self, keys, value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(TokenEngine, "_derive_new", counted)
    return seen


def test_a_repeated_value_is_derived_once(derivations: list[str]) -> None:
    client = MaskClient(tenant="t", master_key=b"k" * 32, vault=MemoryVault())
    first = client.deep_encode(RECORD)
    n = len(derivations)
    assert n == 3
    for _ in range(5):
        assert client.deep_encode(RECORD) == first
        assert client.tokenize_text("Ingrid Halvorsen wrote from ingrid.h@example.no")
    assert len(derivations) == n  # the text's name and e-mail were derived for the record already


def test_the_cache_changes_no_token() -> None:
    key = generate_key()
    cached = MaskClient(tenant="t", master_key=key, vault=MemoryVault())
    fresh = [MaskClient(tenant="t", master_key=key, vault=MemoryVault()) for _ in range(3)]
    text = json.dumps(RECORD) + " and again: Ingrid Halvorsen, ingrid.h@example.no"
    outputs = [cached.tokenize_text(text) for _ in range(3)]
    assert outputs == [client.tokenize_text(text) for client in fresh]
    # The same digits as a JSON number and as a card in prose: two formats, two tokens.
    safe = json.loads(cached.tokenize_text(json.dumps({"card_number": 4539148803436467})))
    in_text = cached.tokenize_text("card 4539 1488 0343 6467")
    assert str(safe["card_number"]) not in in_text.replace(" ", "")


def test_new_keys_derive_again(derivations: list[str]) -> None:
    ring = Keyring({"k1": generate_key()})
    vault = MemoryVault()
    client = MaskClient(tenant="t", keyring=ring, vault=vault)
    client.encode("ingrid.h@example.no")
    client.encode("ingrid.h@example.no")
    assert derivations.count("ingrid.h@example.no") == 1
    promoted = ring.add(generate_key(), key_id="k2").promote("k2")
    client.engine.keyring = promoted  # what a rotation hands the engine
    token = client.encode("ingrid.h@example.no")  # derived and sealed under the new primary key
    assert derivations.count("ingrid.h@example.no") == 2
    assert client.decode(token) == "ingrid.h@example.no"


def test_the_cache_holds_no_value() -> None:
    client = MaskClient(tenant="t", master_key=b"k" * 32, vault=MemoryVault())
    client.deep_encode(RECORD)
    _, entries = client.engine._derived
    held = repr(list(entries.items())).encode() + b"".join(record for _, (_, _, record) in entries.values())
    for value in ("Ingrid", "Halvorsen", "ingrid.h@example.no", "4539148803436467"):
        assert value.encode() not in held


def test_inputs_that_share_a_separator_never_share_an_entry() -> None:
    # A value may hold any character: the cache's digest must not confuse ("a\x1fb", "c") with
    # ("a", "b\x1fc"), or one value would be handed the other's token and sealed record.
    client = MaskClient(tenant="t", master_key=b"k" * 32, vault=MemoryVault())
    engine = client.engine
    fmt = client.registry.placeholder_for("PERSON")
    keys = engine.keys
    one = Parsed("a\x1fb", "c")
    two = Parsed("a", "b\x1fc")
    first = engine._derive(keys, "a\x1fb\x1fc", "PERSON", fmt, one, 0)
    second = engine._derive(keys, "a\x1fb\x1fc", "PERSON", fmt, two, 0)
    assert first == engine._derive_new(keys, "a\x1fb\x1fc", "PERSON", fmt, one, 0)
    assert second == engine._derive_new(keys, "a\x1fb\x1fc", "PERSON", fmt, two, 0)
