"""The adapter conformance suite: one set of agent-loop scenarios every framework adapter must pass.

Like LangChain's standard tests or OpenTelemetry's ``nonstreaming_base``, the scenarios live here and
each framework package says only how to protect a function and how to run its agent loop::

    class TestLangChainAdapter(AdapterConformance):
        def protect(self, fn, *, client, allowed_types=None):
            return mask_langchain.secure_tool(fn, client=client, allowed_types=allowed_types)

        async def run_agent(self, tools, script, *, client, prompt):
            ...  # create_agent with a scripted fake chat model; return AgentRun(requests, final_text)

        async def call_tool(self, tool, args):
            return await tool.ainvoke(args)

        def make_agent_tool(self, sub_tools, script, *, client):
            ...  # a tool `ask_assistant(request: str)` running another agent -> (tool, model requests)

Every scenario runs a *real* agent loop of the framework. The fake model records everything it
receives; the suite asserts that no plaintext PII is in any of it, that tools received the exact real
values, and that the final answer detokenizes to the real values. Names are only detected by the NER
tier, which these tests do not need: the assertions use the deterministic types (emails, phones,
cards, IBANs, SSNs) of ``PII_CORPUS``.

``protect`` takes ``firewall=`` too (a :class:`~mask_core.Firewall`: its policy redacts, masks, passes
or blocks values in results, exactly as ``Firewall.apply``). ``make_agent_tool`` builds the
framework's way for one agent to call another (an ``AgentTool``, a tool that runs a sub-agent): the
sub-agent's model is a model, and must see tokens only.

Capability properties: ``tool_errors_reach_model`` (the framework hands a raising tool's error text
to the model; if False, the scenario checks that the error propagates, tokenized). Standard tests may
not be dropped or overridden without ``@pytest.mark.xfail(reason=...)``.
"""

# No ``from __future__ import annotations`` here: frameworks read the sample tools' annotations.
import asyncio
from collections.abc import Callable, Collection
from typing import Any, ClassVar

import pytest

from mask_core.client import MaskClient
from mask_core.keys.material import generate_key
from mask_core.policy import Firewall, Policy
from mask_core.streaming import StreamDetokenizer
from mask_core.testing.agent_script import (
    CUSTOMER,
    LOOKUP_CALL,
    AgentRun,
    CustomerCard,
    CustomerModel,
    ModelView,
    Recorder,
    Script,
    SwitchableVault,
    ToolCall,
    Turn,
    answer_from,
    refund_from,
    refund_tools,
    scripted,
)
from mask_core.testing.corpus import PII_CORPUS, assert_no_pii
from mask_core.vault.memory import MemoryVault

__all__ = ["AdapterConformance", "SwitchableVault"]  # SwitchableVault: re-exported for packages


class AdapterConformance:
    """Agent-loop behaviour every framework adapter must show. See the module docstring."""

    tool_errors_reach_model: ClassVar[bool] = True

    # -- what a framework package provides --------------------------------------------------------------
    def protect(
        self,
        fn: Callable[..., Any],
        *,
        client: MaskClient,
        allowed_types: Collection[str] | None = None,
        firewall: Firewall | None = None,
    ) -> Any:
        raise NotImplementedError("return the framework's protected tool for the function `fn`")

    async def run_agent(
        self, tools: list[Any], script: Script, *, client: MaskClient, prompt: str
    ) -> AgentRun:
        raise NotImplementedError("run the framework's agent loop with a fake model playing `script`")

    async def call_tool(self, tool: Any, args: dict[str, Any]) -> Any:
        raise NotImplementedError("invoke the protected tool outside an agent; return its (encoded) result")

    def make_agent_tool(
        self, sub_tools: list[Any], script: Script, *, client: MaskClient
    ) -> tuple[Any, list[str]]:
        raise NotImplementedError(
            "return the protected tool `ask_assistant(request: str)` that runs an agent with `sub_tools` "
            "and a fake model playing `script`, and the list that fake model records its requests in"
        )

    # -- fixtures ------------------------------------------------------------------------------------------
    @pytest.fixture
    def vault(self) -> SwitchableVault:
        return SwitchableVault()

    @pytest.fixture
    def client(self, vault: SwitchableVault) -> MaskClient:
        return MaskClient(tenant="conformance", master_key=generate_key(), vault=vault)

    def _run(
        self, tools: list[Any], script: Script, client: MaskClient, prompt: str = "Refund C-1001"
    ) -> AgentRun:
        return asyncio.run(self.run_agent(tools, script, client=client, prompt=prompt))

    def _check_overrides(self) -> None:
        for name, fn in vars(AdapterConformance).items():
            if not name.startswith("test_") or not callable(fn):
                continue
            mine = getattr(type(self), name, None)
            if mine is None:
                pytest.fail(f"{type(self).__name__} removed the standard test {name}; keep it")
            if mine is not fn and not any(m.name == "xfail" for m in getattr(mine, "pytestmark", [])):
                pytest.fail(f"{type(self).__name__} overrides {name}; mark it @pytest.mark.xfail(reason=...)")

    # -- the scenarios -------------------------------------------------------------------------------------
    def test_no_overrides_DO_NOT_OVERRIDE(self) -> None:
        self._check_overrides()

    @pytest.mark.parametrize("asynchronous", [False, True], ids=["sync-tools", "async-tools"])
    def test_customer_record_round_trip(self, client: MaskClient, asynchronous: bool) -> None:
        """If this fails, the adapter lets PII reach the model or does not restore tokens for tools."""
        rec = Recorder()
        tools = [self.protect(fn, client=client) for fn in refund_tools(rec, asynchronous=asynchronous)]
        run = self._run(tools, scripted(LOOKUP_CALL, refund_from, answer_from), client)
        assert len(run.requests) == 3, "the fake model should have been called three times"
        assert_no_pii(*run.requests)
        assert rec.of("refund") == [
            {"card": CUSTOMER["card"], "email": CUSTOMER["email"], "iban": CUSTOMER["iban"]}
        ], "the second tool must receive the exact real values behind the tokens the model passed"
        assert_no_pii(run.final_text)
        restored = client.detokenize_text(run.final_text)
        assert CUSTOMER["card"] in restored
        assert CUSTOMER["email"] in restored

    def test_final_answer_streams_whole(self, client: MaskClient) -> None:
        rec = Recorder()
        tools = [self.protect(fn, client=client) for fn in refund_tools(rec)]
        run = self._run(tools, scripted(LOOKUP_CALL, refund_from, answer_from), client)
        detok = StreamDetokenizer(client)
        pieces = list(detok.stream(run.final_text[i : i + 3] for i in range(0, len(run.final_text), 3)))
        assert "".join(pieces) == client.detokenize_text(run.final_text)

    def test_nested_json_arguments(self, client: MaskClient) -> None:
        rec = Recorder()

        def update_profile(profile: dict[str, Any]) -> str:
            """Update a customer's profile."""
            rec.record("update_profile", profile=profile)
            return "updated"

        tool = self.protect(update_profile, client=client)
        email, phone, card = (client.encode(CUSTOMER[k]) for k in ("email", "phone", "card"))
        profile = {
            "contact": {"emails": [email], "phone": phone},
            "cards": [{"number": card}],
            "note": f"call {phone}",
        }
        call = Turn(calls=(ToolCall("update_profile", {"profile": profile}, "call_update"),))
        run = self._run([tool], scripted(call, Turn(text="ok")), client)
        (got,) = rec.of("update_profile")
        assert got["profile"] == {
            "contact": {"emails": [CUSTOMER["email"]], "phone": CUSTOMER["phone"]},
            "cards": [{"number": CUSTOMER["card"]}],
            "note": f"call {CUSTOMER['phone']}",
        }
        assert_no_pii(*run.requests)

    def test_tuple_dataclass_and_pydantic_results(self, client: MaskClient) -> None:
        def as_tuple(customer_id: str) -> tuple[str, str]:
            """Email and phone of a customer."""
            return (CUSTOMER["email"], CUSTOMER["phone"])

        def as_dataclass(customer_id: str) -> CustomerCard:
            """The card on file."""
            return CustomerCard(CUSTOMER["email"], CUSTOMER["card"], f"IBAN {CUSTOMER['iban']}")

        def as_model(customer_id: str) -> CustomerModel:
            """Contact details."""
            return CustomerModel(email=CUSTOMER["email"], phone=CUSTOMER["phone"], iban=CUSTOMER["iban"])

        for fn, kind in ((as_tuple, tuple), (as_dataclass, CustomerCard), (as_model, CustomerModel)):
            tool = self.protect(fn, client=client)
            result = asyncio.run(self.call_tool(tool, {"customer_id": "C-1001"}))
            assert isinstance(result, kind), f"{fn.__name__}: the adapter must keep the result's type"
            assert_no_pii(result)
            assert client.deep_decode(result) == fn("C-1001")
            call = Turn(calls=(ToolCall(fn.__name__, {"customer_id": "C-1001"}, "call_1"),))
            run = self._run([tool], scripted(call, Turn(text="ok")), client)
            assert_no_pii(*run.requests)
            assert client.encode(CUSTOMER["email"]) in run.requests[1]

    def test_tool_error_is_tokenized(self, client: MaskClient) -> None:
        rec = Recorder()

        def charge(card: str, email: str) -> str:
            """Charge a card."""
            rec.record("charge", card=card, email=email)
            raise ValueError(f"card {card} was declined; we told {email}")

        tool = self.protect(charge, client=client)
        card_tok, email_tok = client.encode(CUSTOMER["card"]), client.encode(CUSTOMER["email"])
        call = Turn(calls=(ToolCall("charge", {"card": card_tok, "email": email_tok}, "call_charge"),))
        raised: Exception | None = None
        try:
            run = self._run([tool], scripted(call, Turn(text="sorry")), client)
        except Exception as exc:  # the framework propagated the tool's error: it must be tokenized
            raised = exc
        assert rec.of("charge") == [{"card": CUSTOMER["card"], "email": CUSTOMER["email"]}]
        if raised is not None:
            assert not self.tool_errors_reach_model, (
                f"the error should have reached the model: {type(raised)}"
            )
            assert isinstance(raised, ValueError), "a masked error keeps the original exception type"
            assert_no_pii(str(raised), repr(raised))
            assert email_tok in str(raised)
            return
        assert_no_pii(*run.requests)
        if self.tool_errors_reach_model:
            assert email_tok in run.requests[1], "the model should see the error text, tokenized"

    def test_parallel_tool_calls(self, client: MaskClient) -> None:
        rec = Recorder()
        _lookup, refund = refund_tools(rec)
        tool = self.protect(refund, client=client)
        values = [f"user{i}.test@example.com" for i in range(5)]
        calls = tuple(
            ToolCall(
                "refund",
                {"card": client.encode(CUSTOMER["card"]), "email": client.encode(v), "iban": "none"},
                f"c{i}",
            )
            for i, v in enumerate(values)
        )
        run = self._run([tool], scripted(Turn(calls=calls), Turn(text="all done")), client)
        assert sorted(c["email"] for c in rec.of("refund")) == sorted(values)
        for request in run.requests:
            assert not any(v in request for v in values)

    def test_concurrent_runs_with_separate_clients(self) -> None:
        """Multi-tenant: each agent run uses its own client; tokens of one tenant never decode in another."""

        async def one(i: int) -> tuple[MaskClient, Recorder, AgentRun]:
            client = MaskClient(tenant=f"tenant-{i}", master_key=generate_key(), vault=MemoryVault())
            rec = Recorder()
            tools = [self.protect(fn, client=client) for fn in refund_tools(rec, asynchronous=i % 2 == 0)]
            run = await self.run_agent(
                tools, scripted(LOOKUP_CALL, refund_from, answer_from), client=client, prompt="go"
            )
            return client, rec, run

        async def many() -> list[tuple[MaskClient, Recorder, AgentRun]]:
            return list(await asyncio.gather(*(one(i) for i in range(4))))

        results = asyncio.run(many())
        for _client, rec, run in results:
            assert_no_pii(*run.requests)
            assert rec.of("refund")[0]["email"] == CUSTOMER["email"]
        tokens = {results[i][0].encode(CUSTOMER["email"]) for i in range(4)}
        assert len(tokens) == 4, "tenants must not share tokens"

    def test_unknown_token_refused(self, client: MaskClient) -> None:
        """If this fails, a tool ran on half-decoded arguments or the refusal leaked a value."""
        rec = Recorder()
        _lookup, refund = refund_tools(rec)
        stranger = MaskClient(tenant="someone-else", master_key=generate_key(), vault=MemoryVault())
        foreign = stranger.encode(CUSTOMER["email"])
        args = {"card": client.encode(CUSTOMER["card"]), "email": foreign, "iban": "none"}
        run = self._run(
            [self.protect(refund, client=client)],
            scripted(Turn(calls=(ToolCall("refund", args, "call_bad"),)), Turn(text="could not refund")),
            client,
        )
        assert rec.of("refund") == [], "the tool must not run when a token cannot be decoded"
        assert len(run.requests) == 2
        assert "did not run" in run.requests[1], "the model should be told the tool did not run"
        assert_no_pii(*run.requests)
        assert stranger.engine.fingerprint(foreign) not in run.requests[1]
        assert client.engine.fingerprint(foreign) not in run.requests[1]

    def test_vault_down_refused(self, client: MaskClient, vault: SwitchableVault) -> None:
        rec = Recorder()
        tools = [self.protect(fn, client=client) for fn in refund_tools(rec)]

        def take_vault_down(view: ModelView) -> Turn:
            turn = refund_from(view)
            vault.down = True
            return turn

        run = self._run(tools, scripted(LOOKUP_CALL, take_vault_down, Turn(text="the vault is down")), client)
        assert rec.of("refund") == [], "the tool must not run while the vault is down"
        assert "did not run" in run.requests[2]
        assert "unavailable" in run.requests[2]
        assert_no_pii(*run.requests)

    def test_least_privilege_decode(self, client: MaskClient) -> None:
        rec = Recorder()
        _lookup, refund = refund_tools(rec)
        tool = self.protect(refund, client=client, allowed_types={"EMAIL_ADDRESS"})
        card_tok = client.encode(CUSTOMER["card"])
        args = {"card": card_tok, "email": client.encode(CUSTOMER["email"]), "iban": "none"}
        self._run([tool], scripted(Turn(calls=(ToolCall("refund", args, "c1"),)), Turn(text="ok")), client)
        (got,) = rec.of("refund")
        assert got["email"] == CUSTOMER["email"]
        assert got["card"] == card_tok, "a type outside allowed_types= must stay a token"

    def test_pii_corpus_never_reaches_model(self, client: MaskClient) -> None:
        def dump(customer_id: str) -> dict[str, Any]:
            """Everything we know."""
            return {f"{item.entity_type.lower()}_{i}": item.value for i, item in enumerate(PII_CORPUS)}

        call = Turn(calls=(ToolCall("dump", {"customer_id": "C-1"}, "c1"),))
        run = self._run([self.protect(dump, client=client)], scripted(call, Turn(text="ok")), client)
        assert_no_pii(*run.requests)
        assert client.detokenize_text(run.requests[1], lenient=True) != run.requests[1]

    def test_firewall_applies_the_policy_to_results(self, client: MaskClient) -> None:
        """If this fails, firewall= is ignored: a redacted value must never come out as a token."""
        policy = Policy.from_dict(
            {
                "firewall": {
                    "stages": [
                        {
                            "name": "input-pii-scanner",
                            "config": {
                                "entity_actions": {"ssn": "redact", "credit_card": "mask", "iban": "block"}
                            },
                        }
                    ]
                }
            }
        )
        firewall = Firewall(policy, client=client)
        rec = Recorder()

        def lookup_customer(customer_id: str) -> dict[str, Any]:
            """Look up a customer record by id."""
            rec.record("lookup_customer", customer_id=customer_id)
            return {k: v for k, v in CUSTOMER.items() if k != "iban"}

        def bank_details(customer_id: str) -> str:
            """The customer's bank account."""
            rec.record("bank_details", customer_id=customer_id)
            return f"IBAN {CUSTOMER['iban']}"

        tools = [self.protect(fn, client=client, firewall=firewall) for fn in (lookup_customer, bank_details)]
        calls = Turn(calls=(ToolCall("lookup_customer", {"customer_id": "C-1001"}, "c1"),))
        bank = Turn(calls=(ToolCall("bank_details", {"customer_id": "C-1001"}, "c2"),))
        run = self._run(tools, scripted(calls, bank, Turn(text="ok")), client)
        assert_no_pii(*run.requests)
        assert "[SSN]" in run.requests[1], "redact: the placeholder, not a reversible token"
        assert client.encode(CUSTOMER["ssn"]) not in run.requests[1]
        assert "XXXX XXXX XXXX XXXX" in run.requests[1], "mask: the card masked"
        assert client.encode(CUSTOMER["email"]) in run.requests[1], "tokenize: the default action"
        assert rec.of("bank_details") == [{"customer_id": "C-1001"}], (
            "block withholds the result, after the tool ran"
        )
        assert "firewall policy blocks" in run.requests[2], "the model should be told the result was withheld"

    def test_an_agent_called_as_a_tool_sends_its_model_tokens(self, client: MaskClient) -> None:
        """If this fails, a sub-agent's model received the real values its caller's tool decoded."""
        rec = Recorder()

        def send_email(email: str) -> str:
            """Send the receipt to an email address."""
            rec.record("send_email", email=email)
            return f"sent to {email}"

        token = client.encode(CUSTOMER["email"])

        def sub_turn(view: ModelView) -> Turn:
            assert token in view.text, "the sub-agent's model should see the token its caller wrote"
            return Turn(calls=(ToolCall("send_email", {"email": token}, "s1"),))

        agent_tool, sub_requests = self.make_agent_tool(
            [self.protect(send_email, client=client)],
            scripted(sub_turn, Turn(text=f"sent to {token}")),
            client=client,
        )
        ask = Turn(calls=(ToolCall("ask_assistant", {"request": f"Send the receipt to {token}"}, "a1"),))
        run = self._run([agent_tool], scripted(ask, Turn(text="done")), client)
        assert sub_requests, "the sub-agent should have run"
        assert_no_pii(*sub_requests)
        assert_no_pii(*run.requests)
        assert rec.of("send_email") == [{"email": CUSTOMER["email"]}], (
            "the sub-agent's tool gets the real value"
        )
