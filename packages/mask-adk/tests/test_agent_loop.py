"""ADK-specific behaviour: the reference callbacks' exact semantics, MaskPlugin's input/output scanning,
streaming, and patching (protected -> unprotected -> protected again, restored, thread-safe)."""

from __future__ import annotations

import asyncio
import re
import threading
import uuid
from typing import Any

import pytest
from google.adk.agents import LlmAgent
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.apps import App
from google.adk.runners import InMemoryRunner
from google.adk.tools.agent_tool import AgentTool
from google.genai import types

from mask_adk import (
    MaskPlugin,
    MaskToolWrapper,
    decrypt_before_tool,
    encrypt_after_tool,
    mask_tool_callbacks,
    mask_tool_error,
    patched,
    protect,
)
from mask_adk.testing import ScriptedLlm
from mask_core import Firewall, MaskClient, MemoryVault, StreamDetokenizer
from mask_core.adapters import UnknownOptionError
from mask_core.keys import generate_key
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
from mask_core.testing.patch_suite import CountingClient


async def _drive(runner: InMemoryRunner, prompt: str, run_config: RunConfig | None = None) -> list[Any]:
    session = await runner.session_service.create_session(app_name=runner.app_name, user_id="u")
    message = types.Content(role="user", parts=[types.Part(text=prompt)])
    return [
        event
        async for event in runner.run_async(
            user_id="u", session_id=session.id, new_message=message, run_config=run_config or RunConfig()
        )
    ]


def _runner(agent: LlmAgent) -> InMemoryRunner:
    return InMemoryRunner(agent=agent, app_name=f"t{uuid.uuid4().hex[:8]}")


class Named:
    name = "refund"


def test_reference_callbacks_have_adk_semantics(default_client: MaskClient) -> None:
    args = {
        "card": default_client.encode(CUSTOMER["card"]),
        "email": default_client.encode(CUSTOMER["email"]),
    }
    same = args
    assert decrypt_before_tool(Named(), args, None) is None, "None lets the tool run"
    assert same is args and args == {"card": CUSTOMER["card"], "email": CUSTOMER["email"]}, "mutated in place"
    response = encrypt_after_tool(Named(), args, None, {"result": f"refunded {CUSTOMER['card']}"})
    assert_no_pii(response)
    assert default_client.deep_decode(response) == {"result": f"refunded {CUSTOMER['card']}"}

    foreign = MaskClient(tenant="x", master_key=b"k" * 32).encode(CUSTOMER["email"])
    bad = {"email": foreign}
    refusal = decrypt_before_tool(Named(), bad, None)
    assert isinstance(refusal, dict) and "did not run" in refusal["error"]
    assert bad == {"email": foreign}, "a refused call leaves the arguments as they were"
    with pytest.raises(ValueError) as info:
        mask_tool_error(Named(), {}, None, ValueError(f"card {CUSTOMER['card']} declined"))
    assert_no_pii(str(info.value))


def test_reference_callbacks_in_an_agent_loop_with_sse_streaming(default_client: MaskClient) -> None:
    rec = Recorder()
    model = ScriptedLlm(script=scripted(LOOKUP, refund_turn, answer_turn), chunk_size=5)
    agent = LlmAgent(
        name="support",
        model=model,
        tools=customer_tools(rec, async_refund=True),
        before_tool_callback=decrypt_before_tool,
        after_tool_callback=encrypt_after_tool,
    )
    events = asyncio.run(_drive(_runner(agent), "refund C-1001", RunConfig(streaming_mode=StreamingMode.SSE)))
    detok = StreamDetokenizer(default_client)
    shown = [
        detok.feed(p.text) for e in events if e.partial and e.content for p in e.content.parts or [] if p.text
    ]
    shown.append(detok.flush())
    assert_no_pii(*model.requests)
    assert rec.of("refund") == [{"card": CUSTOMER["card"], "email": CUSTOMER["email"]}]
    answer = "".join(shown)
    assert CUSTOMER["card"] in answer and CUSTOMER["email"] in answer


def test_plugin_scans_user_input_and_model_output(client: MaskClient) -> None:
    rec = Recorder()

    def send(email: str) -> str:
        """Send."""
        rec.record("send", email=email)
        return "sent"

    def echo(view: Any) -> Turn:
        token = re.search(r"u\.[a-z2-7]{10}@mask\.example\.net", view.text)
        assert token is not None, "the model should see the user's email as a token"
        return Turn(calls=(ToolCall("send", {"email": token.group(0)}, "c1"),))

    # the model "leaks" a phone number it was never given: scan_model_output tokenizes it
    model = ScriptedLlm(script=scripted(echo, Turn(text=f"Done. Call {CUSTOMER['phone']}.")))
    plugin = MaskPlugin(client=client, scan_user_input=True, scan_model_output=True)
    app = App(name="support", root_agent=LlmAgent(name="a", model=model, tools=[send]), plugins=[plugin])
    runner = InMemoryRunner(app=app)
    events = asyncio.run(_drive(runner, f"Mail {CUSTOMER['email']}, I am at {CUSTOMER['phone']}"))
    assert_no_pii(*model.requests)
    assert rec.of("send") == [{"email": CUSTOMER["email"]}]
    assert_no_pii(*[e.model_dump_json() for e in events])  # the session never stores plaintext


def _run_plain(rec: Recorder, agent: LlmAgent | None = None) -> list[str]:
    model = ScriptedLlm(script=scripted(LOOKUP, refund_turn, answer_turn))
    if agent is None:
        agent = LlmAgent(name="support", model=model, tools=customer_tools(rec, async_refund=True))
    else:
        agent.model = model
    asyncio.run(_drive(_runner(agent), "go"))
    return model.requests


def _leaks(requests: list[str]) -> bool:
    try:
        assert_no_pii(*requests)
    except AssertionError:
        return True
    return False


def _callbacks(agent: LlmAgent) -> tuple[Any, ...]:
    return tuple(
        getattr(agent, f) for f in ("before_tool_callback", "after_tool_callback", "on_tool_error_callback")
    )


def test_patched_agent_protected_unprotected_protected(client: MaskClient) -> None:
    rec = Recorder()
    child = LlmAgent(
        name="child",
        model=ScriptedLlm(script=scripted(Turn(text="x"))),
        tools=customer_tools(rec, async_refund=True),
    )
    own = [lambda tool, args, tool_context: None]
    root = LlmAgent(
        name="root",
        model=ScriptedLlm(),
        tools=customer_tools(rec, async_refund=True),
        sub_agents=[child],
        before_tool_callback=own,
    )
    fields = _callbacks(root), _callbacks(child)
    with patched(root, client=client), patched(root, client=client):
        assert (_callbacks(root), _callbacks(child)) == fields, "the agents are never modified"
        assert not _leaks(_run_plain(rec, root))
        assert not _leaks(_run_plain(rec, child))
    assert (_callbacks(root), _callbacks(child)) == fields
    assert _leaks(_run_plain(rec, root))
    with patched(root, client=client):
        assert not _leaks(_run_plain(rec, root))
    assert all(r["card"] == CUSTOMER["card"] for r in rec.of("refund")[-1:])


def test_patched_covers_the_copies_made_in_the_block_and_leaves_nothing_on_them(client: MaskClient) -> None:
    """If this fails, a clone made in the block runs unprotected, or keeps Mask after the block."""
    rec = Recorder()
    child = LlmAgent(name="child", model=ScriptedLlm(), tools=customer_tools(rec, async_refund=True))
    root = LlmAgent(name="root", model=ScriptedLlm(), sub_agents=[child])
    other = LlmAgent(name="other", model=ScriptedLlm(), tools=customer_tools(rec, async_refund=True))
    with patched(root, client=client):
        copy = root.clone(update={"name": "copy"})  # what ADK's runners and optimizers do
        copy_of_copy = copy.sub_agents[0].clone()
        stranger = other.clone()
        for agent in (copy.sub_agents[0], copy_of_copy):
            assert not _leaks(_run_plain(rec, agent)), "a copy of a covered agent is covered"
        assert _leaks(_run_plain(rec, stranger)), "a copy of an agent the block does not name is not"
    assert _callbacks(copy.sub_agents[0]) == _callbacks(copy_of_copy) == (None, None, None)
    assert _leaks(_run_plain(rec, copy_of_copy)), "after the block the copies are plain agents again"


def test_an_agent_protected_for_good_runs_under_its_own_callbacks_in_a_block(client: MaskClient) -> None:
    """If this fails, a block decodes a call twice, or with another tenant's client than the agent's."""
    rec = Recorder()
    agent = LlmAgent(name="support", model=ScriptedLlm(), tools=customer_tools(rec, async_refund=True))
    protect(agent, client=client)
    other = CountingClient(tenant="other", master_key=generate_key(), vault=MemoryVault())
    for block in (patched(client=other), patched(agent, client=other)):
        with block:
            assert not _leaks(_run_plain(rec, agent))
    assert (other.decodes, other.encodes) == (0, 0), "the agent's own protection decides, once"
    assert [r["card"] for r in rec.of("refund")] == [CUSTOMER["card"]] * 2


def test_global_patch_protected_unprotected_protected_and_thread_safe(client: MaskClient) -> None:
    prop = LlmAgent.__dict__["canonical_before_tool_callbacks"]
    with patched(client=client):
        with patched(client=client):
            assert not _leaks(_run_plain(Recorder()))
        assert LlmAgent.__dict__["canonical_before_tool_callbacks"] is not prop
    assert LlmAgent.__dict__["canonical_before_tool_callbacks"] is prop
    assert _leaks(_run_plain(Recorder()))
    with patched(client=client):
        assert not _leaks(_run_plain(Recorder()))

    inside, release = threading.Event(), threading.Event()
    results: dict[str, bool] = {}

    def protected_thread() -> None:
        with patched(client=client):
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
            with patched(client=client):
                pass

    threads = [threading.Thread(target=churn) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert LlmAgent.__dict__["canonical_before_tool_callbacks"] is prop


def test_patched_rejects_non_agents() -> None:
    with pytest.raises(TypeError), patched(42):
        pass


@pytest.mark.parametrize(
    "build",
    [
        lambda c: MaskPlugin(client=c, policy=Firewall(client=c)),
        lambda c: MaskPlugin(client=c, decodes={"EMAIL_ADDRESS"}),
        lambda c: mask_tool_callbacks(client=c, decodes={"EMAIL_ADDRESS"}),
        lambda c: MaskToolWrapper(lambda x: x, client=c, policy=Firewall(client=c)),
    ],
    ids=["plugin-policy", "plugin-decodes", "callbacks-decodes", "wrapper-policy"],
)
def test_an_unknown_option_is_an_error_everywhere(client: MaskClient, build: Any) -> None:
    with pytest.raises(UnknownOptionError):
        build(client)


def test_protect_an_agent_for_good_walks_into_agent_tools(client: MaskClient) -> None:
    rec = Recorder()
    worker = LlmAgent(name="worker", model=ScriptedLlm(), tools=customer_tools(rec, async_refund=True))
    own = [lambda tool, args, tool_context: None]
    root = LlmAgent(
        name="root", model=ScriptedLlm(), tools=[AgentTool(agent=worker)], before_tool_callback=own
    )
    assert protect(root, client=client) is root
    assert protect(root, client=client) is root, "protecting again replaces Mask's callbacks"
    assert len(root.before_tool_callback) == 2 and root.before_tool_callback[1] is own[0]
    assert len(worker.before_tool_callback) == 1 and worker.after_tool_callback is not None
    run = _run_plain(rec, worker)
    assert not _leaks(run)
    assert rec.of("refund") == [{"card": CUSTOMER["card"], "email": CUSTOMER["email"]}]
