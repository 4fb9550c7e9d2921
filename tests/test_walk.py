"""deep_encode / deep_decode: types kept, input untouched, cycles and depth handled, one round trip."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import datetime
import decimal
import enum
import uuid
from collections import OrderedDict, defaultdict, namedtuple
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, EmailStr

from mask_core import MaskClient, MemoryVault, UnsupportedTypeError
from mask_core.testing import assert_no_pii

EMAIL, SSN, CARD = "alice.johnson@example.com", "536-22-8745", "4539 1488 0343 6467"


@dataclasses.dataclass
class Customer:
    name: str
    email: str
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True, slots=True)
class Card:
    number: str
    expiry: str


class Contact(BaseModel):
    email: EmailStr
    note: str = ""


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")
    ssn: str


class Color(enum.Enum):
    RED = "alice.johnson@example.com"  # an enum value is a constant of the program, not data


Point = namedtuple("Point", ["label", "x"])


def _walk_equal(a: Any, b: Any) -> bool:
    """Structural equality without recursion (for 10,000-deep values)."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, list | tuple):
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y, strict=True))
        elif isinstance(x, dict):
            if x.keys() != y.keys():
                return False
            stack.extend((x[k], y[k]) for k in x)
        elif x != y:
            return False
    return True


def test_round_trip_keeps_every_container_and_model_type(client: MaskClient) -> None:
    payload = {
        "customer": Customer("Alice", EMAIL, [SSN, "vip"]),
        "card": Card(CARD, "04/27"),
        "contact": Contact(email=EMAIL, note=f"ssn {SSN}"),
        "frozen": FrozenModel(ssn=SSN, extra_field=CARD),  # type: ignore[call-arg]
        "tuple": (EMAIL, 1, 2.5),
        "named": Point(EMAIL, 3),
        "set": {EMAIL, "plain"},
        "frozenset": frozenset({SSN}),
        "ordered": OrderedDict([("a", EMAIL), ("b", 2)]),
        "default": defaultdict(list, {"x": [CARD]}),
        "scalars": [
            None,
            True,
            7,
            3.5,
            b"bytes 536-22-8745",
            decimal.Decimal("1.5"),
            uuid.UUID(int=5),
            datetime.date(2024, 3, 15),
            Color.RED,
        ],
    }
    original = copy.deepcopy(payload)
    safe = client.deep_encode(payload)
    assert payload == original, "the input is never mutated"
    assert_no_pii(
        safe["customer"],
        safe["card"],
        safe["contact"],
        safe["frozen"],
        safe["tuple"],
        safe["named"],
        safe["set"],
        safe["frozenset"],
        safe["ordered"],
        safe["default"],
    )
    assert type(safe["customer"]) is Customer and type(safe["card"]) is Card
    assert type(safe["contact"]) is Contact and type(safe["frozen"]) is FrozenModel
    assert type(safe["named"]) is Point and type(safe["ordered"]) is OrderedDict
    assert type(safe["default"]) is defaultdict and safe["default"].default_factory is list
    assert type(safe["set"]) is set and type(safe["frozenset"]) is frozenset
    assert type(safe["scalars"][4]) is bytes and b"536-22-8745" not in safe["scalars"][4], "bytes are text"
    del safe["scalars"][4]
    assert safe["scalars"] == payload["scalars"][:4] + payload["scalars"][5:], "other scalars pass through"
    safe["scalars"].insert(4, client.deep_encode(payload["scalars"][4]))
    assert safe["frozen"].model_extra is not None
    restored = client.deep_decode(safe)
    assert restored == payload


def test_pydantic_tokens_still_validate(client: MaskClient) -> None:
    safe = client.deep_encode(Contact(email=EMAIL))
    Contact.model_validate(safe.model_dump())  # the token is a valid EmailStr


def test_dict_keys_are_protected_unless_told_not_to(client: MaskClient) -> None:
    payload = {EMAIL: "owner", "n": 1}
    keyed = client.deep_encode(payload)
    assert EMAIL not in keyed
    assert client.deep_decode(keyed) == payload
    assert EMAIL in client.deep_encode(payload, keys=False)


def test_json_key_gives_context_to_weak_values(client: MaskClient) -> None:
    safe = client.deep_encode({"ssn": "536228745", "order_id": "536228745"})
    assert safe["ssn"] != "536228745"
    assert safe["order_id"] == "536228745"


def test_cycles_and_shared_references_survive(client: MaskClient) -> None:
    shared = {"email": EMAIL}
    root: dict[str, Any] = {"a": shared, "b": shared, "items": []}
    root["items"].append(root)
    root["self"] = root
    safe = client.deep_encode(root)
    assert safe["a"] is safe["b"], "shared references stay shared"
    assert safe["self"] is safe and safe["items"][0] is safe, "cycles stay cycles"
    assert safe["a"]["email"] != EMAIL
    back = client.deep_decode(safe)
    assert back["self"] is back and back["a"]["email"] == EMAIL


def test_cycle_through_a_tuple(client: MaskClient) -> None:
    inner: list[Any] = [EMAIL]
    tup = (SSN, inner)
    inner.append(tup)
    safe = client.deep_encode(tup)
    assert isinstance(safe, tuple)
    assert safe[1][1] is safe
    assert_no_pii(safe[0], safe[1][0])


def test_cycle_through_a_dataclass(client: MaskClient) -> None:
    c = Customer("Bob", EMAIL)
    c.tags.append(c)  # type: ignore[arg-type]
    safe = client.deep_encode(c)
    assert safe.tags[0] is safe
    assert safe.email != EMAIL


@pytest.mark.parametrize("depth", [10_000])
def test_ten_thousand_levels_deep(client: MaskClient, depth: int) -> None:
    node: Any = EMAIL
    for _ in range(depth):
        node = [node]
    for _ in range(depth // 2):
        node = {"k": node}
    safe = client.deep_encode(node)
    back = client.deep_decode(safe)
    assert _walk_equal(back, node)


def test_unknown_objects_are_refused_not_leaked(client: MaskClient) -> None:
    class Opaque:
        def __init__(self) -> None:
            self.secret = EMAIL

    with pytest.raises(UnsupportedTypeError) as info:
        client.deep_encode({"x": Opaque()})
    assert EMAIL not in str(info.value)
    passed = client.deep_encode({"x": Opaque(), "y": EMAIL}, unknown="pass")
    assert isinstance(passed["x"], Opaque) and passed["y"] != EMAIL


def test_one_vault_round_trip_per_payload(
    client: MaskClient, vault: MemoryVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    safe = client.deep_encode({f"k{i}": f"user{i}@example.com" for i in range(100)})
    calls: list[int] = []
    original = vault.get_many

    def counting(keys):  # type: ignore[no-untyped-def]
        calls.append(len(keys))
        return original(keys)

    monkeypatch.setattr(vault, "get_many", counting)
    monkeypatch.setattr(vault, "get", lambda key: pytest.fail("per-key lookups defeat batching"))
    client.deep_decode(safe)
    assert len(calls) == 1 and calls[0] >= 100


def test_async_twins_match_sync(client: MaskClient) -> None:
    payload = {"c": Customer("Alice", EMAIL, [SSN]), "t": (CARD,)}

    async def go() -> tuple[Any, Any]:
        safe = await client.adeep_encode(payload)
        return safe, await client.adeep_decode(safe)

    safe, back = asyncio.run(go())
    assert safe == client.deep_encode(payload)
    assert back == payload


def test_deep_decode_refuses_half_decoded_data(client: MaskClient, key: bytes) -> None:
    from mask_core import TokenNotFoundError

    good = client.encode(EMAIL)
    dead = MaskClient(tenant="acme", master_key=key, vault=MemoryVault()).encode(SSN, "US_SSN")
    with pytest.raises(TokenNotFoundError):
        client.deep_decode({"to": good, "ssn": dead})  # the second is a dead SSN token


# -- the flat-dict fast path (most tool arguments) is the general walk ---------------------------------
_FLAT_VALUES = st.one_of(
    st.text(max_size=8), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.one_of(
            st.text(max_size=6),
            st.integers(-3, 3),
            st.sampled_from(["ssn", "name", "email", "phone", "currency", "value", "system", "cardNumber"]),
        ),
        _FLAT_VALUES,
        max_size=8,
    ),
    st.booleans(),
)
def test_the_flat_dict_fast_path_is_the_general_walk(obj: dict[Any, Any], keys: bool) -> None:
    from mask_core.fields import FieldHint, FieldRules
    from mask_core.walk import _collect_walk, _rebuild_walk, collect_leaves, rebuild

    rules = FieldRules()

    def replace(v: Any, hint: FieldHint) -> Any:
        if type(v) is not str:
            return v + 1 if type(v) is int and hint.entity_type else v
        return v if len(v) % 2 else f"<{v}|{hint.key}|{hint.entity_type}|{hint.is_key}>"

    assert collect_leaves(obj, rules=rules, keys=keys) == _collect_walk(
        obj, rules=rules, keys=keys, unknown="error"
    )
    fast = rebuild(obj, replace, rules=rules, keys=keys)
    general = _rebuild_walk(obj, replace, rules=rules, keys=keys, unknown="error")
    assert fast == general and type(fast) is type(general) and fast is not obj
    assert [type(v) for v in fast.values()] == [type(v) for v in general.values()]
    for out in (fast, general):  # an unchanged string is the input's own object (keys may change)
        assert all(
            new is v for v, new in zip(obj.values(), out.values(), strict=True) if new == v and type(v) is str
        )


def test_a_key_s_hint_under_a_parent_does_not_come_from_another_parent_s_cache() -> None:
    # "requestid" and "request_id" share a compact name; only the second's last word is "id".
    from mask_core.fields import ROOT, FieldRules

    rules = FieldRules()
    under_word = rules.child(rules.child(ROOT, {"requestid": {}}, "requestid"), {"x": 1}, "x")
    under_id = rules.child(rules.child(ROOT, {"request_id": {}}, "request_id"), {"x": 1}, "x")
    assert under_word.names and not under_id.names
