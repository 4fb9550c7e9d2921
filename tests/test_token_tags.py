"""A dead token is refused; a real value of the same shape never is (keyed tag digits, tokens/tags.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MemoryVault, TokenNotFoundError
from mask_core.keys import Keyring, generate_key
from mask_core.testing.tokens import dead_token
from mask_core.tokens.formats import Parsed, SsnFormat

KEY = generate_key()


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="acme", master_key=KEY, vault=MemoryVault())


@pytest.mark.parametrize(
    ("value", "entity_type"),
    [
        ("536-22-8745", "US_SSN"),
        ("4539 1488 0343 6467", "CREDIT_CARD"),
        ("(415) 555-2671", "PHONE_NUMBER"),
        ("+1 415 555 2671", "PHONE_NUMBER"),
        ("Alice Johnson", "PERSON"),
        ("alice@example.com", "EMAIL_ADDRESS"),
    ],
)
def test_a_dead_token_of_this_deployment_is_refused_in_any_tenant(
    client: MaskClient, value: str, entity_type: str
) -> None:
    dead = dead_token(KEY, value, entity_type)  # issued by this deployment, no vault holds it
    with pytest.raises(TokenNotFoundError):
        client.detokenize_text(f"see {dead} please")
    with pytest.raises(TokenNotFoundError):
        client.deep_decode({"value": dead})


def test_a_token_of_another_deployment_is_data(client: MaskClient) -> None:
    foreign = dead_token(generate_key(), "536-22-8745")
    assert client.detokenize_text(f"SSN {foreign}") == f"SSN {foreign}"


def test_an_edited_tag_makes_a_token_data(client: MaskClient) -> None:
    dead = dead_token(KEY)  # ddd-dd-dddd; the last two digits are the tag
    edited = dead[:-2] + f"{(int(dead[-2:]) + 1) % 100:02d}"
    assert client.detokenize_text(edited) == edited


def test_a_bare_run_of_digits_is_refused_only_with_evidence_of_its_type(client: MaskClient) -> None:
    bare = dead_token(KEY).replace("-", "")
    assert client.detokenize_text(f"order {bare} shipped") == f"order {bare} shipped"
    with pytest.raises(TokenNotFoundError):
        client.detokenize_text(f"SSN: {bare}")
    with pytest.raises(TokenNotFoundError):
        client.deep_decode({"ssn": bare})
    assert client.deep_decode({"order_id": bare}) == {"order_id": bare}


def test_tokens_stay_recognised_after_the_key_rotates() -> None:
    old = Keyring.from_master_key(KEY, key_id="k1")
    dead = dead_token(old)
    rotated = old.add(generate_key(), key_id="k2").promote("k2")
    client = MaskClient(tenant="acme", keyring=rotated, vault=MemoryVault())
    with pytest.raises(TokenNotFoundError):
        client.detokenize_text(f"SSN {dead}")


@settings(max_examples=300, deadline=None)
@given(st.integers(900_000_000, 999_999_999))
def test_a_number_is_refused_only_when_it_carries_the_tag_of_this_deployment(n: int) -> None:
    client = MaskClient(tenant="acme", master_key=KEY, vault=MemoryVault())
    digits = str(n)
    assert client.detokenize_text(f"order {digits}") == f"order {digits}"  # bare: no evidence, never
    dashed = f"ref {digits[:3]}-{digits[3:5]}-{digits[5:]}"
    tagged = SsnFormat().is_token(Parsed(digits, digits)) and client.engine.tags.valid(
        "US_SSN", digits[:7], digits[7:]
    )
    if tagged:  # about one SSN-shaped value in a hundred: what a dead token looks like
        with pytest.raises(TokenNotFoundError):
            client.detokenize_text(dashed)
    else:
        assert client.detokenize_text(dashed) == dashed
