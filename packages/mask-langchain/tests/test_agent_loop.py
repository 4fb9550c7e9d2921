"""LangChain-specific behaviour in real create_agent loops: sync runs, streaming, schemas, middleware
input scanning, the callback handler, and patching (protected -> unprotected -> protected again)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain.tools import ToolRuntime
from langchain_core.messages import AIMessageChunk, HumanMessage
from langchain_core.tools import BaseTool, BaseToolkit, ToolException
from langchain_core.tools import tool as lc_tool

import mask_langchain
from mask_core import (
    AuditEvent,
    Firewall,
    MaskClient,
    MaskConfigurationError,
    Policy,
    StreamDetokenizer,
    ToolCallRefusedError,
)
from mask_core.adapters import UnknownOptionError
from mask_core.testing import assert_no_pii
from mask_core.testing.agent_script import (
    CUSTOMER,
    LOOKUP,
    Recorder,
    ToolCall,
    Turn,
    answer_turn,
    customer_tools,
    refund_turn,
    scripted,
)
from mask_langchain import (
    MaskCallbackHandler,
    MaskMiddleware,
    MaskToolkit,
    MaskToolWrapper,
    patched,
    protect,
    secure_tool,
)
from mask_langchain.testing import ScriptedChatModel


def test_sync_agent_loop_and_streamed_answer(client: MaskClient) -> None:
    rec = Recorder()
    tools = [secure_tool(fn, client=client) for fn in customer_tools(rec)]
    model = ScriptedChatModel(script=scripted(LOOKUP, refund_turn, answer_turn), chunk_size=5)
    agent = create_agent(model, tools=tools)
    detok = StreamDetokenizer(client)
    shown = []
    for chunk, _meta in agent.stream({"messages": [HumanMessage("refund C-1001")]}, stream_mode="messages"):
        if isinstance(chunk, AIMessageChunk) and chunk.content:
            shown.append(detok.feed(str(chunk.content)))
    shown.append(detok.flush())
    assert_no_pii(*model.requests)
    assert rec.of("refund") == [{"card": CUSTOMER["card"], "email": CUSTOMER["email"]}]
    answer = "".join(shown)
    assert CUSTOMER["card"] in answer and CUSTOMER["email"] in answer


@pytest.mark.parametrize("response_format", ["content", "content_and_artifact"])
def test_secure_tool_has_the_schema_tool_gives(client: MaskClient, response_format: str) -> None:
    def send_email(to: str, body: str, urgent: bool = False) -> Any:
        """Send an email.

        Args:
            to: the address
            body: the text
            urgent: flag it
        """
        return ("sent", {"to": to}) if response_format == "content_and_artifact" else "sent"

    async def asend_email(to: str, body: str, urgent: bool = False) -> Any:
        """Send an email.

        Args:
            to: the address
            body: the text
            urgent: flag it
        """
        return send_email(to, body, urgent)

    for fn in (send_email, asend_email):
        plain = lc_tool(fn, response_format=response_format, parse_docstring=True)
        safe = secure_tool(fn, response_format=response_format, parse_docstring=True, client=client)
        assert isinstance(safe, BaseTool)
        assert (safe.name, safe.description, safe.response_format) == (
            plain.name,
            plain.description,
            plain.response_format,
        )
        assert safe.tool_call_schema.model_json_schema() == plain.tool_call_schema.model_json_schema()
        assert safe.args == plain.args


def test_decorator_forms(client: MaskClient) -> None:
    @secure_tool
    def bare(x: str) -> str:
        """Bare."""
        return x

    @secure_tool("renamed", client=client, allowed_types={"EMAIL_ADDRESS"})
    def named(x: str) -> str:
        """Named."""
        return x

    assert isinstance(bare, MaskToolWrapper) and bare.name == "bare"
    assert named.name == "renamed" and named.guard.allowed_types == frozenset({"EMAIL_ADDRESS"})
    assert protect(named) is not named and protect(named).tool is named.tool, "never wraps twice"


def test_protect_toolkits_lists_and_functions(client: MaskClient) -> None:
    tools = [lc_tool(fn) for fn in customer_tools(Recorder())]

    class Kit(BaseToolkit):
        def get_tools(self) -> list[BaseTool]:
            return list(tools)

    kit = protect(Kit(), client=client)
    assert isinstance(kit, MaskToolkit)
    assert all(isinstance(t, MaskToolWrapper) for t in kit.get_tools())
    assert [t.name for t in protect(tools, client=client)] == ["lookup_customer", "refund"]
    with pytest.raises(TypeError):
        protect(42)


def test_direct_invocation_refusal_raises(client: MaskClient) -> None:
    safe = secure_tool(customer_tools(Recorder())[1], client=client)
    unknown = MaskClient(tenant="x", master_key=b"k" * 32).encode("bob@example.com")
    with pytest.raises(ToolCallRefusedError):
        safe.invoke({"card": "none", "email": unknown})


def test_tool_exception_handled_for_the_model_is_tokenized(client: MaskClient) -> None:
    @secure_tool(client=client, handle_tool_error=True)
    def charge(card: str) -> str:
        """Charge."""
        raise ToolException(f"card {card} declined")

    card_tok = client.encode(CUSTOMER["card"])
    msg = charge.invoke({"type": "tool_call", "id": "1", "name": "charge", "args": {"card": card_tok}})
    assert msg.status == "error" and msg.content == f"card {card_tok} declined"


def test_injected_runtime_is_passed_through(client: MaskClient) -> None:
    rec = Recorder()

    @secure_tool(client=client)
    def whoami(email: str, runtime: ToolRuntime) -> str:
        """Echo."""
        rec.record("whoami", email=email, has_runtime=runtime is not None, call=runtime.tool_call_id)
        return email

    call = Turn(calls=(ToolCall("whoami", {"email": client.encode(CUSTOMER["email"])}, "c9"),))
    model = ScriptedChatModel(script=scripted(call, Turn(text="ok")))
    create_agent(model, tools=[whoami]).invoke({"messages": [HumanMessage("hi")]})
    assert rec.of("whoami") == [{"email": CUSTOMER["email"], "has_runtime": True, "call": "c9"}]
    assert "runtime" not in whoami.tool_call_schema.model_json_schema()["properties"]
    assert_no_pii(*model.requests)


def test_middleware_scans_user_input(client: MaskClient) -> None:
    rec = Recorder()

    def send(email: str) -> str:
        """Send."""
        rec.record("send", email=email)
        return "sent"

    def echo_email(view: Any) -> Turn:
        import re

        token = re.search(r"u\.[a-z2-7]{10}@mask\.example\.net", view.text)
        assert token is not None, "the model should see the user's email as a token"
        return Turn(calls=(ToolCall("send", {"email": token.group(0)}, "c1"),))

    model = ScriptedChatModel(script=scripted(echo_email, Turn(text="done")))
    agent = create_agent(model, tools=[send], middleware=[MaskMiddleware(client=client, scan_input=True)])
    prompt = f"Email me at {CUSTOMER['email']} or call {CUSTOMER['phone']}"
    asyncio.run(agent.ainvoke({"messages": [HumanMessage(prompt)]}))
    assert_no_pii(*model.requests)
    assert rec.of("send") == [{"email": CUSTOMER["email"]}]
    assert type(MaskMiddleware()).__name__ == "MaskMiddleware"
    assert type(MaskMiddleware(scan_input=True)).__name__ == "MaskInputMiddleware"


class Sink:
    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    def emit(self, event: AuditEvent) -> None:
        self.events.append(event)


def test_callback_handler_audits_and_trips_on_leaks(client: MaskClient) -> None:
    sink = Sink()
    handler = MaskCallbackHandler(client=client, sink=sink, agent="support", check_prompts=True)
    rec = Recorder()
    plain = [lc_tool(fn) for fn in customer_tools(rec)]  # unprotected on purpose: the tripwire must fire
    model = ScriptedChatModel(script=scripted(LOOKUP, Turn(text="done")))
    create_agent(model, tools=plain).invoke(
        {"messages": [HumanMessage("go")]}, config={"callbacks": [handler]}
    )
    actions = [e.action for e in sink.events]
    assert "tool_start" in actions and "tool_end" in actions and "model_call" in actions
    leaks = {e.entity_type for e in sink.events if e.action == "pii_in_prompt"}
    assert {"EMAIL_ADDRESS", "CREDIT_CARD", "IBAN_CODE"} <= leaks
    assert_no_pii(*[e.to_dict() for e in sink.events])
    assert all(e.agent == "support" for e in sink.events)


def _run_plain_agent(rec: Recorder, **patch: Any) -> list[str]:
    model = ScriptedChatModel(script=scripted(LOOKUP, refund_turn, answer_turn))
    agent = create_agent(model, tools=[lc_tool(fn) for fn in customer_tools(rec)])
    agent.invoke({"messages": [HumanMessage("go")]})
    return model.requests


def _leaks(requests: list[str]) -> bool:
    try:
        assert_no_pii(*requests)
    except AssertionError:
        return True
    return False


def test_patched_agent_protected_unprotected_protected(client: MaskClient) -> None:
    rec = Recorder()
    model = ScriptedChatModel(script=scripted(LOOKUP, refund_turn, answer_turn))
    agent = create_agent(model, tools=[lc_tool(fn) for fn in customer_tools(rec)])
    originals = dict(agent.nodes["tools"].bound.tools_by_name)

    def run() -> list[str]:
        model.requests.clear()
        agent.invoke({"messages": [HumanMessage("go")]})
        return list(model.requests)

    with patched(agent, client=client), patched(agent, client=client):  # nesting is harmless
        assert not _leaks(run())
    assert agent.nodes["tools"].bound.tools_by_name == originals, "exit must restore the original tools"
    assert _leaks(run()), "outside the block the agent is unprotected again"
    with patched(agent, client=client):
        assert not _leaks(run())
    assert all(r["card"] == CUSTOMER["card"] for r in rec.of("refund"))


def test_global_patch_protected_unprotected_protected(client: MaskClient) -> None:
    original_run = BaseTool.run
    with patched(client=client):
        with patched(client=client):
            assert not _leaks(_run_plain_agent(Recorder()))
        assert BaseTool.run is not original_run, "an inner exit must not unpatch the outer block"
    assert BaseTool.run is original_run
    assert _leaks(_run_plain_agent(Recorder()))
    with patched(client=client):
        assert not _leaks(_run_plain_agent(Recorder()))
    assert BaseTool.run is original_run


def test_global_patch_is_scoped_to_its_thread_and_thread_safe(client: MaskClient) -> None:
    original_run = BaseTool.run
    inside = threading.Event()
    release = threading.Event()
    results: dict[str, bool] = {}

    def protected_thread() -> None:
        with patched(client=client):
            inside.set()
            release.wait(10)
            results["inside"] = _leaks(_run_plain_agent(Recorder()))

    t = threading.Thread(target=protected_thread)
    t.start()
    inside.wait(10)
    results["outside"] = _leaks(_run_plain_agent(Recorder()))  # another thread, no block: untouched
    release.set()
    t.join()
    assert results == {"inside": False, "outside": True}

    def churn() -> None:
        for _ in range(50):
            with patched(client=client):
                pass

    threads = [threading.Thread(target=churn) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert BaseTool.run is original_run


def test_patched_rejects_what_it_cannot_patch() -> None:
    with pytest.raises(TypeError), patched(object()):
        pass
    assert mask_langchain.MaskInputMiddleware is not None


# -- the framework packages issue: configuration is never silently ignored -------------------------------
def _ssn_lookup() -> BaseTool:
    def lookup_ssn(customer_id: str) -> str:
        """The SSN on file."""
        return f"SSN {CUSTOMER['ssn']}, mail {CUSTOMER['email']}"

    return lc_tool(lookup_ssn)


def test_wrapper_applies_the_firewall_it_is_given(client: MaskClient) -> None:
    policy = Policy.from_dict(
        {
            "firewall": {
                "stages": [{"name": "input-pii-scanner", "config": {"entity_actions": {"ssn": "redact"}}}]
            }
        }
    )
    safe = MaskToolWrapper(_ssn_lookup(), client=client, firewall=Firewall(policy, client=client))
    out = safe.invoke({"customer_id": "C-1"})
    assert "[SSN]" in out and client.encode(CUSTOMER["ssn"]) not in out, "redact, not a reversible token"
    assert client.encode(CUSTOMER["email"]) in out, "types the policy does not name are tokenized"
    assert_no_pii(out)


@pytest.mark.parametrize(
    "build",
    [
        lambda tool, c, fw: MaskToolWrapper(tool, client=c, policy=fw),
        lambda tool, c, fw: MaskToolWrapper(tool, client=c, decodes={"EMAIL_ADDRESS"}),
        lambda tool, c, fw: secure_tool(lambda x: x, client=c, decodes={"EMAIL_ADDRESS"}),
        lambda tool, c, fw: protect(tool, client=c, policy=fw),
        lambda tool, c, fw: MaskMiddleware(client=c, decodes={"EMAIL_ADDRESS"}),
        lambda tool, c, fw: MaskMiddleware(client=c, scan_input=True, policy=fw),
    ],
    ids=[
        "wrapper-policy",
        "wrapper-decodes",
        "secure_tool-decodes",
        "protect-policy",
        "middleware",
        "input-mw",
    ],
)
def test_an_unknown_option_is_an_error_everywhere(client: MaskClient, build: Any) -> None:
    with pytest.raises(UnknownOptionError):
        build(_ssn_lookup(), client, Firewall(client=client))


def test_a_firewall_for_another_client_is_refused(client: MaskClient) -> None:
    other = MaskClient(tenant="other", master_key=b"k" * 32)
    with pytest.raises(MaskConfigurationError, match="another MaskClient"):
        protect(_ssn_lookup(), client=client, firewall=Firewall(client=other))
    with pytest.raises(MaskConfigurationError, match="not a policy"):
        protect(_ssn_lookup(), client=client, firewall=Policy.default())


def test_protect_an_agent_for_good(client: MaskClient) -> None:
    rec = Recorder()
    model = ScriptedChatModel(script=scripted(LOOKUP, refund_turn, answer_turn))
    agent = create_agent(model, tools=[lc_tool(fn) for fn in customer_tools(rec)])
    assert protect(agent, client=client) is agent
    assert all(isinstance(t, MaskToolWrapper) for t in agent.nodes["tools"].bound.tools_by_name.values())
    agent.invoke({"messages": [HumanMessage("go")]})
    assert_no_pii(*model.requests)
    assert rec.of("refund") == [{"card": CUSTOMER["card"], "email": CUSTOMER["email"]}]
