"""LlamaIndex-specific behaviour: schemas, Context parameters, non-function tools, streaming, and the
hooks (protected -> unprotected -> protected again, thread-safe, restored).

No ``from __future__ import annotations`` here: LlamaIndex reads the tools' annotations at run time
(a string ``Context`` annotation is not recognised, with or without Mask).
"""

import asyncio
import inspect
import threading
from typing import Any

import pytest
from llama_index.core.agent.workflow import AgentStream, AgentWorkflow, FunctionAgent, ReActAgent
from llama_index.core.base.llms.types import CompletionResponse
from llama_index.core.llms.callbacks import llm_completion_callback
from llama_index.core.tools import FunctionTool, ToolMetadata, ToolOutput
from llama_index.core.tools.types import BaseTool
from llama_index.core.workflow import Context

from mask_core import MaskClient, StreamDetokenizer
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
from mask_llamaindex import MaskToolWrapper, mask_llamaindex_hooks, protect
from mask_llamaindex.patch import TOOLS
from mask_llamaindex.testing import ScriptedLLM


def test_wrapper_keeps_schema_and_asyncness(client: MaskClient) -> None:
    def send_email(to: str, body: str, urgent: bool = False) -> str:
        """Send an email.

        Args:
            to: the address
        """
        return "sent"

    async def asend_email(to: str, body: str, urgent: bool = False) -> str:
        """Send an email."""
        return "sent"

    for fn in (send_email, asend_email):
        plain = FunctionTool.from_defaults(fn=fn)
        safe = protect(fn, client=client)
        assert isinstance(safe, MaskToolWrapper) and isinstance(safe, FunctionTool)
        assert safe.metadata.name == plain.metadata.name
        assert safe.metadata.description == plain.metadata.description
        assert safe.metadata.get_parameters_dict() == plain.metadata.get_parameters_dict()
    assert inspect.iscoroutinefunction(protect(asend_email, client=client).async_fn)
    inner = FunctionTool.from_defaults(fn=send_email)
    twice = MaskToolWrapper(MaskToolWrapper(inner, client=client), client=client)
    assert twice.tool is inner, "re-wrapping wraps the original, never twice"


def test_streaming_function_agent_answer_is_restored_for_the_user(client: MaskClient) -> None:
    rec = Recorder()
    tools = protect(customer_tools(rec, async_refund=True), client=client)
    llm = ScriptedLLM(script=scripted(LOOKUP, refund_turn, answer_turn), chunk_size=4)
    agent = FunctionAgent(tools=tools, llm=llm, streaming=True)

    async def run() -> str:
        handler = agent.run("refund C-1001")  # inside the loop: the workflow starts as a task
        detok = StreamDetokenizer(client)
        shown = []
        async for event in handler.stream_events():
            if isinstance(event, AgentStream) and event.delta:
                shown.append(await detok.afeed(event.delta))
        await handler
        shown.append(await detok.aflush())
        return "".join(shown)

    answer = asyncio.run(run())
    assert_no_pii(*llm.requests)
    assert rec.of("refund") == [{"card": CUSTOMER["card"], "email": CUSTOMER["email"]}]
    assert CUSTOMER["card"] in answer and CUSTOMER["email"] in answer


def test_context_parameter_is_passed_through(client: MaskClient) -> None:
    rec = Recorder()

    async def remember(ctx: Context, email: str) -> str:
        """Remember an email."""
        await ctx.store.set("last", "seen")
        rec.record("remember", email=email, ctx=type(ctx).__name__)
        return email

    tool = protect(remember, client=client)
    assert tool.requires_context and tool.ctx_param_name == "ctx"
    call = Turn(calls=(ToolCall("remember", {"email": client.encode(CUSTOMER["email"])}, "c1"),))
    llm = ScriptedLLM(script=scripted(call, Turn(text="ok")))

    async def go() -> None:
        await FunctionAgent(tools=[tool], llm=llm).run("hi")

    asyncio.run(go())
    assert rec.of("remember") == [{"email": CUSTOMER["email"], "ctx": "Context"}]
    assert_no_pii(*llm.requests)


class Opaque:
    """A raw output Mask cannot look inside (like a query engine Response)."""

    def __init__(self, text: str) -> None:
        self.text = text


class RecordTool(BaseTool):
    """A non-function tool, as query engine tools and tool specs are."""

    def __init__(self, rec: Recorder) -> None:
        self.rec = rec

    @property
    def metadata(self) -> ToolMetadata:
        return ToolMetadata(name="records", description="Search customer records.")

    def __call__(self, input: str) -> ToolOutput:
        self.rec.record("records", input=input)
        text = f"{CUSTOMER['email']} paid with {CUSTOMER['card']}"
        return ToolOutput(
            content=text, tool_name="records", raw_input={"input": input}, raw_output=Opaque(text)
        )


def test_protect_non_function_tool(client: MaskClient) -> None:
    rec = Recorder()
    plain = RecordTool(rec)
    safe = protect(plain, client=client)
    assert isinstance(safe, MaskToolWrapper) and safe.metadata.name == "records"
    token = client.encode(CUSTOMER["email"])
    out = asyncio.run(safe.acall(input=f"find {token}"))
    assert rec.of("records") == [{"input": f"find {CUSTOMER['email']}"}]
    assert_no_pii(out.content, out.raw_output, out.raw_input)
    assert out.raw_input == {"kwargs": {"input": f"find {token}"}}
    assert protect(safe, client=client).tool is plain, "protecting again replaces the policy"


def test_protect_function_tool_keeps_metadata_and_callbacks(client: MaskClient) -> None:
    seen: list[Any] = []

    def lookup_customer(customer_id: str) -> dict[str, Any]:
        """Look up."""
        return dict(CUSTOMER)

    tool = FunctionTool.from_defaults(fn=lookup_customer, callback=seen.append)
    safe = protect(tool, client=client)
    assert safe.metadata is tool.metadata
    out = safe.call(customer_id="C-1")
    assert seen, "the tool's own callback runs (inside the boundary, like the tool body)"
    assert_no_pii(out.content, out.raw_output)
    assert asyncio.run(safe.acall(customer_id="C-1")).content == out.content


def _run_plain(rec: Recorder) -> list[str]:
    tools = [FunctionTool.from_defaults(fn=fn) for fn in customer_tools(rec, async_refund=True)]
    llm = ScriptedLLM(script=scripted(LOOKUP, refund_turn, answer_turn))

    async def go() -> None:  # a workflow must be started inside a running loop
        await FunctionAgent(tools=tools, llm=llm).run("go")

    asyncio.run(go())
    return llm.requests


def _leaks(requests: list[str]) -> bool:
    try:
        assert_no_pii(*requests)
    except AssertionError:
        return True
    return False


def test_hooks_protected_unprotected_protected(client: MaskClient) -> None:
    rec = Recorder()
    with mask_llamaindex_hooks(client=client):
        with mask_llamaindex_hooks(client=client):
            assert not _leaks(_run_plain(rec))
        assert TOOLS.installed, "an inner exit must not remove the outer block's patch"
    assert not TOOLS.installed
    assert _leaks(_run_plain(Recorder()))
    with mask_llamaindex_hooks(client=client):
        assert not _leaks(_run_plain(rec))
    assert not TOOLS.installed
    assert all(r["card"] == CUSTOMER["card"] for r in rec.of("refund"))


@pytest.mark.parametrize("kind", ["function", "workflow", "react"])
def test_hooks_cover_every_agent_kind(client: MaskClient, kind: str) -> None:
    rec = Recorder()
    tools = [FunctionTool.from_defaults(fn=fn) for fn in customer_tools(rec, async_refund=True)]
    llm = ScriptedLLM(script=scripted(LOOKUP, refund_turn, answer_turn), react=kind == "react")

    async def go() -> str:
        if kind == "function":
            agent: Any = FunctionAgent(tools=tools, llm=llm)
        elif kind == "workflow":
            agent = AgentWorkflow(agents=[FunctionAgent(name="a", description="d", tools=tools, llm=llm)])
        else:
            agent = ReActAgent(tools=tools, llm=llm)
        with mask_llamaindex_hooks(client=client):
            return str(await agent.run("go"))

    answer = asyncio.run(go())
    assert_no_pii(*llm.requests)
    assert rec.of("refund") == [{"card": CUSTOMER["card"], "email": CUSTOMER["email"]}]
    assert CUSTOMER["card"] in client.detokenize_text(answer)


def test_hooks_are_scoped_and_thread_safe(client: MaskClient) -> None:
    inside, release = threading.Event(), threading.Event()
    results: dict[str, bool] = {}

    def protected_thread() -> None:
        with mask_llamaindex_hooks(client=client):
            inside.set()
            release.wait(10)
            results["inside"] = _leaks(_run_plain(Recorder()))

    t = threading.Thread(target=protected_thread)
    t.start()
    inside.wait(10)
    results["outside"] = _leaks(_run_plain(Recorder()))
    release.set()
    t.join()
    assert results == {"inside": False, "outside": True}

    def churn() -> None:
        for _ in range(50):
            with mask_llamaindex_hooks(client=client):
                pass

    threads = [threading.Thread(target=churn) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not TOOLS.installed


def test_a_tool_class_defined_inside_an_open_block_is_protected(client: MaskClient) -> None:
    """If this fails, a tool class defined while a block is open runs unprotected in that block."""
    rec = Recorder()
    token = client.encode(CUSTOMER["email"])
    with mask_llamaindex_hooks(client=client):

        class LateTool(RecordTool):  # the app's own tool class, defined once a block is open
            def __call__(self, input: str) -> ToolOutput:
                self.rec.record("late", input=input)
                return ToolOutput(content=f"{input} is {CUSTOMER['phone']}", tool_name="late", raw_input={})

        with mask_llamaindex_hooks(client=client):  # an inner block must not need a fresh start either
            inner = LateTool(rec)(input=token)
        outer = LateTool(rec)(input=token)
    assert rec.of("late") == [{"input": CUSTOMER["email"]}] * 2, "the tool body gets the real value"
    assert_no_pii(inner.content, outer.content)
    assert "__call__" in LateTool.__dict__ and LateTool(rec)(input=token).content.startswith(token), (
        "after the blocks the class is as it was defined"
    )


def test_an_llm_class_defined_inside_a_tool_body_is_sent_tokens(client: MaskClient) -> None:
    """LLM classes are pydantic models: one created while the model patch is held is patched too."""
    sent: list[str] = []

    def write(email: str) -> str:
        """Write to a customer."""

        class LocalLLM(ScriptedLLM):
            @llm_completion_callback()
            def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
                sent.append(prompt)
                return CompletionResponse(text="written")

        return LocalLLM(script=scripted(Turn(text="unused"))).complete(f"Write to {email}").text

    token = client.encode(CUSTOMER["email"])
    assert protect(write, client=client).call(email=token).content == "written"
    assert sent == [f"Write to {token}"]


def test_protect_rejects_unknown_objects() -> None:
    with pytest.raises(TypeError):
        protect(42)


def test_least_privilege_holds_across_blocks(client: MaskClient) -> None:
    """A second block with another allowed_types= must not reuse the first block's policy.

    The old hooks cached protected tools on ``id(allowed_types)``; CPython gives a freed set's memory to the
    next set, so the second block handed the tool the SSN it was not allowed to see.
    """
    rec = Recorder()

    def verify(ssn: str, email: str) -> str:
        """Verify a customer."""
        rec.record("verify", ssn=ssn, email=email)
        return "verified"

    tool = FunctionTool.from_defaults(fn=verify)
    ssn, email = client.encode(CUSTOMER["ssn"]), client.encode(CUSTOMER["email"])
    call = Turn(calls=(ToolCall("verify", {"ssn": ssn, "email": email}, "c1"),))

    async def run(allowed_types: set[str]) -> None:
        with mask_llamaindex_hooks(client=client, allowed_types=allowed_types):
            await FunctionAgent(tools=[tool], llm=ScriptedLLM(script=scripted(call, Turn(text="ok")))).run(
                "go"
            )

    allowed_types = {"US_SSN"}
    asyncio.run(run(allowed_types))
    del allowed_types  # the next set is allocated where this one was
    allowed_types = {"EMAIL_ADDRESS"}
    asyncio.run(run(allowed_types))
    assert rec.of("verify") == [
        {"ssn": CUSTOMER["ssn"], "email": email},
        {"ssn": ssn, "email": CUSTOMER["email"]},
    ], "the second block may only allowed_types the email: the SSN must stay a token"
