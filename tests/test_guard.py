"""ToolGuard and the adapter kit's guarded call and options: the tool boundary every adapter shares."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mask_core import (
    AuditEvent,
    Firewall,
    FirewallBlockedError,
    MaskClient,
    MaskConfigurationError,
    MaskedToolError,
    MemoryVault,
    Policy,
    ToolCallRefusedError,
    ToolGuard,
    VaultUnavailableError,
)
from mask_core.adapters import (
    GuardedCall,
    Protection,
    UnknownOptionError,
    current_guard,
    is_guarded,
)
from mask_core.guard import decode_policy_for, masked_exception
from mask_core.keys import generate_key
from mask_core.testing import PII_CORPUS, assert_no_pii

EMAIL, CARD = "alice.johnson@example.com", "4539 1488 0343 6467"


class Sink:
    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    def emit(self, event: AuditEvent) -> None:
        self.events.append(event)


class DownVault(MemoryVault):
    def get_many(self, keys: Any) -> Any:
        raise VaultUnavailableError("down")


def test_call_decodes_runs_and_encodes(client: MaskClient) -> None:
    guard = ToolGuard(client=client, tool="refund")
    seen: dict[str, Any] = {}

    def refund(card: str, *, note: dict[str, str]) -> dict[str, str]:
        seen.update(card=card, note=note)
        return {"status": f"refunded {card} for {EMAIL}"}

    out = guard.call(refund, client.encode(CARD), note={"to": client.encode(EMAIL)})
    assert seen == {"card": CARD, "note": {"to": EMAIL}}
    assert_no_pii(out)
    assert client.deep_decode(out) == {"status": f"refunded {CARD} for {EMAIL}"}


def test_acall_awaits_and_encodes(client: MaskClient) -> None:
    guard = ToolGuard(client=client)

    async def lookup(email: str) -> tuple[str, str]:
        return (email, CARD)

    out = asyncio.run(guard.acall(lookup, client.encode(EMAIL)))
    assert isinstance(out, tuple)
    assert_no_pii(out)

    def returns_coroutine(email: str) -> Any:  # a sync function returning an awaitable is awaited
        return lookup(email)

    assert asyncio.run(guard.acall(returns_coroutine, client.encode(EMAIL))) == out


def test_refusal_is_pii_free_and_audited(key: bytes) -> None:
    sink = Sink()
    client = MaskClient(tenant="acme", master_key=key, vault=MemoryVault(), audit=sink)
    stranger = MaskClient(tenant="other", master_key=generate_key(), vault=MemoryVault())
    foreign = stranger.encode(EMAIL)
    ran = []
    with pytest.raises(ToolCallRefusedError) as info:
        ToolGuard(client=client, tool="send").call(ran.append, foreign)
    err = info.value
    assert ran == []
    assert err.stage == "arguments" and err.tool == "send" and err.reason == "TokenNotFoundError"
    assert "did not run" in str(err)
    assert foreign not in str(err) and client.engine.fingerprint(foreign) not in str(err)
    assert [e.action for e in sink.events if e.outcome == "refused"] == ["tool_refused"]
    assert sink.events[-1].tool == "send"


def test_vault_down_refuses_arguments(key: bytes) -> None:
    client = MaskClient(tenant="acme", master_key=key, vault=DownVault())
    with pytest.raises(ToolCallRefusedError, match="unavailable"):
        ToolGuard(client=client).decode_args({"a": "u.abcdefghij@mask.example.net"})


def test_result_that_cannot_be_protected_is_withheld(client: MaskClient) -> None:
    with pytest.raises(ToolCallRefusedError) as info:
        ToolGuard(client=client, tool="t").encode_result({"x": object()})
    assert info.value.stage == "result" and "withheld" in str(info.value)


def test_least_privilege(client: MaskClient) -> None:
    guard = ToolGuard.for_tool("send", client=client, allowed_types={"send": {"EMAIL_ADDRESS"}})
    card_tok = client.encode(CARD)
    assert guard.decode_args([client.encode(EMAIL), card_tok]) == [EMAIL, card_tok]


def test_decode_policy_forms() -> None:
    assert decode_policy_for(None, "t") is None
    assert decode_policy_for(["A", "B"], "t") == frozenset({"A", "B"})
    assert decode_policy_for("A", "t") == frozenset({"A"})
    assert decode_policy_for({"t": ["A"]}, "t") == frozenset({"A"})
    assert decode_policy_for({"t": ["A"]}, "other") == frozenset(), "unlisted tools get nothing in clear"
    assert decode_policy_for({"t": ["A"], "*": None}, "other") is None


class NeedsArgs(Exception):
    def __init__(self, code: int, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code


@pytest.mark.parametrize(
    "exc",
    [
        ValueError(f"card {CARD} declined for {EMAIL}"),
        KeyError(EMAIL),
        FileNotFoundError(2, f"no file for {EMAIL}"),
        NeedsArgs(402, f"declined {CARD}"),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, f"bad {EMAIL}"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_mask_error_keeps_type_and_hides_values(client: MaskClient, exc: Exception) -> None:
    try:
        raise exc
    except Exception as caught:
        masked = ToolGuard(client=client).mask_error(caught)
    assert isinstance(masked, type(exc)) and isinstance(masked, MaskedToolError)
    assert type(masked).__name__ == type(exc).__name__
    assert_no_pii(str(masked), repr(masked))
    assert masked.__cause__ is None and masked.__suppress_context__
    assert masked.__traceback__ is exc.__traceback__
    assert client.encode(EMAIL if EMAIL in str(exc) else CARD) in str(masked)


def test_mask_error_leaves_clean_errors_alone(client: MaskClient) -> None:
    exc = ValueError("order O-77 not found")
    assert ToolGuard(client=client).mask_error(exc) is exc
    assert asyncio.run(ToolGuard(client=client).amask_error(exc)) is exc


def test_mask_error_withholds_when_it_cannot_protect(key: bytes) -> None:
    class FullVault(MemoryVault):
        def put_many_if_absent(self, items: Any, ttl: Any) -> Any:
            raise VaultUnavailableError("down")

    client = MaskClient(tenant="acme", master_key=key, vault=FullVault())
    masked = ToolGuard(client=client).mask_error(ValueError(f"bad {EMAIL}"))
    assert isinstance(masked, ValueError) and "withheld" in str(masked)
    assert_no_pii(str(masked))


def test_masked_exception_falls_back_for_unmixable_types() -> None:
    new = masked_exception(OSError("x"), "safe")  # OSError mixes fine; an exotic __new__ falls back
    assert str(new) == "safe"


def test_every_corpus_value_is_hidden_in_errors(client: MaskClient) -> None:
    text = "; ".join(item.value for item in PII_CORPUS)
    masked = ToolGuard(client=client).mask_error(RuntimeError(text))
    assert_no_pii(str(masked), repr(masked))


def test_walk_rebuilds_uncopyable_dict_subclasses(client: MaskClient) -> None:
    """LlamaIndex's ReAct parser hands tools dirtyjson dicts whose constructor takes no arguments."""

    class Odd(OrderedDict):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()

        def __copy__(self) -> Any:
            raise TypeError("no copies")

    odd = Odd()
    odd["email"] = client.encode(EMAIL)
    out = client.deep_decode({"profile": odd})
    assert out["profile"]["email"] == EMAIL


# -- the adapter kit: options, the guarded call, the firewall (the framework packages issue) -------------
SSN = "536-22-8745"


def _redacting(client: MaskClient, **actions: str) -> Firewall:
    stage = {"name": "input-pii-scanner", "config": {"entity_actions": actions}}
    return Firewall(Policy.from_dict({"firewall": {"stages": [stage]}}), client=client)


def test_the_firewall_decides_what_a_result_becomes(client: MaskClient) -> None:
    guard = ToolGuard(client=client, tool="lookup", firewall=_redacting(client, ssn="redact"))
    out = guard.encode_result({"ssn": SSN, "email": EMAIL})
    assert out == {"ssn": "[SSN]", "email": client.encode(EMAIL)}
    blocking = ToolGuard(client=client, tool="lookup", firewall=_redacting(client, ssn="block"))
    with pytest.raises(ToolCallRefusedError, match="firewall policy blocks") as info:
        asyncio.run(blocking.aencode_result({"ssn": SSN}))
    assert info.value.stage == "result" and isinstance(info.value.__cause__, FirewallBlockedError)
    assert_no_pii(str(info.value))


def test_a_firewall_alone_names_the_client(client: MaskClient) -> None:
    token = client.encode(EMAIL)
    guard = Protection.of(firewall=Firewall(client=client)).guard("send")
    assert guard.decode_args({"to": token}) == {"to": EMAIL}


def test_unknown_and_wrong_options_are_errors(client: MaskClient) -> None:
    with pytest.raises(UnknownOptionError, match="did you mean 'allowed_types'") as info:
        Protection.of(client=client, allowed_type={"EMAIL_ADDRESS"})
    with pytest.raises(UnknownOptionError, match="did you mean 'allowed_types'"):
        Protection.of(client=client, decode={"EMAIL_ADDRESS"})  # the option's first name
    assert isinstance(info.value, TypeError) and isinstance(info.value, MaskConfigurationError)
    with pytest.raises(UnknownOptionError):
        Protection.of(client=client, policy=Firewall(client=client))
    with pytest.raises(MaskConfigurationError, match="not a policy"):
        Protection.of(client=client, firewall=Policy.default())
    other = MaskClient(tenant="other", master_key=generate_key())
    with pytest.raises(MaskConfigurationError, match="another MaskClient"):
        Protection.of(client=client, firewall=Firewall(client=other))
    with pytest.raises(MaskConfigurationError, match="MaskClient"):
        Protection.of(client="acme")  # type: ignore[arg-type]
    with pytest.raises(MaskConfigurationError, match="entity type names"):
        Protection.of(allowed_types=[1, 2])  # type: ignore[list-item]


_TYPES = st.sampled_from(["EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "PHONE_NUMBER"])
_SETS = st.none() | st.frozensets(_TYPES)
_POLICIES = _SETS | st.dictionaries(st.sampled_from(["send", "refund", "*"]), _SETS, max_size=3)


@given(policy=_POLICIES, tool=st.sampled_from(["send", "refund", "other"]))
def test_a_frozen_protection_decodes_what_the_policy_says(policy: Any, tool: str) -> None:
    """Freezing allowed_types= (for hashing and comparing) must not change what any tool may see."""
    mutable = (
        {k: None if v is None else set(v) for k, v in policy.items()} if isinstance(policy, dict) else policy
    )
    frozen = Protection.of(allowed_types=mutable)
    assert frozen.guard(tool).allowed_types == decode_policy_for(policy, tool)
    assert frozen == Protection.of(allowed_types=mutable) and hash(frozen) == hash(
        Protection.of(allowed_types=mutable)
    )


class Runtime:
    """Stands in for a framework-injected argument (a context object Mask must not walk)."""


def test_the_guarded_call_passes_injected_arguments_and_guards_once(client: MaskClient) -> None:
    seen: dict[str, Any] = {}
    tool = object()
    guard = ToolGuard(client=client, tool="send")

    def send(to: str, *, runtime: Runtime) -> str:
        seen.update(to=to, runtime=runtime, guarded=is_guarded(tool), inner=current_guard())
        return f"sent to {to}"

    runtime = Runtime()
    call = GuardedCall(guard, visible=frozenset({"to"}), identity=tool)
    out = call(send, to=client.encode(EMAIL), runtime=runtime)
    assert out == f"sent to {client.encode(EMAIL)}"
    assert seen == {"to": EMAIL, "runtime": runtime, "guarded": True, "inner": guard}
    assert not is_guarded(tool) and current_guard() is None, "the marks end with the call"


def test_the_guarded_call_lets_control_flow_through(client: MaskClient) -> None:
    class Interrupt(Exception):
        pass

    def pause() -> None:
        raise Interrupt(f"waiting for {EMAIL}")

    call = GuardedCall(ToolGuard(client=client), passthrough=(Interrupt,))
    with pytest.raises(Interrupt) as info:
        call(pause)
    assert type(info.value) is Interrupt, "a framework's control-flow exception is re-raised as it is"
    with pytest.raises(ValueError, match="declined") as masked:
        GuardedCall(ToolGuard(client=client))(_raise_declined)
    assert_no_pii(str(masked.value))


def _raise_declined() -> None:
    raise ValueError(f"card {CARD} declined")


def test_the_guarded_call_uses_the_codec(client: MaskClient) -> None:
    class Box:
        def __init__(self, text: str) -> None:
            self.text = text

    class Codec:
        def parts(self, result: Box) -> Any:
            return [result.text]

        def rebuild(self, result: Box, encoded: Any, model_args: dict[str, Any]) -> Box:
            return Box(f"{encoded[0]} for {model_args['to']}")

    async def send(to: str) -> Box:
        return Box(f"mailed {to}")

    token = client.encode(EMAIL)
    out = asyncio.run(GuardedCall(ToolGuard(client=client), codec=Codec()).acall(send, to=token))
    assert out.text == f"mailed {token} for {token}", "parts encoded, rebuilt with the model's arguments"
